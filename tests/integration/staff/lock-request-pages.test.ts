import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { lockRequestKeys } from '../../../functions/src/locks/store/keys.ts';
import { createDynamoClients } from '../../../functions/src/platform/dynamo/client.ts';
import { buildConfig } from '../../support/builders.ts';
import { signInThroughIssuer } from '../../support/staff-sign-in.ts';
import { localEndpoints } from '../helpers.ts';
import type { LockHarness } from '../lock-support.ts';
import { bearer, groupsFor, issuer, tokenFor, twoCampaigns } from './staff-support.ts';

type Status = 'requested' | 'ready' | 'waitlisted' | 'cancelled';

/** Requests written straight into the table in the store's key shape. */
async function putRequests(h: LockHarness, slug: string, specs: { status: Status; delivery: 'mail' | 'pickup'; siteId?: string; expiresAt?: number }[], offset = 0) {
  const { doc } = createDynamoClients({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint });
  const items = specs.map((spec, n) => {
    const i = n + offset;
    const code = `P${String(i).padStart(3, '0')}-${slug.slice(0, 4).toUpperCase()}`;
    const createdAt = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString();
    return {
      ...lockRequestKeys(slug, code, spec.status, createdAt),
      entity: 'lock_request',
      version: 2,
      campaign: slug,
      code,
      status: spec.status,
      delivery: spec.delivery,
      ...(spec.siteId ? { siteId: spec.siteId } : { address: { line1: `${i} Page Street`, city: 'Portland', state: 'OR', zip: '97201' } }),
      ...(spec.expiresAt ? { expiresAt: spec.expiresAt } : {}),
      lockType: 'cable',
      quantity: 1,
      language: 'en',
      name: `Resident ${i}`,
      householdKeys: [],
      createdAt,
      updatedAt: createdAt,
      history: [{ status: spec.status, at: createdAt }],
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await doc.send(new BatchWriteCommand({ RequestItems: { [h.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  doc.destroy();
}

const times = <T>(n: number, spec: T): T[] => Array.from({ length: n }, () => spec);

/** 105 live requests over four statuses (several gsi1 partitions), and two expired ones. */
const LOCKTON = [
  ...times(60, { status: 'requested' as const, delivery: 'mail' as const }),
  ...times(20, { status: 'ready' as const, delivery: 'pickup' as const, siteId: 'library' }),
  ...times(15, { status: 'waitlisted' as const, delivery: 'pickup' as const, siteId: 'clinic' }),
  ...times(10, { status: 'cancelled' as const, delivery: 'mail' as const }),
];
const LIVE = LOCKTON.length;

interface ListBody {
  requests: { code: string; status: string; siteId?: string; createdAt: string; householdKeys?: unknown }[];
  nextCursor: string | null;
}

describe('staff lists of lock requests, paginated in DynamoDB', () => {
  let h: LockHarness;
  let fulfilment: string;
  let admin: string;
  beforeAll(async () => {
    h = await twoCampaigns();
    fulfilment = await tokenFor(groupsFor('lockton', 'fulfilment'), { username: 'pager' });
    admin = await tokenFor(['platform-admin'], { username: 'pager-admin' });
    await putRequests(h, 'lockton', LOCKTON);
    await putRequests(h, 'lockton', times(2, { status: 'requested' as const, delivery: 'mail' as const, expiresAt: 1_000 }), 500);
    await putRequests(h, 'otherton', times(30, { status: 'requested' as const, delivery: 'mail' as const }));
  }, 60_000);

  const list = async (slug: string, query: Record<string, string>, token = fulfilment) => h.app.request(`/api/staff/campaigns/${slug}/lock-requests?${new URLSearchParams(query)}`, { headers: bearer(token) });

  async function walk(slug: string, query: Record<string, string>) {
    const pages: ListBody[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(slug, { ...query, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as ListBody;
      pages.push(body);
      cursor = body.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it('walks every status partition in order, page by page: pages complete and disjoint, expired requests left out', async () => {
    const pages = await walk('lockton', { limit: '25' });
    expect(pages.map((p) => p.requests.length)).toEqual([25, 25, 25, 25, 5]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const codes = pages.flatMap((p) => p.requests.map((r) => r.code));
    expect(codes).toHaveLength(LIVE);
    expect(new Set(codes).size).toBe(LIVE);
    expect(codes.some((c) => c.startsWith('P5'))).toBe(false);
    // Open requests first (requested, ready, waitlisted), then those that are done; arrival order within a status.
    const all = pages.flatMap((p) => p.requests);
    const statuses = all.map((r) => r.status).filter((s, i, a) => a[i - 1] !== s);
    expect(statuses).toEqual(['requested', 'ready', 'waitlisted', 'cancelled']);
    for (let i = 1; i < all.length; i++) if (all[i]!.status === all[i - 1]!.status) expect(all[i]!.createdAt > all[i - 1]!.createdAt).toBe(true);
    expect(all.some((r) => 'householdKeys' in r)).toBe(false);
    // Only this campaign's requests.
    expect(codes.every((c) => c.endsWith('-LOCK'))).toBe(true);
  });

  it('keeps the filters across pages (one status; one pickup site) and has a default and a maximum page size', async () => {
    const ready = await walk('lockton', { status: 'ready', limit: '7' });
    expect(ready.map((p) => p.requests.length)).toEqual([7, 7, 6]);
    expect(ready.flatMap((p) => p.requests).every((r) => r.status === 'ready')).toBe(true);
    const clinic = (await walk('lockton', { site: 'clinic', limit: '10' })).flatMap((p) => p.requests);
    expect(clinic).toHaveLength(15);
    expect(clinic.every((r) => r.siteId === 'clinic')).toBe(true);
    const first = (await (await list('lockton', {})).json()) as ListBody;
    expect(first.requests).toHaveLength(50);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect((await list('lockton', { limit: '101' })).status).toBe(400);
    expect((await list('lockton', { limit: '0' })).status).toBe(400);
  });

  it('refuses a cursor of another campaign or of other filters (400), even for someone who may read both', async () => {
    const lockton = (await (await list('lockton', { limit: '10' }, admin)).json()) as ListBody;
    const res = await list('otherton', { limit: '10', cursor: lockton.nextCursor! }, admin);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/belongs to another list/);
    expect(body.error.fields.cursor).toBeDefined();
    // The same campaign with another filter: the cursor's partition is not this list's.
    expect((await list('lockton', { status: 'cancelled', cursor: lockton.nextCursor! }, admin)).status).toBe(400);
    expect((await list('lockton', { site: 'library', cursor: lockton.nextCursor! }, admin)).status).toBe(400);
  });

  it('refuses a tampered cursor with a clear 400', async () => {
    const { nextCursor } = (await (await list('lockton', { limit: '5' })).json()) as ListBody;
    const [payload, signature] = JSON.parse(Buffer.from(nextCursor!, 'base64url').toString()) as [string, string];
    // Pointed at another campaign's partition, with the old signature.
    const forged = Buffer.from(JSON.stringify([payload.replace('"lockton"', '"otherton"'), signature])).toString('base64url');
    const moved = Buffer.from(JSON.stringify([payload.replace('"requested"', '"cancelled"'), signature])).toString('base64url');
    for (const bad of [forged, moved, `${nextCursor!.slice(0, -2)}AA`, 'not-a-cursor', '%%%']) {
      const res = await list('lockton', { limit: '5', cursor: bad });
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, bad).toMatch(/damaged or was altered/);
    }
    const forgedOnOther = await list('otherton', { limit: '5', cursor: forged }, admin);
    expect(forgedOnOther.status).toBe(400);
  });

  it('the console shows 25 requests a page, with a working Next link and a link back to the first page, keeping the filters', async () => {
    const cookie = `lockline-staff=${await signInThroughIssuer({ siteUrl: buildConfig().siteUrl, app: async (u, i) => h.app.request(u, i), username: 'fulfilment', password: issuer().password })}`;
    const get = (path: string) => h.app.request(path, { headers: { cookie } });
    const rows = (html: string) => [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]!);
    const nextOf = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    const seen: string[] = [];
    let path: string | undefined = '/staff/c/lockton/requests/';
    let pages = 0;
    while (path && pages < 10) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      pages++;
      expect(html).toContain(`Page ${pages}`);
      if (pages > 1) expect(html).toContain('First page');
      const shown = rows(html);
      expect(shown.length).toBe(pages < 5 ? 25 : 5);
      seen.push(...shown);
      path = nextOf(html);
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(LIVE);

    const filtered = await (await get('/staff/c/lockton/requests/?status=requested')).text();
    expect(rows(filtered)).toHaveLength(25);
    const next = nextOf(filtered)!;
    expect(next).toContain('status=requested');
    const second = await (await get(next)).text();
    expect(rows(second)).toHaveLength(25);
    expect(rows(second).some((code) => rows(filtered).includes(code))).toBe(false);
    // Another campaign's list: a page with the error, not rows.
    const foreign = await get(next.replace('/lockton/', '/otherton/'));
    expect(foreign.status).toBe(403);
    const tampered = await get(next.replace(/cursor=[^&]+/, 'cursor=abc'));
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('damaged or was altered');
  });
});
