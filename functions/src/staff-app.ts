import type { Hono } from 'hono';
import type { Services } from './compose.ts';
import type { AppDeps } from './deps.ts';
import { consoleLocks, lockCharts, lockStaffRoutes } from './locks/for-staff.ts';
import type { AppEnv } from './platform/http/env.ts';
import { platformApp } from './platform-app.ts';
import { staffConsoleRoutes, staffRoutes } from './staff/for-staff.ts';

/**
 * What campaign staff reach: the staff API (`/api/staff/*`, exports included) and the console
 * (`/staff/`, `/es/staff/`), each capability contributing its part (locks: status changes, stock,
 * charts). On Lambda this is loaded on the first staff request only (`lambda.ts`): residents' cold
 * starts never parse it.
 */
export function mountStaffRoutes(app: Hono<AppEnv>, deps: AppDeps, services: Services): void {
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
  app.route('/api/staff', staffRoutes({ ...staff, campaignRoutes: [lockStaffRoutes({ service: services.locks, rows: deps.lockRequestRows })] }));
  app.route('/', staffConsoleRoutes({ ...staff, charts: [lockCharts({ rows: deps.lockRequestRows, stock: deps.stock })], locks: consoleLocks(services.locks, deps.stock) }));
}

/** The staff surfaces alone, on the platform's middleware (the staff part of the API Lambda, and the export function). */
export function createStaffApp(deps: AppDeps, services: Services): Hono<AppEnv> {
  const app = platformApp(deps);
  mountStaffRoutes(app, deps, services);
  return app;
}
