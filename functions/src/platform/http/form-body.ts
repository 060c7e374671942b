import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.ts';
import { PLATFORM_MESSAGES } from './messages.ts';

/**
 * A body that does not parse as the form its Content-Type names (a multipart post without its
 * boundary, or cut short) is the client's error: `c.req.parseBody()` answers it with a 400 instead
 * of a TypeError that would surface as a 500. Nothing is read up front, so a route still decides
 * what comes first (staff routes check the sign-in before they read a body), and the body limit's
 * 413 passes through unchanged.
 */
export function formBodies() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const parseBody = c.req.parseBody.bind(c.req);
    c.req.parseBody = (async (options?: Parameters<typeof parseBody>[0]) => {
      try {
        return await parseBody(options);
      } catch (error) {
        if (error instanceof HTTPException) throw error;
        throw new HTTPException(400, { message: PLATFORM_MESSAGES.formUnreadable.en });
      }
    }) as typeof c.req.parseBody;
    await next();
  });
}
