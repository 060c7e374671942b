import fc from 'fast-check';
import { inspectRoutes } from 'hono/dev';
import type { Hono } from 'hono';
import { lockRequestSchema } from '../../../functions/src/locks/rules/request.ts';
import { pledgeInputSchema } from '../../../functions/src/pledges/rules/input.ts';
import { campaignGroup, PLATFORM_ADMIN_GROUP } from '../../../functions/src/staff/index.ts';
import { headerText, hostileText, paramOf, queryOf } from './arbitraries.ts';
import type { Fixtures } from './harness.ts';
import { bodyModel, type Auth, type BodyModel, type RouteShape } from './inputs.ts';

/**
 * What the fuzzer knows about each route the app serves: the values its path parameters take,
 * its query parameters, the body model built from the route's real schema, whether it is a public
 * POST behind the anti-abuse guard, and who may call it. Routes are listed from the app itself
 * (`inspectRoutes`), so a route added later without an entry here fails the fuzz test by name.
 * Keys drop the language prefix (`/es`, and `/:lang` of a campaign's added languages): every
 * language of a page shares an entry.
 */
export interface RouteSpec {
  /** Share of the run's inputs, relative to the other routes. */
  weight: number;
  params?: Record<string, fc.Arbitrary<string>>;
  query?: Record<string, fc.Arbitrary<string>>;
  body?: BodyModel;
  guarded?: boolean;
  /** `api`: a staff API route (no valid token: 401/403); `page`: a console campaign page; `open`: anyone. */
  staff?: 'api' | 'page' | 'open';
}

export interface AppRoute {
  method: string;
  path: string;
}

/** Every route the app answers (not middleware), as it lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app: only its route list is read
export function appRoutes(app: Hono<any>): AppRoute[] {
  return inspectRoutes(app)
    .filter((r) => !r.isMiddleware)
    .map((r) => ({ method: r.method, path: r.path }));
}

export const specKey = (route: AppRoute): string => `${route.method} ${route.path.replace(/^\/(?:es|:lang\{[^}]*\})(?=\/)/, '')}`;

/** A campaign page's added language: one the test campaign lists, one it does not, Spanish, junk. */
const lang = paramOf('vi', 'fr', 'es', 'EN');

const zip = fc.oneof(fc.constantFrom('97201', '97201-1234', '972011234', '00000', '99999', '20001', '73301', ' 97201 '), hostileText);
const dateText = fc.oneof(fc.constantFrom('2026-11-25', '2026-02-30', '1970-01-01', '9999-12-31', '26-11-25'), hostileText);

function lockRequestModel(): BodyModel {
  const common = { name: 'Fuzz Resident', email: 'fuzz@example.test', phone: '503-555-0100', lockType: 'cable', quantity: 1, language: 'es', consent: true, waitlist: true };
  return bodyModel(
    [
      { ...common, delivery: 'mail', address: { line1: '1 Fuzz Street', line2: 'Apt 2', city: 'Portland', state: 'OR', zip: '97201' } },
      { ...common, delivery: 'pickup', siteId: 'library', language: 'en' },
    ],
    lockRequestSchema({ languages: ['en', 'es', 'vi'], householdCap: 2 }),
    'any',
  );
}

const pledgeModel = () =>
  bodyModel([{ name: 'Fuzz Pledger', email: 'pledger@example.test', zip: '97201', language: 'es', updates: true, wantsLock: true }], pledgeInputSchema(['en', 'es', 'vi']), 'any');

const noBody = bodyModel([{}], null, 'form');

