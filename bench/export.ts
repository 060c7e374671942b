/**
 * Staff CSV export of pledges (the staff issue asked for 100,000 exported) against a raw paginated
 * Query, on DynamoDB Local: 100,000 synthetic confirmed pledges across the 20 index shards, then
 *   - raw: the same Queries the export makes (gsi1, every shard, page after page, nothing kept), one
 *     shard after another, with the export's page size and with 100-item pages (its size before);
 *   - export: GET /api/staff/campaigns/{slug}/pledges.csv through the whole app in-process (scope
 *     check, audit record, the shards' pages read one ahead and merged oldest first, the suppression
 *     check per page, csv-stringify per batch of rows, neutralised cells), the body read as a client would;
 * rows per second for each, their ratio, and peak memory above the start during each; the export
 * is also run over about a quarter of the rows, to show its memory does not grow with them.
 */
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Logger } from '@aws-lambda-powertools/logger';
import { BatchWriteCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../functions/src/app.ts';
import { loadConfig } from '../functions/src/config.ts';
import { createDeps } from '../functions/src/deps.ts';
import { campaignSchema } from '../functions/src/domain/campaign.ts';
import { startDynamoDbLocal } from '../functions/src/local/dynamodb-local.ts';
import { freePort } from '../functions/src/local/net.ts';
import { createDynamoClients } from '../functions/src/platform/dynamo/client.ts';
import { ensureTable } from '../functions/src/platform/dynamo/table-setup.ts';
import { staticKeyRing } from '../functions/src/platform/secrets/key-ring.ts';
import { EXPORT_PAGE_SIZE } from '../functions/src/pledges/service/export.ts';
import { ITEM_VERSION } from '../functions/src/pledges/store/item.ts';
import { pledgeKeys, pledgeListKey } from '../functions/src/pledges/store/keys.ts';
import { PLEDGE_SHARDS, type PledgeRecord } from '../functions/src/pledges/rules/record.ts';
import type { StaffAccess } from '../functions/src/staff/index.ts';
import { int, section, table } from './markdown.ts';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const SLUG = 'benchville';
const TABLE = 'bench-export';
const START = Date.UTC(2026, 0, 1);
/** One pledge a minute: 100,000 span about 69 days. */
const STEP_MS = 60_000;

// A full collection on demand, without starting Node with --expose-gc: what is still held after it
// is what the export keeps, as opposed to garbage V8 has not collected yet.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const CHECKPOINT_ROWS = 10_000;

/** Heap still in use after a full collection, in MB above `base`. */
function retainedMb(base: number): number {
  collect();
  return Math.round(((process.memoryUsage().heapUsed - base) / 1_048_576) * 10) / 10;
}

interface Measured<T> {
  result: T;
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Samples memory every 10 ms while `work` runs: the peaks above what was in use at the start. */
async function measured<T>(work: (base: number) => Promise<T>): Promise<Measured<T>> {
  collect();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 10);
  const t0 = performance.now();
  const result = await work(start.heapUsed);
  const ms = performance.now() - t0;
  clearInterval(timer);
  const mb = (b: number) => Math.round((b / 1_048_576) * 10) / 10;
  return { result, ms, peakRssMb: mb(rss - start.rss), peakHeapMb: mb(heap - start.heapUsed) };
}

function pledge(n: number): PledgeRecord {
  const at = new Date(START + n * STEP_MS);
  return {
    scope: SLUG,
    // Stands in for the HMAC of the address: uniform over the shards, as the real one is.
    emailKey: randomBytes(32).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    // Every 50th name tries a spreadsheet formula: the export neutralises it.
    name: n % 50 === 0 ? `=HYPERLINK("x") Bench ${n}` : `Bench Pledger ${n}`,
    email: `bench-${n}@example.test`,
    zip: '97201',
    language: n % 3 === 0 ? 'es' : 'en',
    pledgeVersion: 1,
    updates: true,
    status: 'confirmed',
    pledgedAt: at.toISOString(),
    confirmedAt: new Date(at.getTime() + 600_000).toISOString(),
    lastEmailedAt: at.toISOString(),
    expiresAt: Math.floor(START / 1000) + 730 * 86_400 + 365 * 86_400,
  };
}

async function seed(doc: DynamoDBDocumentClient) {
  const items = (from: number) => Array.from({ length: Math.min(25, ROWS - from) }, (_, j) => pledge(from + j)).map((r) => ({ ...pledgeKeys(r), entity: 'pledge', version: ITEM_VERSION, ...r }));
  for (let i = 0; i < ROWS; i += 25 * 16) {
    const batches = Array.from({ length: 16 }, (_, b) => i + b * 25).filter((from) => from < ROWS);
    await Promise.all(batches.map((from) => doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items(from).map((Item) => ({ PutRequest: { Item } })) } }))));
  }
}

export interface ExportRun {
  rows: number;
  bytes?: number;
  /** Heap still held after a full collection, every 10,000 rows (MB above the start). */
  retained: number[];
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  peakHeapMb: number;
}

export interface ExportFigures {
  seeded: number;
  seedSeconds: number;
  /** With the export's page size (EXPORT_PAGE_SIZE). */
  raw: ExportRun;
  /** With 100-item pages, the export's page size before: the baseline of earlier results. */
  raw100: ExportRun;
  exported: ExportRun;
  quarter: ExportRun;
  /** Export rows/s over raw rows/s. */
  ratio: number;
  ratio100: number;
}

