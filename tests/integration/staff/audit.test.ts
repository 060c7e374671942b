import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../functions/src/staff/index.ts';
import { mailRequest, postJson, type LockHarness } from '../lock-support.ts';
import { bearer, groupsFor, tokenFor, twoCampaigns } from './staff-support.ts';

describe('staff audit log', () => {
  let h: LockHarness;
  let code: string;
  beforeAll(async () => {
    h = await twoCampaigns();
    const made = (await (await postJson(h.app, '/api/campaigns/lockton/lock-requests', mailRequest({ name: 'Private Person' }))).json()) as { confirmationCode: string };
    code = made.confirmationCode;
  });

  it('records list views, status changes and restocks with who, what, filters and rows, never the rows themselves; admins read it newest first', async () => {
    const shipper = await tokenFor(groupsFor('lockton', 'fulfilment'), { username: 'shipper' });
    await h.app.request('/api/staff/campaigns/lockton/lock-requests?status=requested', { headers: bearer(shipper) });
    // The harness clock stands still unless moved: one second between actions orders them.
    h.clock.advanceMinutes(1 / 60);
    await h.app.request(`/api/staff/campaigns/lockton/lock-requests/${code}/status`, { method: 'POST', headers: bearer(shipper), body: JSON.stringify({ status: 'shipped' }) });
    h.clock.advanceMinutes(1 / 60);
    await h.app.request('/api/staff/campaigns/lockton/stock', { method: 'POST', headers: bearer(shipper), body: JSON.stringify({ site: 'mail', lockType: 'cable', quantity: 3 }) });

    expect((await h.app.request('/api/staff/campaigns/lockton/audit', { headers: bearer(shipper) })).status).toBe(403);
    const admin = await tokenFor(groupsFor('lockton', 'admin'), { username: 'boss' });
    const page = (await (await h.app.request('/api/staff/campaigns/lockton/audit', { headers: bearer(admin) })).json()) as { records: AuditRecord[] };
    expect(page.records.map((r) => r.action)).toEqual(['stock.add', 'lock_request.status', 'lock_requests.list']);
    expect(page.records[2]).toMatchObject({ actor: 'shipper', campaign: 'lockton', filters: { status: 'requested' }, rows: 1, outcome: 'done' });
    expect(page.records[1]).toMatchObject({ filters: { code, to: 'shipped' }, rows: 1 });
    expect(JSON.stringify(page)).not.toContain('Private Person');
    expect(JSON.stringify(page)).not.toContain('@example.test');
    for (const r of page.records) expect(Date.parse(r.at)).toBeGreaterThan(Date.now() - 60_000);

    // Kept for a set period: every record carries its TTL.
    const stored = await h.items('audit');
    expect(stored.length).toBeGreaterThanOrEqual(3);
    for (const item of stored) expect(Number(item.expiresAt) - Math.floor(Date.now() / 1000)).toBeGreaterThan(399 * 86_400);
    // Another campaign's log is its own.
    const otherAdmin = await tokenFor(groupsFor('otherton', 'admin'));
    expect(((await (await h.app.request('/api/staff/campaigns/otherton/audit', { headers: bearer(otherAdmin) })).json()) as { records: unknown[] }).records).toEqual([]);
  });

  it('pages older entries with a cursor that only continues the same campaign', async () => {
    for (let i = 0; i < 55; i += 1) {
      h.clock.advanceMinutes(1 / 60);
      await h.deps.auditLog.write({ campaign: 'lockton', actor: 'bulk', action: 'lock_requests.list', filters: {}, rows: 0, outcome: 'done' });
    }
    const first = await h.deps.auditLog.list('lockton', { limit: 50 });
    expect(first.records).toHaveLength(50);
    const second = await h.deps.auditLog.list('lockton', { limit: 50, cursor: first.next! });
    expect(second.records.length).toBeGreaterThan(0);
    expect(new Set([...first.records, ...second.records].map((r) => r.id)).size).toBe(first.records.length + second.records.length);
    const crossed = await h.deps.auditLog.list('otherton', { limit: 50, cursor: first.next! });
    expect(crossed.records).toEqual([]);
  });
});
