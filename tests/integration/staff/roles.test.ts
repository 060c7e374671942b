import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
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
