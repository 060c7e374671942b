import type { Hono } from 'hono';
import { campaignRoutes } from './campaigns/index.ts';
import type { Services } from './compose.ts';
import type { AppDeps } from './deps.ts';
import { lockApiRoutes, lockPageRoutes, prefilledLockForm, type LockRouteDeps } from './locks/index.ts';
import { formTokenRoutes } from './platform/abuse/routes.ts';
import { healthRoutes } from './platform/health/routes.ts';
import type { AppEnv } from './platform/http/env.ts';
import { platformApp } from './platform-app.ts';
import { pledgeApiRoutes, pledgePageRoutes, type PledgeRouteDeps } from './pledges/index.ts';
import { erpoRoutes } from './red-flag/index.ts';

/**
 * What residents reach: health, form tokens, campaigns, lock requests, pledges and the red-flag
 * guide, as JSON under `/api` and as the request-time pages. The API routes and the pages are
 * mounted separately so the whole app (`app.ts`) keeps its order: API, staff, then pages.
 */
export function publicRouteParts(deps: AppDeps, services: Services) {
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
  return {
    api(app: Hono<AppEnv>) {
      app.route('/api/health', healthRoutes(deps.health));
      app.route('/api/form-token', formTokenRoutes(services.guard, deps.config.formMinFillSeconds));
      app.route('/api/campaigns', campaignRoutes(deps.campaigns));
      app.route('/api', lockApiRoutes(locks));
      app.route('/api', pledgeApiRoutes(pledges));
      app.route('/api/erpo', erpoRoutes(deps.erpo));
    },
    pages(app: Hono<AppEnv>) {
      app.route('/', lockPageRoutes(locks));
      app.route('/', pledgePageRoutes(pledges));
    },
  };
}

/** The public routes alone, on the platform's middleware: what the API Lambda loads at cold start. */
export function createPublicApp(deps: AppDeps, services: Services): Hono<AppEnv> {
  const app = platformApp(deps);
  const residents = publicRouteParts(deps, services);
  residents.api(app);
  residents.pages(app);
  return app;
}
