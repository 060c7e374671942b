import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppDeps } from './deps.ts';
import { lockPageError, lockPageNotFound, lockPageRefused } from './locks/index.ts';
import { accessLog } from './platform/http/access-log.ts';
import { requestDeadline } from './platform/http/deadline.ts';
import type { AppEnv } from './platform/http/env.ts';
import { handleError, handleNotFound, isDependencyUnavailable, stackFrames } from './platform/http/errors.ts';
import { formBodies } from './platform/http/form-body.ts';
import { originGuard } from './platform/http/origin-guard.ts';
import { API_CSP, frameHeaders, SITE_CSP, securityHeaders } from './platform/http/security-headers.ts';
import { unavailableAnswer } from './platform/http/unavailable-page.ts';

/**
 * The platform's side of every app: request ids, security headers, the access log, the request
 * deadline, the origin guard, CORS, the body limit and form parsing, then one error mapping and
 * one not-found answer. The public routes (`public-app.ts`) and the staff routes (`staff-app.ts`)
 * are mounted on it; `app.ts` mounts both.
 */
export function platformApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const apiHeaders = securityHeaders(API_CSP);
  const pageHeaders = securityHeaders(SITE_CSP);
  const framedHeaders = frameHeaders();

  // Ids come from us, not the client, so a caller can't plant text in our logs.
  app.use(requestId({ generator: () => crypto.randomUUID(), headerName: '' }));
  app.use(async (c, next) => {
    await next();
    // Pages (HTML, including a no-JS form post answered at an /api path) get the site's policy.
    const isPage = c.res.headers.get('content-type')?.startsWith('text/html') ?? !c.req.path.startsWith('/api/');
    const headers = isPage ? (c.get('frameable') ? framedHeaders : pageHeaders) : apiHeaders;
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    c.res.headers.set('X-Request-Id', c.get('requestId'));
    deps.metrics.flush();
  });
  app.use(accessLog(deps.logger));
  // On Lambda, a request near the function timeout is answered 503 by us rather than cut off.
  app.use(requestDeadline());
  // Before anything else that could read, write or count: only CloudFront may call the deployed API.
  if (deps.originSecret) app.use(originGuard(deps.originSecret));
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (deps.config.allowedOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Form-Token', 'Authorization', 'X-CSRF-Token'],
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
  app.use(formBodies());

  app.notFound((c) => (c.req.path.startsWith('/api/') ? handleNotFound(c) : lockPageNotFound(deps.shells, c)));
  app.onError((error, c) => {
    // A busy or unreachable dependency: 503 with Retry-After, as JSON or as a page with the crisis lines.
    if (isDependencyUnavailable(error)) return unavailableAnswer(error, c, deps.shells);
    if (c.req.path.startsWith('/api/')) return handleError(error, c);
    // A request refused before any route could answer it (too large, not a readable form, a
    // forged staff change): a page with its own 4xx status, never a 500.
    if (error instanceof HTTPException && error.status < 500) return lockPageRefused(deps.shells, c, error.status);
    c.var.logger?.error('unhandled page error', { errorName: error.name, frames: stackFrames(error) });
    return lockPageError(deps.shells, c);
  });
  return app;
}
