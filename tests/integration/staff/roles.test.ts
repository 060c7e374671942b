import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import { csrfToken } from '../../../functions/src/staff/sign-in/session.ts';
import type { LockHarness } from '../lock-support.ts';
import { bearer, groupsFor, tokenFor, twoCampaigns } from './staff-support.ts';

type Role = 'viewer' | 'fulfilment' | 'exporter' | 'admin';

/**
 * Every staff route under `/api/staff/campaigns/:slug`, with the role it must need. The test below
 * fails when the app has a campaign route that is missing here, so a new route cannot ship
 * without its row in this table (and its role).
 */
const ROUTES: readonly { method: 'GET' | 'POST'; path: string; role: Role; body?: unknown }[] = [
  { method: 'GET', path: '/lock-requests', role: 'fulfilment' },
  { method: 'POST', path: '/lock-requests/:code/status', role: 'fulfilment', body: { status: 'cancelled' } },
  { method: 'POST', path: '/stock', role: 'fulfilment', body: { site: 'library', lockType: 'cable', quantity: 1 } },
  { method: 'GET', path: '/lock-requests.csv', role: 'fulfilment' },
  { method: 'GET', path: '/emails/failed', role: 'fulfilment' },
  { method: 'POST', path: '/emails/failed/:id/retry', role: 'fulfilment', body: {} },
  { method: 'GET', path: '/audit', role: 'admin' },
  { method: 'GET', path: '/pledges.csv', role: 'exporter' },
];

/** Who asks: a role on lockton, on otherton only, platform admin, or nothing. */
const PEOPLE: readonly { name: string; groups: string[]; lockton: Role[] | 'all' | 'none' }[] = [
  { name: 'lockton viewer', groups: groupsFor('lockton', 'viewer'), lockton: ['viewer'] },
  { name: 'lockton fulfilment', groups: groupsFor('lockton', 'fulfilment'), lockton: ['viewer', 'fulfilment'] },
  { name: 'lockton exporter', groups: groupsFor('lockton', 'exporter'), lockton: ['viewer', 'exporter'] },
  { name: 'lockton admin', groups: groupsFor('lockton', 'admin'), lockton: 'all' },
  { name: 'otherton admin', groups: groupsFor('otherton', 'admin'), lockton: 'none' },
  { name: 'platform admin', groups: ['platform-admin'], lockton: 'all' },
  { name: 'no groups', groups: [], lockton: 'none' },
  { name: 'unknown group', groups: ['campaign:lockton:owner', 'admins', 'campaign:*:admin'], lockton: 'none' },
];

/**
 * Every console route that takes a campaign (`/staff/c/:slug/...` and its `/es/` twin), with its
 * role: the changes (form posts with the session's CSRF token) and the pages.
 */
const CONSOLE_ROUTES: readonly { method: 'GET' | 'POST'; path: string; role: Role; form?: Record<string, string> }[] = [
  { method: 'POST', path: '/requests/:code', role: 'fulfilment', form: { status: 'cancelled' } },
  { method: 'POST', path: '/stock/', role: 'fulfilment', form: { site: 'library', lockType: 'cable', quantity: '1' } },
  { method: 'POST', path: '/emails/:id', role: 'fulfilment', form: {} },
  { method: 'GET', path: '/', role: 'viewer' },
  { method: 'GET', path: '/requests/', role: 'fulfilment' },
  { method: 'GET', path: '/stock/', role: 'fulfilment' },
  { method: 'GET', path: '/exports/', role: 'viewer' },
  { method: 'GET', path: '/emails/', role: 'fulfilment' },
  { method: 'GET', path: '/audit/', role: 'admin' },
];

/**
 * Every other staff route the app serves, and who may use it: sign-in itself is open (it is how
 * one signs in), `/api/staff/me` and sign-out need a valid session or token, nothing more.
 */