export async function exportBench(): Promise<ExportFigures> {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  try {
    const { client, doc } = createDynamoClients({ region: 'us-east-1', endpoint: ddb.endpoint });
    await ensureTable(client, TABLE);
    const t0 = performance.now();
    await seed(doc);
    const seedSeconds = (performance.now() - t0) / 1000;

    const rawQuery = (pageSize: number) => measured(async (base) => {
      let rows = 0;
      const retained: number[] = [];
      for (let shard = 0; shard < PLEDGE_SHARDS; shard++) {
        const pages = paginateQuery(
          { client: doc, pageSize },
          { TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': pledgeListKey(SLUG, 'confirmed', shard) } },
        );
        for await (const page of pages) {
          const before = rows;
          rows += page.Items?.length ?? 0;
          if (Math.floor(rows / CHECKPOINT_ROWS) > Math.floor(before / CHECKPOINT_ROWS)) retained.push(retainedMb(base));
        }
      }
      return { rows, retained };
    });
    const raw = await rawQuery(EXPORT_PAGE_SIZE);
    const raw100 = await rawQuery(100);

    const config = loadConfig({ STAGE: 'test', TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: ddb.endpoint, MAIL_FROM: 'bench@example.test', SITE_URL: 'http://127.0.0.1:8787', LOG_LEVEL: 'SILENT' });
    // Sign-in is not what is measured: a fixed platform admin.
    const staffAccess: StaffAccess = { check: async () => ({ principal: { id: 'bench', platformAdmin: true, roles: {} } }), oauth: null };
    const deps = { ...createDeps(config, { keyRing: staticKeyRing(randomBytes(32)), logger: new Logger({ logLevel: 'SILENT' }) }), staffAccess };
    await deps.campaigns.put(campaignSchema.parse({ slug: SLUG, name: 'Benchville (benchmark)', city: 'Benchville', state: 'OR', status: 'live', languages: ['en', 'es'], contactEmail: 'team@benchville.example' }));
    const app = createApp(deps);

    const download = (query: string) =>
      measured(async (base) => {
        const retained: number[] = [];
        const res = await app.request(`/api/staff/campaigns/${SLUG}/pledges.csv${query}`, { headers: { authorization: 'Bearer bench' } });
        if (res.status !== 200) throw new Error(`export answered ${res.status}`);
        let bytes = 0;
        let lines = 0;
        for await (const chunk of res.body!) {
          bytes += chunk.length;
          for (const byte of chunk) {
            if (byte !== 0x0a) continue;
            lines += 1;
            if (lines % CHECKPOINT_ROWS === 0) retained.push(retainedMb(base));
          }
        }
        return { rows: lines - 1, bytes, retained };
      });
    const exported = await download('');
    const quarterDay = new Date(START + (ROWS / 4) * STEP_MS).toISOString().slice(0, 10);
    const quarter = await download(`?to=${quarterDay}`);
    doc.destroy();
    client.destroy();

    const run = (m: Measured<{ rows: number; bytes?: number; retained: number[] }>): ExportRun => ({
      ...m.result,
      seconds: m.ms / 1000,
      rowsPerSecond: m.result.rows / (m.ms / 1000),
      peakRssMb: m.peakRssMb,
      peakHeapMb: m.peakHeapMb,
    });
    const figures = { seeded: ROWS, seedSeconds, raw: run(raw), raw100: run(raw100), exported: run(exported), quarter: run(quarter) };
    if (figures.exported.rows !== ROWS) throw new Error(`the export wrote ${figures.exported.rows} rows of ${ROWS}`);
    return {
      ...figures,
      ratio: figures.exported.rowsPerSecond / figures.raw.rowsPerSecond,
      ratio100: figures.exported.rowsPerSecond / figures.raw100.rowsPerSecond,
    };
  } finally {
    await ddb.stop();
  }
}

export function exportMarkdown(f: ExportFigures): string {
  const mb = (bytes?: number) => (bytes === undefined ? '' : `${(bytes / 1_048_576).toFixed(1)} MB`);
  const held = (r: ExportRun) => (r.retained.length ? `${Math.min(...r.retained)} to ${Math.max(...r.retained)} MB` : 'n/a');
  const row = (name: string, r: ExportRun) => [name, int(r.rows), mb(r.bytes), `${r.seconds.toFixed(2)} s`, int(r.rowsPerSecond), `+${r.peakRssMb} MB`, `+${r.peakHeapMb} MB`, held(r)];
  return section(
    'Staff export: pledges',
    `${int(f.seeded)} synthetic confirmed pledges (seeded in ${f.seedSeconds.toFixed(1)} s) on DynamoDB Local, across the ${PLEDGE_SHARDS} index shards. ` +
      'The export runs through the whole app in-process and its body is read as a client would; memory is the peak above the start while each ran.',
    table(
      ['run', 'rows', 'CSV', 'time', 'rows/s', 'peak RSS', 'peak heap', 'heap held after GC, every 10,000 rows'],
      [
        row(`raw Query (every shard, ${EXPORT_PAGE_SIZE}-item pages as the export, nothing kept)`, f.raw),
        row('raw Query, 100-item pages (the export\'s page size before)', f.raw100),
        row('GET /api/staff/campaigns/{slug}/pledges.csv', f.exported),
        row('the same export, about a quarter of the rows (?to=)', f.quarter),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    `Export throughput against the raw Query with the same page size: **${f.ratio.toFixed(2)}** (1.00 = as fast as reading the items; ` +
      `${f.ratio100.toFixed(2)} against 100-item pages; the raw Query reads one shard after another and checks nothing, ` +
      'the export reads the shards side by side and looks every row up on the suppression list). ' +
      `Memory: what the export still holds after a full garbage collection stays between ${held(f.exported)} from the first 10,000 rows to the last ` +
      `(${mb(f.exported.bytes)} of CSV); the peaks include garbage not yet collected. (Time includes the forced collections at each checkpoint, on both sides.)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(exportMarkdown(await exportBench()));