export function routeSpecs(fx: Fixtures): Record<string, RouteSpec> {
  const slug = fc.oneof({ weight: 6, arbitrary: fc.constant(fx.live) }, { weight: 3, arbitrary: paramOf(fx.live, fx.draft, fx.ended, 'demo-city', 'nowhere') });
  const code = paramOf(fx.request.code, 'K7QM-3XPD', fx.request.code.toLowerCase().replace('-', ''));
  const secret = paramOf(fx.request.secret, 'A'.repeat(32));
  const tokenFor = (scope: string, kind: 'confirm' | 'unsubscribe' | 'delete') => {
    const own = fx.links[scope]![kind];
    const other = Object.values(fx.links).flatMap((l) => Object.values(l));
    return fc.oneof({ weight: 3, arbitrary: fc.constant(own) }, { weight: 2, arbitrary: paramOf(own, ...other) });
  };
  const staffQuery = { status: fc.oneof(fc.constantFrom('requested', 'ready', 'waitlisted', 'all', 'shipped'), hostileText), site: fc.oneof(fc.constantFrom('library', 'mail', 'clinic'), hostileText) };
  const exportQuery = { ...staffQuery, from: dateText, to: dateText, delivery: fc.oneof(fc.constantFrom('mail', 'pickup', 'all'), hostileText) };

  const specs: Record<string, RouteSpec> = {
    'GET /api/health': { weight: 1 },
    'GET /api/form-token': { weight: 1 },
    'GET /api/campaigns': { weight: 1 },
    'GET /api/campaigns/:slug': { weight: 2, params: { slug } },
    'GET /api/campaigns/:slug/pickup-sites': { weight: 4, params: { slug }, query: { zip } },
    'POST /api/campaigns/:slug/lock-requests': { weight: 14, params: { slug }, body: lockRequestModel(), guarded: true },
    'GET /api/campaigns/:slug/lock-requests/:code': { weight: 2, params: { slug, code } },
    'POST /api/campaigns/:slug/lock-requests/:code/cancel': { weight: 2, params: { slug, code }, body: noBody },
    'POST /api/pledges': { weight: 8, body: pledgeModel(), guarded: true },
    'POST /api/campaigns/:slug/pledges': { weight: 8, params: { slug }, body: pledgeModel(), guarded: true },
    'GET /api/pledges/count': { weight: 1 },
    'GET /api/campaigns/:slug/pledges/count': { weight: 1, params: { slug } },
    'GET /api/erpo/states': { weight: 1 },
    'GET /api/erpo/states/:code': { weight: 2, params: { code: paramOf('OR', 'or', 'DC', 'TX', 'PR', 'ZZ') } },
    'GET /api/erpo/lookup': { weight: 4, query: { zip } },
    'POST /api/erpo/find': {
      weight: 5,
      body: bodyModel([{ zip: '97201', lang: 'es' }, { state: 'OR', lang: 'en' }, { zip: '00601' }], null, 'form'),
    },

    // Staff API: deny by default.
    'GET /api/staff/me': { weight: 1, staff: 'api' },
    'GET /api/staff/campaigns/:slug/lock-requests': { weight: 2, staff: 'api', params: { slug }, query: staffQuery },
    'POST /api/staff/campaigns/:slug/lock-requests/:code/status': {
      weight: 2,
      staff: 'api',
      params: { slug, code },
      body: bodyModel([{ status: 'ready' }, { status: 'cancelled' }], null, 'json'),
    },
    'POST /api/staff/campaigns/:slug/stock': {
      weight: 2,
      staff: 'api',
      params: { slug },
      body: bodyModel([{ site: 'library', lockType: 'cable', quantity: 1 }, { site: 'mail', lockType: 'cable', quantity: 3 }, { site: 'mail', lockType: 'box', quantity: 2 }, { site: 'clinic', lockType: 'box', quantity: 1 }], null, 'json'),
    },
    'GET /api/staff/campaigns/:slug/lock-requests.csv': { weight: 2, staff: 'api', params: { slug }, query: exportQuery },
    'GET /api/staff/campaigns/:slug/emails/failed': { weight: 1, staff: 'api', params: { slug } },
    'POST /api/staff/campaigns/:slug/emails/failed/:id/retry': { weight: 1, staff: 'api', params: { slug, id: paramOf('00000000-0000-4000-8000-000000000000') }, body: noBody },
    'GET /api/staff/campaigns/:slug/audit': { weight: 1, staff: 'api', params: { slug }, query: { cursor: hostileText } },
    'GET /api/staff/campaigns/:slug/pledges.csv': { weight: 2, staff: 'api', params: { slug }, query: { from: dateText, to: dateText, status: fc.oneof(fc.constantFrom('confirmed', 'unconfirmed'), hostileText) } },

    // Staff console pages.
    'GET /staff': { weight: 1, staff: 'open' },
    'GET /staff/': { weight: 1, staff: 'open' },
    'GET /staff/sign-in': { weight: 1, staff: 'open' },
    'POST /staff/sign-out': { weight: 1, staff: 'open', body: noBody },
    'GET /staff/callback': { weight: 2, staff: 'open', query: { state: fc.oneof(fc.constantFrom('es.abc', 'en.abc'), hostileText), code: hostileText } },
    'GET /staff/c/:slug/': { weight: 1, staff: 'page', params: { slug } },
    'GET /staff/c/:slug/requests/': { weight: 1, staff: 'page', params: { slug }, query: { ...staffQuery, page: fc.oneof(fc.constantFrom('1', '2', '0', '-1', '99999999'), hostileText) } },
    'POST /staff/c/:slug/requests/:code': {
      weight: 1,
      staff: 'page',
      params: { slug, code },
      body: bodyModel([{ status: 'ready', back: '?page=1' }, { status: 'shipped' }], null, 'form'),
    },
    'GET /staff/c/:slug/stock/': { weight: 1, staff: 'page', params: { slug } },
    'POST /staff/c/:slug/stock/': { weight: 1, staff: 'page', params: { slug }, body: bodyModel([{ site: 'library', lockType: 'cable', quantity: '2' }, { site: 'mail', lockType: 'box', quantity: '1' }], null, 'form') },
    'GET /staff/c/:slug/exports/': { weight: 1, staff: 'page', params: { slug } },
    'GET /staff/c/:slug/emails/': { weight: 1, staff: 'page', params: { slug } },
    'POST /staff/c/:slug/emails/:id': { weight: 1, staff: 'page', params: { slug, id: paramOf('00000000-0000-4000-8000-000000000000') }, body: noBody },
    'GET /staff/c/:slug/audit/': { weight: 1, staff: 'page', params: { slug }, query: { cursor: hostileText } },

    // Lock pages: finders, the request form, the private status page.
    'GET /get-a-lock/': { weight: 2, query: { zip } },
    'GET /get-a-lock': { weight: 1, query: { zip } },
    'GET /c/:slug/get-a-lock/': { weight: 2, params: { slug }, query: { zip } },
    'GET /c/:slug/get-a-lock/request/': { weight: 1, params: { slug }, query: { site: fc.oneof(fc.constantFrom('library', 'clinic'), hostileText) } },
    'POST /c/:slug/get-a-lock/request/': { weight: 6, params: { slug }, body: lockRequestModel(), guarded: true },
    'GET /c/:slug/get-a-lock/status/:code/:secret/': { weight: 2, params: { slug, code, secret } },
    'POST /c/:slug/get-a-lock/status/:code/:secret/cancel': { weight: 2, params: { slug, code, secret }, body: noBody },

    // Pledge pages.
    'GET /pledge': { weight: 1 },
    'GET /c/:slug/pledge': { weight: 1, params: { slug } },
    'GET /pledge-count/': { weight: 1 },
    'GET /c/:slug/pledge-count/': { weight: 1, params: { slug } },
  };
  for (const base of ['', '/c/:slug']) {
    const scope = base ? fx.live : '_national';
    const params: Record<string, fc.Arbitrary<string>> = base ? { slug } : {};
    specs[`GET ${base}/pledge/`] = { weight: 1, params };
    specs[`POST ${base}/pledge/`] = { weight: 4, params, body: pledgeModel(), guarded: true };
    specs[`GET ${base}/pledge/check-email/`] = { weight: 1, params, query: { next: fc.oneof(fc.constant('lock'), hostileText) } };
    specs[`GET ${base}/pledge/thanks/`] = { weight: 1, params };
    for (const kind of ['confirm', 'unsubscribe', 'delete'] as const) {
      specs[`GET ${base}/pledge/${kind}/:token/`] = { weight: 1, params: { ...params, token: tokenFor(scope, kind) } };
      specs[`POST ${base}/pledge/${kind}/:token/`] = { weight: 1, params: { ...params, token: tokenFor(scope, kind) }, body: noBody };
    }
  }
  return specs;
}