const OTHER_STAFF_ROUTES: Readonly<Record<string, 'open' | 'signed-in'>> = {
  'GET /staff': 'open',
  'GET /staff/': 'open',
  'GET /staff/sign-in': 'open',
  'GET /staff/callback': 'open',
  'POST /staff/sign-out': 'signed-in',
  'GET /es/staff': 'open',
  'GET /es/staff/': 'open',
  'GET /es/staff/sign-in': 'open',
  'POST /es/staff/sign-out': 'signed-in',
  'GET /api/staff/me': 'signed-in',
};

const isStaffPath = (path: string) => path.startsWith('/api/staff') || path.startsWith('/staff') || path.startsWith('/es/staff');

const may = (who: (typeof PEOPLE)[number], role: Role) => who.lockton === 'all' || (who.lockton !== 'none' && who.lockton.includes(role));

describe('staff roles: role x route x expected status', () => {
  let h: LockHarness;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    h = await twoCampaigns();
    for (const who of PEOPLE) tokens.set(who.name, await tokenFor(who.groups, { username: who.name.replace(/ /g, '-') }));
  });

  const call = (slug: string, route: (typeof ROUTES)[number], token: string) =>
    h.app.request(`/api/staff/campaigns/${slug}${route.path.replace(':code', 'ABCD-2345').replace(':id', 'no-such-id')}`, {
      method: route.method,
      headers: bearer(token),
      ...(route.body ? { body: JSON.stringify(route.body) } : {}),
    });

  it('every campaign staff route the app serves is in the table (a route cannot come without its role)', () => {
    const served = createApp(h.deps, h.services)
      .routes.filter((r) => r.path.startsWith('/api/staff/campaigns/:slug/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.slice('/api/staff/campaigns/:slug'.length)}`);
    expect(served.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('every staff route the app serves (API and console, both languages) has a row: a new one cannot ship without its role', () => {
    const served = [...new Set(createApp(h.deps, h.services).routes.filter((r) => isStaffPath(r.path) && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
    const table = [
      ...ROUTES.map((r) => `${r.method} /api/staff/campaigns/:slug${r.path}`),
      ...CONSOLE_ROUTES.flatMap((r) => [`${r.method} /staff/c/:slug${r.path}`, `${r.method} /es/staff/c/:slug${r.path}`]),
      ...Object.keys(OTHER_STAFF_ROUTES),
    ];
    expect(served.sort()).toEqual(table.sort());
  });

  it('the routes that need only a sign-in: /api/staff/me refuses no token (401); sign-out with a session needs its CSRF token (403)', async () => {
    expect((await h.app.request('/api/staff/me')).status).toBe(401);
    for (const path of ['/staff/sign-out', '/es/staff/sign-out']) {
      const token = tokens.get('lockton viewer')!;
      const forged = await h.app.request(path, { method: 'POST', headers: { cookie: `lockline-staff=${token}`, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({}) });
      expect(forged.status, path).toBe(403);
    }
  });

  /** A console change or page as a browser sends it: the session cookie, and for a post the CSRF token, same-origin. */
  const consoleCall = async (locale: '' | '/es', slug: string, route: (typeof CONSOLE_ROUTES)[number], token: string) => {
    const path = `${locale}/staff/c/${slug}${route.path.replace(':code', 'ABCD-2345').replace(':id', 'no-such-id')}`;
    if (route.method === 'GET') return h.app.request(path, { headers: { cookie: `lockline-staff=${token}` } });
    const body = new URLSearchParams({ ...route.form, csrf: await csrfToken(h.deps.keyRing, token) });
    return h.app.request(path, { method: 'POST', headers: { cookie: `lockline-staff=${token}`, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body });
  };

  for (const who of PEOPLE) {
    it(`console, ${who.name}: lockton's changes and pages as its roles allow, otherton's never (unless its admin or platform admin), in both languages`, async () => {
      const token = tokens.get(who.name)!;
      for (const locale of ['', '/es'] as const) {
        for (const route of CONSOLE_ROUTES) {
          const label = `${route.method} ${locale}/staff/c/:slug${route.path}`;
          const own = await consoleCall(locale, 'lockton', route, token);
          // Allowed: the page (200), the change done (303), or no such request or email (404); never a sign-in redirect.
          if (may(who, route.role)) expect(route.method === 'GET' ? [200] : [303, 404], `lockton ${label}`).toContain(own.status);
          else expect(own.status, `lockton ${label}`).toBe(403);
          await own.body?.cancel();
          const other = await consoleCall(locale, 'otherton', route, token);
          if (who.name === 'platform admin' || who.name === 'otherton admin') expect(other.status, `otherton ${label}`).not.toBe(403);
          else expect(other.status, `otherton ${label}`).toBe(403);
          await other.body?.cancel();
        }
      }
    });
  }

  it('a console change refused for the campaign changes nothing: otherton’s stock stays', async () => {
    const before = (await h.deps.stock.forCampaign('otherton')).get('library')?.cable;
    for (const who of ['lockton admin', 'lockton fulfilment']) {
      const res = await consoleCall('', 'otherton', CONSOLE_ROUTES[1]!, tokens.get(who)!);
      expect(res.status, who).toBe(403);
    }
    expect((await h.deps.stock.forCampaign('otherton')).get('library')?.cable).toBe(before);
  });

  for (const who of PEOPLE) {
    it(`${who.name}: lockton as its roles allow, otherton never (unless platform admin)`, async () => {
      const token = tokens.get(who.name)!;
      for (const route of ROUTES) {
        const own = await call('lockton', route, token);
        if (may(who, route.role)) expect([200, 202, 404], `${route.method} ${route.path}`).toContain(own.status);
        else expect(own.status, `${route.method} ${route.path}`).toBe(403);
        await own.body?.cancel();
        const other = await call('otherton', route, token);
        if (who.name === 'platform admin' || who.name === 'otherton admin') expect(other.status, `otherton ${route.path}`).not.toBe(403);
        else expect(other.status, `otherton ${route.method} ${route.path}`).toBe(403);
        await other.body?.cancel();
      }
    });
  }

  it('a 403 answer changes nothing and reads nothing: stock and requests of the other campaign stay as they were', async () => {
    const before = (await h.deps.stock.forCampaign('otherton')).get('library')?.cable;
    const token = tokens.get('lockton admin')!;
    const res = await h.app.request('/api/staff/campaigns/otherton/stock', { method: 'POST', headers: bearer(token), body: JSON.stringify({ site: 'library', lockType: 'cable', quantity: 50 }) });
    expect(res.status).toBe(403);
    expect((await h.deps.stock.forCampaign('otherton')).get('library')?.cable).toBe(before);
    // The same answer whether the campaign exists or not: no oracle of campaign names.
    const missing = await h.app.request('/api/staff/campaigns/no-such-town/lock-requests', { headers: bearer(token) });
    expect(missing.status).toBe(403);
  });

  it('the console pages follow the same roles: a viewer sees counts but not requests, stock or the audit log', async () => {
    const { signInThroughIssuer } = await import('../../support/staff-sign-in.ts');
    const { buildConfig } = await import('../../support/builders.ts');
    const { issuer } = await import('./staff-support.ts');
    const session = await signInThroughIssuer({ siteUrl: buildConfig().siteUrl, app: async (u, i) => h.app.request(u, i), username: 'viewer', password: issuer().password });
    const page = (path: string) => h.app.request(path, { headers: { cookie: `lockline-staff=${session}` } });
    expect((await page('/staff/c/lockton/')).status).toBe(200);
    expect((await page('/es/staff/c/lockton/')).status).toBe(200);
    for (const path of ['/staff/c/lockton/requests/', '/staff/c/lockton/stock/', '/staff/c/lockton/audit/', '/staff/c/lockton/emails/', '/staff/c/otherton/']) {
      expect((await page(path)).status, path).toBe(403);
    }
  });
});
