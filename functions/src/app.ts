import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps.ts';
import { accessLog } from './http/access-log.ts';
import type { AppEnv } from './http/env.ts';
import { handleError, handleNotFound } from './http/errors.ts';
import { API_CSP, securityHeaders } from './http/security-headers.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { erpoRoutes } from './routes/erpo.ts';
import { healthRoutes } from './routes/health.ts';

/**
 * The whole API as one Hono app under `/api`. The Lambda handler and the local server both serve
 * exactly this app; tests call `createApp(deps).request(...)`.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>().basePath('/api');
  const headers = securityHeaders(API_CSP);

  // Ids come from us, not the client, so a caller can't plant text in our logs.
  app.use(requestId({ generator: () => crypto.randomUUID(), headerName: '' }));
  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    c.res.headers.set('X-Request-Id', c.get('requestId'));
  });
  app.use(accessLog(deps.logger));
  app.use(
    cors({
      origin: (origin) => (deps.config.allowedOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization'],
      maxAge: 600,
    }),
  );
  app.use(
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        throw new HTTPException(413, { message: `The request is larger than ${deps.config.maxBodyBytes} bytes.` });
      },
    }),
  );

  app.route('/health', healthRoutes(deps));
  app.route('/campaigns', campaignRoutes(deps));
  app.route('/erpo', erpoRoutes(deps));

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

export type LocklineApp = ReturnType<typeof createApp>;
