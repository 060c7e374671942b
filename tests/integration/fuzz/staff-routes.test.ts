import { afterAll, beforeAll, describe, it } from 'vitest';
import { fuzzHarness, type FuzzHarness } from './harness.ts';
import { routesWhere, SPEC_KEYS } from './route-list.ts';
import { routeSpecs, specKey, type RouteSpec } from './routes.ts';
import { expectNothingUnexplained, fuzzRoute, report, runsPerRoute } from './runner.ts';
import { FUZZ_RUNS, SHARES, timeoutFor } from './settings.ts';

/**
 * Property-based fuzzing of the staff API and console over DynamoDB Local. Without a valid token
 * or session every staff API route answers 401 or 403 and every console page sends the browser to
 * sign in (GET) or answers 403 (POST); with one (each role, another campaign's, a missing or forged
 * CSRF token), hostile input is a 4xx and writes nothing, the audit log included.
 */
const routes = routesWhere((spec) => Boolean(spec?.staff));
const runs = runsPerRoute(routes, SPEC_KEYS, FUZZ_RUNS * SHARES.staffRoutes);
let h: FuzzHarness;
let specs: Record<string, RouteSpec>;
let before: Map<string, string>;

beforeAll(async () => {
  h = await fuzzHarness();
  specs = routeSpecs(h.fixtures);
  before = await h.snapshot();
});
afterAll(() => console.log(report('staff routes')));

describe.concurrent('staff routes deny strangers and answer hostile input from staff with a 4xx that writes nothing', () => {
  for (const route of routes) {
    const name = `${route.method} ${route.path}`;
    const n = runs.get(name)!;
    it(`${name} (${n} inputs)`, async () => {
      await fuzzRoute(h, route, specs[specKey(route)]!, n);
    }, timeoutFor(n));
  }
});

describe('after every route was fuzzed', () => {
  it('the table holds nothing a rejected input wrote (compared with a scan before the run)', async () => {
    await expectNothingUnexplained(h, before);
  });
});
