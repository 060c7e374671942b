import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzHarness, type FuzzHarness } from './harness.ts';
import { ALL_ROUTES, routesWhere, SPEC_KEYS } from './route-list.ts';
import { routeSpecs, specKey, type RouteSpec } from './routes.ts';
import { expectNothingUnexplained, fuzzRoute, report, runsPerRoute } from './runner.ts';
import { FUZZ_RUNS, SHARES, timeoutFor } from './settings.ts';

/**
 * Property-based fuzzing of every public route the app serves (JSON API, form posts, pages), over
 * DynamoDB Local: hostile bodies built from the real schemas, query strings, headers and path
 * parameters. For every input: no 5xx; a rejection is a 4xx with the JSON error shape or a page
 * with the crisis lines; field errors in the request's language; nothing written for it but
 * rate-limit counters (checked per request, and by comparing the table before and after each route).
 */
const routes = routesWhere((spec) => !spec?.staff);
const runs = runsPerRoute(routes, SPEC_KEYS, FUZZ_RUNS * SHARES.publicRoutes);
let h: FuzzHarness;
let specs: Record<string, RouteSpec>;
let before: Map<string, string>;

beforeAll(async () => {
  h = await fuzzHarness();
  specs = routeSpecs(h.fixtures);
  before = await h.snapshot();
});
afterAll(() => console.log(report('public routes')));

describe('every route the app serves is fuzzed', () => {
  it('has a fuzz spec for each route, by name (a new route must be added to tests/integration/fuzz/routes.ts)', () => {
    expect(ALL_ROUTES.length).toBeGreaterThan(50);
    expect(ALL_ROUTES.filter((r) => !SPEC_KEYS[specKey(r)]).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('has no spec for a route the app no longer serves', () => {
    const served = new Set(ALL_ROUTES.map(specKey));
    expect(Object.keys(SPEC_KEYS).filter((key) => !served.has(key))).toEqual([]);
  });
});

describe.concurrent('public routes answer hostile input with a 4xx in the right language and write nothing', () => {
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
