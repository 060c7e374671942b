import type { Logger } from '@aws-lambda-powertools/logger';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from './env.ts';

/**
 * One log line per request with the route *pattern* (`/api/campaigns/:slug`), never the concrete
 * path or query string (those can hold a ZIP code or a private token), and never headers, bodies
 * or client addresses.
 */
export function accessLog(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const child = logger.createChild({ persistentKeys: { requestId: c.get('requestId') } });
    c.set('logger', child);
    await next();
    child.info('request', {
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
    });
  });
}
