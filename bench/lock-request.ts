/**
 * The lock-request endpoint against a raw DynamoDB write, on the same embedded DynamoDB Local and
 * local SES (issue #3). Prints latency (median, p95) for:
 *   - raw: one PutItem of a request-sized item (the floor for "store a request");
 *   - endpoint: POST /api/campaigns/{slug}/lock-requests through the whole app in-process (rate
 *     limit, validation, one TransactWriteItems with allocation, household claims, idempotency
 *     and outbox, then the confirmation email sent and its outbox entry deleted);
 * and their ratio, plus the write capacity units DynamoDB reports per request, by operation.
 * Local figures: DynamoDB on AWS adds network time to each call, which raises both sides.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../functions/src/app.ts';
import { loadConfig } from '../functions/src/config.ts';
import { createDeps } from '../functions/src/deps.ts';
import { campaignSchema } from '../functions/src/domain/campaign.ts';
import { startDynamoDbLocal } from '../functions/src/local/dynamodb-local.ts';
import { freePort } from '../functions/src/local/net.ts';
import { SITE_DIST } from '../functions/src/local/paths.ts';
import { startSesLocal } from '../functions/src/local/ses-local.ts';
import { MAIL_POOL } from '../functions/src/locks/index.ts';
import { createDynamoClients } from '../functions/src/platform/dynamo/client.ts';
import { ensureTable } from '../functions/src/platform/dynamo/table-setup.ts';
import { staticKeyRing } from '../functions/src/platform/secrets/key-ring.ts';
import { capacityMeter, percentile } from './capacity-meter.ts';
import { ms, ratio, section, table } from './markdown.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;

/**
 * The raw DynamoDB calls a lock request is compared with, issued directly: one conditional PutItem
 * of a request-sized item (bench/load.ts reuses it under load).
 */
export function rawLockRequestCalls(doc: DynamoDBDocumentClient, tableName: string, payload: () => string): () => Promise<void> {
  return async () => {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: `RAW#${randomUUID()}`, sk: 'RAW', payload: payload(), createdAt: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  };
}

export interface LockRequestFigures {
  runs: number;
  warmup: number;
  rawMs: { p50: number; p95: number };
  endpointMs: { p50: number; p95: number };
  phoneOnlyMs: { p50: number; p95: number };
  ratio: number;
  rawWcu: number;
  perRequest: { op: string; calls: number; wcu: number }[];
  totalWcu: number;
  roundTrips: number;
  itemsPerTransaction: number;
}

