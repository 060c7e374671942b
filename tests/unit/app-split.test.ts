import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/src/app.ts';
import { composeServices } from '../../functions/src/compose.ts';
import { createPublicApp } from '../../functions/src/public-app.ts';
import { createStaffApp } from '../../functions/src/staff-app.ts';
import { isStaffPath } from '../../functions/src/staff/index.ts';
import { buildDeps } from '../support/builders.ts';

/**
 * The API Lambda serves residents' routes at once and loads the staff surfaces on the first staff
 * request, choosing by `isStaffPath` (decision 0020). Both halves together must be the whole app:
 * a staff route the predicate missed would answer 404 on AWS while passing every in-process test.
 */
const routesOf = (app: { routes: { method: string; path: string }[] }) =>
  new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));

describe('residents and staff: one app, two halves on Lambda', () => {
  const deps = buildDeps();
  const services = composeServices(deps);
  const whole = routesOf(createApp(deps, services));
  const residents = routesOf(createPublicApp(deps, services));
  const staff = routesOf(createStaffApp(deps, services));

  it('sends every staff route, and only those, to the staff half', () => {
    expect(staff.size).toBeGreaterThan(10);
    for (const route of staff) expect(isStaffPath(route.split(' ')[1]!), route).toBe(true);
    for (const route of residents) expect(isStaffPath(route.split(' ')[1]!), route).toBe(false);
  });

  it('adds up to the whole app, route for route', () => {
    expect(new Set([...residents, ...staff])).toEqual(whole);
  });

  it('tells staff paths by exact prefix, not by the console pattern', () => {
    for (const path of ['/api/staff', '/api/staff/me', '/staff', '/staff/', '/staff/sign-in', '/es/staff/c/x/requests/']) expect(isStaffPath(path), path).toBe(true);
    for (const path of ['/c/staff-town/get-a-lock/', '/api/staffing', '/staffing/', '/es/staffs', '/api/campaigns/staff/pledges', '/']) expect(isStaffPath(path), path).toBe(false);
  });
});
