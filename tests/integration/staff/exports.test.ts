import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import { lockRequestKeys } from '../../../functions/src/locks/store/keys.ts';
import { createDynamoClients } from '../../../functions/src/platform/dynamo/client.ts';
import type { PledgeExportRow, PledgeExportSource } from '../../../functions/src/staff/index.ts';
import { localEndpoints } from '../helpers.ts';
import type { LockHarness } from '../lock-support.ts';
import { bearer, groupsFor, tokenFor, twoCampaigns } from './staff-support.ts';

const INJECTIONS = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR', '\nLF', '=HYPERLINK("http://x.test","click")'];
const MANY = 3000;

/** Lock requests written straight into the table in the store's key shape (fast: batches of 25). */
async function putRequests(h: LockHarness, slug: string, count: number, make: (i: number) => Record<string, unknown>) {
  const { doc } = createDynamoClients({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint });
  const items = Array.from({ length: count }, (_, i) => {
    const code = `T${String(i).padStart(3, '0').slice(-3)}-${String(i).padStart(4, '0')}`;
    const createdAt = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString();
    return {
      ...lockRequestKeys(slug, code, 'requested', createdAt),
      entity: 'lock_request',
      version: 2,
      campaign: slug,
      code,
      status: 'requested',
      delivery: 'mail',
      lockType: 'cable',
      quantity: 1,
      language: 'en',
      name: `Resident ${i} ${'x'.repeat(300)}`,
      address: { line1: `${i} Long Street`, city: 'Portland', state: 'OR', zip: '97201' },
      householdKeys: [],
      createdAt,
      updatedAt: createdAt,
      history: [{ status: 'requested', at: createdAt }],
      ...make(i),
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await doc.send(new BatchWriteCommand({ RequestItems: { [h.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  doc.destroy();
}

describe('streamed CSV exports', () => {
  let h: LockHarness;
  let fulfilment: string;
  beforeAll(async () => {
    h = await twoCampaigns();
    fulfilment = await tokenFor(groupsFor('lockton', 'fulfilment'), { username: 'shipper' });
    await putRequests(h, 'lockton', MANY, (i) => (i < INJECTIONS.length ? { name: INJECTIONS[i], address: { line1: INJECTIONS[i], city: 'A, "quoted" city', state: 'OR', zip: '97201' } } : {}));
    // Expired (TTL passed, not yet deleted by DynamoDB): never exported.
    await putRequests(h, 'lockton', 5, (i) => ({ code: `XPRD-000${i}`, pk: `LOCKREQ#lockton#XPRD-000${i}`, gsi1sk: `2026-10-01T00:00:00.000Z#XPRD-000${i}`, expiresAt: 1_000 }));
    await putRequests(h, 'otherton', 3, () => ({}));
  }, 120_000);

  it('exports more than 1 MB over several DynamoDB pages, every row once, as UTF-8 with BOM and CRLF, and audits it', async () => {
    const res = await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv', { headers: bearer(fulfilment) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="lockton-lock-requests-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1_048_576);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFconfirmation_code,name,address1,address2,city,state,zip,country,lock_type,quantity,delivery,pickup_site,status,created_at,possible_duplicate_of,language');
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(MANY);
    expect(new Set(rows.map((r) => r.confirmation_code)).size).toBe(MANY);
    expect(rows.some((r) => r.confirmation_code!.startsWith('XPRD'))).toBe(false);

    const audit = (await h.deps.auditLog.list('lockton', { limit: 10 })).records.find((r) => r.action === 'lock_requests.export')!;
    expect(audit).toMatchObject({ actor: 'shipper', campaign: 'lockton', rows: MANY, outcome: 'done', filters: { status: 'requested', delivery: 'mail' } });
    expect(JSON.stringify(audit)).not.toContain('Resident');
  });

  it('neutralises formula injection in every cell and quotes per RFC 4180', async () => {
    const text = await (await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv?from=2026-10-01&to=2026-10-01', { headers: bearer(fulfilment) })).text();
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    const names = rows.map((r) => r.name);
    for (const payload of INJECTIONS) expect(names).toContain(`'${payload}`);
    for (const row of rows.filter((r) => INJECTIONS.includes(r.address1!.slice(1)))) expect(row.address1!.startsWith("'")).toBe(true);
    expect(rows.every((r) => !/^[=+\-@\t\r\n]/.test(Object.values(r).join('')))).toBe(true);
    expect(text).toContain('"A, ""quoted"" city"');
    expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""click"")"`);
  });

  it('filters by date range and status, rejects unknown parameters, and never shows another campaign', async () => {
    const day = async (query: string) => parse(await (await h.app.request(`/api/staff/campaigns/lockton/lock-requests.csv${query}`, { headers: bearer(fulfilment) })).text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(await day('?from=2026-10-01&to=2026-10-01')).toHaveLength(1440);
    expect(await day('?status=shipped')).toHaveLength(0);
    expect((await day('?from=2026-10-03')).every((r) => r.created_at! >= '2026-10-03')).toBe(true);
    expect((await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv?site=x', { headers: bearer(fulfilment) })).status).toBe(400);
    expect((await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv?from=yesterday', { headers: bearer(fulfilment) })).status).toBe(400);
    const other = await h.app.request('/api/staff/campaigns/otherton/lock-requests.csv', { headers: bearer(fulfilment) });
    expect(other.status).toBe(403);
  });

  describe('pledge export (against the pledge capability’s contract, with a fake source)', () => {
    const rows: PledgeExportRow[] = [
      { pledgedAt: '2026-11-01T10:00:00Z', confirmedAt: '2026-11-01T10:05:00Z', name: 'Ana María López', email: 'ana@example.test', zip: '97201', language: 'es', pledgeVersion: 2, updates: true },
      { pledgedAt: '2026-11-02T10:00:00Z', name: 'Bo', email: 'bo@example.test', zip: '97202', language: 'en', pledgeVersion: 2, updates: false },
      { pledgedAt: '2026-11-03T10:00:00Z', name: '=cmd|calc', email: '@evil.test', zip: '97203', language: 'en', pledgeVersion: 2, updates: true },
    ];
    const asked: unknown[] = [];
    const source: PledgeExportSource = {
      async *rows(campaign, filter) {
        asked.push({ campaign, ...filter });
        yield* rows; // a source that forgets the filter: the export still drops those who said no
      },
      confirmedPerDay: async (_campaign, days) => new Map(days.map((d) => [d, 0])),
    };

    it('lists only people who agreed to updates, with CRM column names, neutralised cells, and an audit record', async () => {
      const app = createApp({ ...h.deps, pledgeExport: source }, h.services);
      const exporter = await tokenFor(groupsFor('lockton', 'exporter'), { username: 'outreach' });
      const res = await app.request('/api/staff/campaigns/lockton/pledges.csv?from=2026-11-01&to=2026-11-30', { headers: bearer(exporter) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/filename="lockton-pledges-/);
      const parsed = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
      expect(parsed).toEqual([
        { email: 'ana@example.test', first_name: 'Ana', last_name: 'María López', zip: '97201', language: 'es', created_at: '2026-11-01T10:00:00Z', confirmed_at: '2026-11-01T10:05:00Z', pledge_version: '2', email_opt_in: 'yes' },
        { email: "'@evil.test", first_name: "'=cmd|calc", last_name: '', zip: '97203', language: 'en', created_at: '2026-11-03T10:00:00Z', confirmed_at: '', pledge_version: '2', email_opt_in: 'yes' },
      ]);
      expect(asked).toEqual([{ campaign: 'lockton', from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z', outreachOnly: true }]);
      const audit = (await h.deps.auditLog.list('lockton', { limit: 20 })).records.find((r) => r.action === 'pledges.export')!;
      expect(audit).toMatchObject({ actor: 'outreach', rows: 2, outcome: 'done', filters: { from: '2026-11-01', to: '2026-11-30' } });
      const fulfilmentOnly = await app.request('/api/staff/campaigns/lockton/pledges.csv', { headers: bearer(fulfilment) });
      expect(fulfilmentOnly.status).toBe(403);
    });

    it('marks the audit record failed when the source breaks off mid-export, and the download errors instead of ending short', async () => {
      const broken: PledgeExportSource = {
        async *rows() {
          yield rows[0]!;
          throw new Error('DynamoDB went away');
        },
        confirmedPerDay: source.confirmedPerDay,
      };
      const app = createApp({ ...h.deps, pledgeExport: broken }, h.services);
      const res = await app.request('/api/staff/campaigns/lockton/pledges.csv', { headers: bearer(await tokenFor(groupsFor('lockton', 'admin'), { username: 'broken-export' })) });
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
      const audit = (await h.deps.auditLog.list('lockton', { limit: 20 })).records.find((r) => r.actor === 'broken-export')!;
      expect(audit).toMatchObject({ action: 'pledges.export', outcome: 'failed', rows: 1 });
    });
  });
});
