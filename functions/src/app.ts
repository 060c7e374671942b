import type { Hono } from 'hono';
import { composeServices, type Services } from './compose.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './platform/http/env.ts';
import { platformApp } from './platform-app.ts';
import { publicRouteParts } from './public-app.ts';
import { mountStaffRoutes } from './staff-app.ts';

/**
 * The whole dynamic side as one Hono app: the platform's middleware (`platform-app.ts`), then each
 * capability's routes (the JSON API under `/api`, the staff surfaces, and the request-time pages
 * of `request-time-pages.ts`, rendered into shells the site build made). The local server and the
 * tests serve exactly this app (`createApp(deps).request(...)`); the API Lambda serves the same
 * routes, the staff part loaded on its first staff request (`lambda.ts`).
 */
export function createApp(deps: AppDeps, services: Services = composeServices(deps)): Hono<AppEnv> {
  const app = platformApp(deps);
  const residents = publicRouteParts(deps, services);
  residents.api(app);
  mountStaffRoutes(app, deps, services);
  residents.pages(app);
  return app;
}
