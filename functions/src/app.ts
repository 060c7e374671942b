import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps.ts';
import { accessLog } from './http/access-log.ts';
import type { AppEnv } from './http/env.ts';
import { handleError, handleNotFound } from './http/errors.ts';
import { API_CSP, SITE_CSP, securityHeaders } from './http/security-headers.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { lockPageError, lockPageNotFound, lockPageRoutes } from './routes/lock-pages.ts';
import { lockRequestRoutes } from './routes/lock-requests.ts';
import { staffRoutes } from './routes/staff.ts';
import { lockService } from './services/lock-requests.ts';
import { erpoRoutes } from './routes/erpo.ts';
import { healthRoutes } from './routes/health.ts';

/**
 * The whole dynamic side as one Hono app: the JSON API under `/api`, and the few pages that need
 * data at request time (the lock finder), rendered into shells the site build made. The Lambda
 * handler and the local server both serve exactly this app; tests call `createApp(deps).request(...)`.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const apiHeaders = securityHeaders(API_CSP);
  const pageHeaders = securityHeaders(SITE_CSP);

  // Ids come from us, not the client, so a caller can't plant text in our logs.
  app.use(requestId({ generator: () => crypto.randomUUID(), headerName: '' }));
  app.use(async (c, next) => {
    await next();
    // Pages (HTML, including a no-JS form post answered at an /api path) get the site's policy.
    const isPage = c.res.headers.get('content-type')?.startsWith('text/html') ?? !c.req.path.startsWith('/api/');
    const headers = isPage ? pageHeaders : apiHeaders;
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    c.res.headers.set('X-Request-Id', c.get('requestId'));
  });
  app.use(accessLog(deps.logger));
  app.use(
    '/api/*',
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

  const locks = lockService(deps);
  app.route('/api/health', healthRoutes(deps));
  app.route('/api/campaigns', campaignRoutes(deps));
  app.route('/api', lockRequestRoutes(deps, locks));
  app.route('/api/staff', staffRoutes(deps, locks));
  app.route('/api/erpo', erpoRoutes(deps));
  app.route('/', lockPageRoutes(deps, locks));

  app.notFound((c) => (c.req.path.startsWith('/api/') ? handleNotFound(c) : lockPageNotFound(deps, c)));
  app.onError((error, c) => {
    if (c.req.path.startsWith('/api/')) return handleError(error, c);
    c.var.logger?.error('unhandled page error', { errorName: error.name, frames: error.stack?.split('\n').slice(1).join('\n') });
    return lockPageError(deps, c);
  });
  return app;
}

