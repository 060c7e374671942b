import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../functions/src/platform/dynamo/client.ts';
import { buildConfig } from '../../support/builders.ts';
import { signInThroughIssuer } from '../../support/staff-sign-in.ts';
import { localEndpoints } from '../helpers.ts';
import { mailRequest, postJson, type LockHarness } from '../lock-support.ts';
import { storedUnconfirmedPledges } from '../pledges/support.ts';
import { issuer, twoCampaigns } from './staff-support.ts';

/** A failed email kept for staff (the outbox's `dead` state), of a campaign. */
async function deadEmail(h: LockHarness, campaign: string, ref: string) {
  const entry = { id: `dead-${campaign}-${ref}`, topic: 'lock-request', kind: 'confirmation', ref, campaign, attempts: 5, createdAt: new Date().toISOString() };
  const { doc } = createDynamoClients({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint });
  await doc.send(new TransactWriteCommand({ TransactItems: [h.deps.outboxStore.putItem(entry)] }));
  doc.destroy();
  await h.deps.outboxStore.failed(entry, 'MessageRejected', null);
  return entry;
}

describe('staff console pages (in-process)', () => {
  let h: LockHarness;
  let cookie: string;
  beforeAll(async () => {
    h = await twoCampaigns();
    cookie = `lockline-staff=${await signInThroughIssuer({ siteUrl: buildConfig().siteUrl, app: async (u, i) => h.app.request(u, i), username: 'fulfilment', password: issuer().password })}`;
  });
  const get = (path: string) => h.app.request(path, { headers: { cookie } });
  const csrfOf = async (path: string) => /name="csrf" value="([^"]+)"/.exec(await (await get(path)).text())![1]!;

  it('lists only the campaign’s failed emails and sends one again, with the CSRF token, writing the audit log', async () => {
    const mine = await deadEmail(h, 'lockton', 'AAAA-2222');
    await deadEmail(h, 'otherton', 'BBBB-3333');
    const page = await (await get('/staff/c/lockton/emails/')).text();
    expect(page).toContain('AAAA-2222');
    expect(page).not.toContain('BBBB-3333');
    const csrf = await csrfOf('/staff/c/lockton/emails/');
    const requeue = await h.app.request(`/staff/c/lockton/emails/${mine.id}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf }) });
    expect(requeue.status).toBe(303);
    expect((await h.deps.outboxStore.dead()).map((e) => e.id)).not.toContain(mine.id);
    const other = await h.app.request('/staff/c/lockton/emails/dead-otherton-BBBB-3333', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf }) });
    expect(other.status).toBe(404);
    expect((await h.deps.auditLog.list('lockton', { limit: 10 })).records.map((r) => r.action)).toContain('email.requeue');
  });

  it('sends someone without a session back to the sign-in page, and answers every page no-store and noindex', async () => {
    const anonymous = await h.app.request('/staff/c/lockton/requests/');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/staff/');
    for (const path of ['/staff/', '/es/staff/', '/staff/c/lockton/', '/staff/c/lockton/requests/?status=requested', '/es/staff/c/lockton/stock/', '/staff/c/lockton/exports/']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex, nofollow');
      expect(await res.text(), path).toContain('tel:988');
    }
  });

  it('flags a request from a home that asked before, in both languages, for staff to check before sending', async () => {
    const address = { line1: '77 Duplicate Lane', city: 'Portland', state: 'OR', zip: '97201' };
    const path = '/api/campaigns/lockton/lock-requests';
    const first = (await (await postJson(h.app, path, mailRequest({ address }))).json()) as { confirmationCode: string };
    const second = (await (await postJson(h.app, path, mailRequest({ address: { ...address, line1: '77 DUPLICATE LN' } }))).json()) as { confirmationCode: string };
    const en = await (await get('/staff/c/lockton/requests/?status=requested')).text();
    const row = (html: string, code: string) => new RegExp(`<tr><th scope="row">${code}</th>[\\s\\S]*?</tr>`).exec(html)![0];
    expect(row(en, second.confirmationCode)).toContain(`data-possible-duplicate="${first.confirmationCode}"`);
    expect(row(en, second.confirmationCode)).toContain(`Possible duplicate of ${first.confirmationCode}`);
    expect(row(en, first.confirmationCode)).not.toContain('data-possible-duplicate');
    const es = await (await get('/es/staff/c/lockton/requests/?status=requested')).text();
    expect(row(es, second.confirmationCode)).toContain(`Posible duplicado de ${first.confirmationCode}`);
  });

  it('shows the charts as SVG images with a title and a table of the same numbers', async () => {
    // Three pledges confirmed now: the pledge chart counts them from the day counters.
    for (const { record } of await storedUnconfirmedPledges(h, 'lockton', 3)) {
      await h.deps.pledges.confirm({ scope: 'lockton', emailKey: record.emailKey, nonce: record.nonce, at: new Date().toISOString(), expiresAt: 2_000_000_000 });
    }
    const html = await (await get('/staff/c/lockton/')).text();
    const pledgeTable = /Pledges confirmed per day<\/caption>[\s\S]*?<\/table>/.exec(html)![0];
    const perDay = [...pledgeTable.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(perDay).toHaveLength(14);
    expect(perDay.reduce((a, b) => a + b, 0)).toBe(3);
    const svgs = html.match(/<svg class="staff-chart__svg"[^>]*role="img"[^>]*aria-labelledby="[^"]+"/g) ?? [];
    // Pledges per day, then the four lock charts.
    expect(svgs.length).toBe(5);
    expect((html.match(/<table class="staff-table">/g) ?? []).length).toBe(5);
    expect(html).toContain('Locks in stock, by site');
    expect(html).toContain('Lockton Library');
  });
});
