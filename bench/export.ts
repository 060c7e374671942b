/**
 * Staff CSV export against a raw paginated Query (issue 12), on DynamoDB Local: 100,000 synthetic
 * lock requests (the lock-request export: the pledge capability's export plugs into the same
 * streaming path once it lands), then
 *   - raw: a paginated Query of the same items (gsi1, page after page, nothing kept);
 *   - export: GET /api/staff/campaigns/{slug}/lock-requests.csv through the whole app in-process
 *     (scope check, audit record, the same paginated Query, csv-stringify's stream, neutralised
 *     cells), the body read as a client would;
 * rows per second for each, their ratio, and peak memory (RSS and heap above the start) during each.
 */
import { BatchWriteCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { randomBytes } from 'node:crypto';
import { createApp } from '../functions/src/app.ts';
import { loadConfig } from '../functions/src/config.ts';
import { createDeps } from '../functions/src/deps.ts';
import { campaignSchema } from '../functions/src/domain/campaign.ts';
import { startDynamoDbLocal } from '../functions/src/local/dynamodb-local.ts';
import { freePort } from '../functions/src/local/net.ts';
import { lockRequestKeys } from '../functions/src/locks/store/keys.ts';
import { createDynamoClients } from '../functions/src/platform/dynamo/client.ts';
import { ensureTable } from '../functions/src/platform/dynamo/table-setup.ts';
import { staticKeyRing } from '../functions/src/platform/secrets/key-ring.ts';
import type { StaffAccess } from '../functions/src/staff/index.ts';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const SLUG = 'benchville';
const TABLE = 'bench-export';

/** Samples memory every 10 ms while `work` runs: the peaks above what was in use at the start. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number; peakHeapMb: number }> {
  globalThis.gc?.();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 10);
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  const mb = (b: number) => Math.round((b / 1_048_576) * 10) / 10;
  return { result, ms, peakRssMb: mb(rss - start.rss), peakHeapMb: mb(heap - start.heapUsed) };
}

async function seed(endpoint: string) {
  const { doc } = createDynamoClients({ region: 'us-east-1', endpoint });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < ROWS; i += 25) {
    batches.push(
      Array.from({ length: Math.min(25, ROWS - i) }, (_, j) => {
        const n = i + j;
        const code = `B${String(n).padStart(7, '0').slice(0, 3)}-${String(n).padStart(7, '0').slice(3)}`;
        const createdAt = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
        return {
          ...lockRequestKeys(SLUG, code, 'requested', createdAt),
          entity: 'lock_request',
          version: 2,
          campaign: SLUG,
          code,
          status: 'requested',
          delivery: 'mail',
          lockType: 'cable',
          quantity: 1,
          language: n % 3 === 0 ? 'es' : 'en',
          name: n % 50 === 0 ? `=HYPERLINK("x") ${n}` : `Bench Resident ${n}`,
          email: `bench-${n}@example.test`,
          address: { line1: `${n} Bench Street`, line2: n % 4 === 0 ? 'Apt 2' : undefined, city: 'Portland', state: 'OR', zip: '97201' },
          householdKeys: [],
          createdAt,
          updatedAt: createdAt,
          history: [{ status: 'requested', at: createdAt }],
        };
      }),
    );
  }
  for (let i = 0; i < batches.length; i += 16) {
    await Promise.all(batches.slice(i, i + 16).map((items) => doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } }))));
  }
  return doc;
}

export async function exportBench(): Promise<void> {
  console.log(`\n== Staff CSV export: ${ROWS.toLocaleString('en-US')} synthetic lock requests, DynamoDB Local ==`);
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  try {
    const { client } = createDynamoClients({ region: 'us-east-1', endpoint: ddb.endpoint });
    await ensureTable(client, TABLE);
    const t0 = performance.now();
    const doc = await seed(ddb.endpoint);
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const raw = await measured(async () => {
      let rows = 0;
      const pages = paginateQuery({ client: doc }, { TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `LOCKREQS#${SLUG}#requested` } });
      for await (const page of pages) rows += page.Items?.length ?? 0;
      return rows;
    });

    const config = loadConfig({ STAGE: 'test', TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: ddb.endpoint, MAIL_FROM: 'bench@example.test', SITE_URL: 'http://127.0.0.1:8787', LOG_LEVEL: 'SILENT' });
    // Sign-in is not what is measured: a fixed platform admin.
    const staffAccess: StaffAccess = { verify: async () => ({ id: 'bench', platformAdmin: true, roles: {} }), oauth: null };
    const deps = { ...createDeps(config, { keyRing: staticKeyRing(randomBytes(32)), logger: new Logger({ logLevel: 'SILENT' }) }), staffAccess };
    await deps.campaigns.put(campaignSchema.parse({ slug: SLUG, name: 'Benchville (benchmark)', city: 'Benchville', state: 'OR', status: 'live', languages: ['en', 'es'], locks: { mail: { enabled: true, lockTypes: ['cable'], initialStock: { cable: 1 } } } }));
    const app = createApp(deps);

    const exported = await measured(async () => {
      const res = await app.request(`/api/staff/campaigns/${SLUG}/lock-requests.csv?status=requested&delivery=all`, { headers: { authorization: 'Bearer bench' } });
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body!) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 0x0a) lines += 1;
      }
      return { rows: lines - 1, bytes };
    });

    const rawRate = raw.result / (raw.ms / 1000);
    const exportRate = exported.result.rows / (exported.ms / 1000);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`raw Query:  ${fmt(raw.result)} rows in ${(raw.ms / 1000).toFixed(2)} s = ${fmt(rawRate)} rows/s; peak +${raw.peakRssMb} MB RSS, +${raw.peakHeapMb} MB heap`);
    console.log(
      `CSV export: ${fmt(exported.result.rows)} rows (${(exported.result.bytes / 1_048_576).toFixed(1)} MB) in ${(exported.ms / 1000).toFixed(2)} s = ${fmt(exportRate)} rows/s; peak +${exported.peakRssMb} MB RSS, +${exported.peakHeapMb} MB heap`,
    );
    console.log(`ratio export/raw: ${(exportRate / rawRate).toFixed(2)} (1.00 = as fast as reading the items)`);
    doc.destroy();
    client.destroy();
  } finally {
    await ddb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await exportBench();
