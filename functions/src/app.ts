import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { campaignRoutes } from './campaigns/index.ts';
import { composeServices, type Services } from './compose.ts';
import type { AppDeps } from './deps.ts';
import { consoleLocks, lockApiRoutes, lockCharts, lockPageError, lockPageNotFound, lockPageRefused, lockPageRoutes, lockStaffRoutes, prefilledLockForm, type LockRouteDeps } from './locks/index.ts';
import { formTokenRoutes } from './platform/abuse/routes.ts';
import { healthRoutes } from './platform/health/routes.ts';
import { accessLog } from './platform/http/access-log.ts';
import { requestDeadline } from './platform/http/deadline.ts';
import type { AppEnv } from './platform/http/env.ts';
import { handleError, handleNotFound, isDependencyUnavailable, stackFrames } from './platform/http/errors.ts';
import { formBodies } from './platform/http/form-body.ts';
import { originGuard } from './platform/http/origin-guard.ts';
import { API_CSP, frameHeaders, SITE_CSP, securityHeaders } from './platform/http/security-headers.ts';
import { unavailableAnswer } from './platform/http/unavailable-page.ts';
import { pledgeApiRoutes, pledgePageRoutes, type PledgeRouteDeps } from './pledges/index.ts';
import { erpoRoutes } from './red-flag/index.ts';
import { staffConsoleRoutes, staffRoutes } from './staff/index.ts';

/**
 * The whole dynamic side as one Hono app: the platform's middleware, then each capability's routes
 * (the JSON API under `/api`, and the request-time pages of `request-time-pages.ts`, rendered into
 * shells the site build made). The Lambda handler and the local server both serve exactly this
 * app; tests call `createApp(deps).request(...)`.
 */
export function createApp(deps: AppDeps, services: Services = composeServices(deps)) {
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

  const locks: LockRouteDeps = {
    config: deps.config,
    service: services.locks,
    guard: services.guard,
    campaigns: deps.campaigns,
    stock: deps.stock,
    shells: deps.shells,
    keyRing: deps.keyRing,
  };

  const pledges: PledgeRouteDeps = {
    config: deps.config,
    service: services.pledges,
    guard: services.guard,
    campaigns: deps.campaigns,
    shells: deps.shells,
    lockForm: prefilledLockForm(locks),
  };


  const staff = {
    config: deps.config,
    access: deps.staffAccess,
    keyRing: deps.keyRing,
    campaigns: deps.campaigns,
    outbox: services.outbox,
    auditLog: deps.auditLog,
    shells: deps.shells,
    ...(deps.pledgeExport ? { pledges: deps.pledgeExport } : {}),
  };
  app.route('/api/health', healthRoutes(deps.health));
  app.route('/api/form-token', formTokenRoutes(services.guard, deps.config.formMinFillSeconds));
  app.route('/api/campaigns', campaignRoutes(deps.campaigns));
  app.route('/api', lockApiRoutes(locks));
  app.route('/api', pledgeApiRoutes(pledges));
  app.route('/api/erpo', erpoRoutes(deps.erpo));
  app.route('/api/staff', staffRoutes({ ...staff, campaignRoutes: [lockStaffRoutes({ service: services.locks, rows: deps.lockRequestRows })] }));
  app.route('/', staffConsoleRoutes({ ...staff, charts: [lockCharts({ rows: deps.lockRequestRows, stock: deps.stock })], locks: consoleLocks(services.locks, deps.stock) }));
  app.route('/', lockPageRoutes(locks));
  app.route('/', pledgePageRoutes(pledges));

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