/** Who calls a route: nobody, junk credentials, or (staff routes) real staff with some role. */
export function authOf(spec: RouteSpec, live: string): fc.Arbitrary<Auth> {
  const junk = fc.oneof(
    fc.constant<Auth>({ kind: 'none' }),
    fc.tuple(fc.constantFrom('authorization' as const, 'cookie' as const), headerText).map(([header, value]): Auth => ({ kind: 'junk', header, value })),
    fc.constantFrom('Bearer ', 'Bearer a.b.c', 'Basic YTpi', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.').map((value): Auth => ({ kind: 'junk', header: 'authorization', value })),
    fc.constantFrom('lockline-staff=a.b.c', 'lockline-staff=', 'lockline-staff=%ZZ; lockline-staff=x', `lockline-staff=${'x'.repeat(5000)}`).map((value): Auth => ({ kind: 'junk', header: 'cookie', value })),
  );
  if (!spec.staff) return fc.oneof({ weight: 9, arbitrary: fc.constant<Auth>({ kind: 'none' }) }, { weight: 1, arbitrary: junk });
  const groups = fc.constantFrom<string[]>([PLATFORM_ADMIN_GROUP], [campaignGroup(live, 'admin')], [campaignGroup(live, 'fulfilment')], [campaignGroup(live, 'viewer')], [campaignGroup(live, 'exporter')], [campaignGroup('otherton', 'admin')], []);
  const real = spec.staff === 'api'
    ? fc.oneof(groups.map((g): Auth => ({ kind: 'bearer', groups: g })), fc.tuple(groups, fc.constantFrom('fresh' as const, 'none' as const, 'junk' as const)).map(([g, csrf]): Auth => ({ kind: 'cookie', groups: g, csrf })))
    : fc.tuple(groups, fc.constantFrom('fresh' as const, 'fresh' as const, 'none' as const, 'junk' as const)).map(([g, csrf]): Auth => ({ kind: 'cookie', groups: g, csrf }));
  return fc.oneof({ weight: 1, arbitrary: junk }, { weight: 1, arbitrary: real });
}

export function shapeOf(route: AppRoute, spec: RouteSpec, live: string): RouteShape {
  return {
    method: route.method,
    // A parameter's pattern (`:lang{[a-z][a-z]}`) is the router's: the fuzzer fills the name.
    pattern: route.path.replace(/(:\w+)\{[^}]*\}/g, '$1'),
    params: { lang, ...spec.params },
    query: spec.query ? queryOf(spec.query) : queryOf({}),
    body: spec.body ?? null,
    guarded: spec.guarded ?? false,
    auth: authOf(spec, live),
  };
}