export async function lockRequestBench(): Promise<LockRequestFigures> {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesLocal({ host: '127.0.0.1', port: 0 });
  try {
    const tableName = 'bench-locks';
    const meter = capacityMeter();
    const { client, doc } = createDynamoClients({ region: 'us-east-1', endpoint: ddb.endpoint, configure: meter.configure });
    await ensureTable(client, tableName);
    const config = loadConfig({
      STAGE: 'test',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: ddb.endpoint,
      SES_ENDPOINT: ses.url,
      MAIL_FROM: 'no-reply@lockline.test',
      SITE_URL: 'http://127.0.0.1:8787',
      SUBMISSIONS_PER_HOUR: '100000',
      FORM_MIN_FILL_SECONDS: '0',
      LOG_LEVEL: 'SILENT',
    });
    const deps = createDeps(config, {
      logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
      shellsDir: `${SITE_DIST}/shells`,
      keyRing: staticKeyRing(randomBytes(32)),
      configureDynamo: meter.configure,
    });
    const store = deps;
    const campaign = campaignSchema.parse({
      slug: 'benchville',
      name: 'Benchville (benchmark)',
      city: 'Benchville',
      state: 'OR',
      status: 'live',
      languages: ['en', 'es'],
      contactEmail: 'team@benchville.example',
      locks: { mail: { enabled: true, lockTypes: ['cable'], initialStock: { cable: 100_000 } } },
    });
    await store.campaigns.put(campaign);
    await store.stock.seedInitial(campaign.slug, [{ id: MAIL_POOL, initialStock: campaign.locks.mail.initialStock }]);
    const app = createApp(deps);

    let n = 0;
    const body = (withEmail = true) => {
      n += 1;
      return JSON.stringify({
        name: `Bench Resident ${n}`,
        ...(withEmail ? { email: `bench-${n}@example.test` } : { phone: `+1503${String(2_000_000 + n).padStart(7, '0')}` }),
        delivery: 'mail',
        address: { line1: `${n} Bench Street`, city: 'Portland', state: 'OR', zip: '97201' },
        lockType: 'cable',
        quantity: 1,
        language: 'en',
        consent: true,
      });
    };
    const endpoint = async (withEmail = true) => {
      // A client fetches its form token first (GET /api/form-token); the timing is the submission's.
      const { formToken } = (await (await app.request('/api/form-token')).json()) as { formToken: string };
      const t0 = performance.now();
      const res = await app.request('/api/campaigns/benchville/lock-requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), 'form-token': formToken },
        body: body(withEmail),
      });
      const ms = performance.now() - t0;
      if (res.status !== 201) throw new Error(`lock request answered ${res.status}`);
      return ms;
    };
    const rawCalls = rawLockRequestCalls(doc, tableName, () => body());
    const raw = async () => {
      const t0 = performance.now();
      await rawCalls();
      return performance.now() - t0;
    };

    for (let i = 0; i < WARMUP; i += 1) {
      await raw();
      await endpoint();
    }
    // One block each, back to back, after the same warm-up.
    const rawMs: number[] = [];
    const endpointMs: number[] = [];
    meter.reset();
    for (let i = 0; i < RUNS; i += 1) {
      rawMs.push(await raw());
    }
    const rawUnits = [...meter.units.values()].reduce((s, r) => s + r.wcu, 0) / RUNS;
    meter.reset();
    for (let i = 0; i < RUNS; i += 1) endpointMs.push(await endpoint());
    const perRequest = [...meter.units.entries()].map(([op, r]) => ({ op, calls: r.calls / RUNS, wcu: r.wcu / RUNS }));
    const totalWcu = perRequest.reduce((s, r) => s + r.wcu, 0);
    const itemsPerTransaction = meter.transactItems() / RUNS;
    const phoneOnlyMs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) phoneOnlyMs.push(await endpoint(false));

    const p = (v: number[]) => ({ p50: percentile(v, 0.5), p95: percentile(v, 0.95) });
    return {
      runs: RUNS,
      warmup: WARMUP,
      rawMs: p(rawMs),
      endpointMs: p(endpointMs),
      phoneOnlyMs: p(phoneOnlyMs),
      ratio: percentile(endpointMs, 0.5) / percentile(rawMs, 0.5),
      rawWcu: rawUnits,
      perRequest,
      totalWcu,
      roundTrips: [...meter.calls.values()].reduce((sum, c) => sum + c, 0) / (2 * RUNS),
      itemsPerTransaction,
    };
  } finally {
    await ses.stop();
    await ddb.stop();
  }
}

export function lockRequestMarkdown(f: LockRequestFigures): string {
  return section(
    'Lock request: latency, round trips and write units',
    `POST /api/campaigns/{slug}/lock-requests through the whole app in-process against the raw DynamoDB write it must make, on the same DynamoDB Local (in memory) and local SES; ${f.runs} sequential runs each after ${f.warmup} warm-up.`,
    table(
      ['operation', 'p50', 'p95'],
      [
        ['raw PutItem (one request-sized item)', ms(f.rawMs.p50, 2), ms(f.rawMs.p95, 2)],
        ['POST /api/campaigns/{slug}/lock-requests (mail, with email)', ms(f.endpointMs.p50, 2), ms(f.endpointMs.p95, 2)],
        ['the same with a phone number only (no email to send)', ms(f.phoneOnlyMs.p50, 2), ms(f.phoneOnlyMs.p95, 2)],
      ],
      ['l', 'r', 'r'],
    ),
    `Ratio (p50 endpoint / p50 raw write): **${ratio(f.ratio)}**. DynamoDB round trips per request (all calls, reads included, both kinds of request): ${f.roundTrips.toFixed(2)}.`,
    `Write capacity units per request as DynamoDB Local reports them (raw PutItem: ${f.rawWcu.toFixed(1)} WCU):`,
    table(['operation', 'calls per request', 'WCU per request'], [...f.perRequest.map((r) => [r.op, r.calls.toFixed(2), r.wcu.toFixed(1)]), ['total', '', f.totalWcu.toFixed(1)]], ['l', 'r', 'r']),
    `Items per transaction: ${f.itemsPerTransaction.toFixed(1)}. DynamoDB Local counts 1 WCU per item; on AWS a transactional write costs 2 WCU per item (up to 1 KB) and each gsi1 write 1 more.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(lockRequestMarkdown(await lockRequestBench()));
