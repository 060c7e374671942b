/**
 * The lock-request endpoint against the same DynamoDB calls issued directly, on the same embedded
 * DynamoDB Local (issue 15). Each request through the app in-process (anti-abuse guard,
 * validation, one transaction with allocation, household claims, stored answer and outbox entry;
 * the email is sent later, from the table's stream) is followed by its own recorded calls replayed
 * straight through a plain client on a copy of the table. Prints p50/p95 of both, their ratio, the
 * DynamoDB round trips per request and the write units DynamoDB reports.
 * Local figures: DynamoDB on AWS adds network time to each call, which raises both sides.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
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
import { capacityMeter } from './capacity-meter.ts';
import { callRecorder, copyTable, routeVsRaw, summarise } from './round-trips.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;
const RAW_TABLE = 'bench-locks-raw';

export async function lockRequestBench() {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesLocal({ host: '127.0.0.1', port: 0 });
  try {
    const tableName = 'bench-locks';
    const meter = capacityMeter();
    const recorder = callRecorder();
    const { client } = createDynamoClients({ region: 'us-east-1', endpoint: ddb.endpoint });
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
      configureDynamo: (c) => {
        meter.configure(c);
        recorder.configure(c);
      },
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
    const body = () => {
      n += 1;
      return JSON.stringify({
        name: `Bench Resident ${n}`,
        email: `bench-${n}@example.test`,
        delivery: 'mail',
        address: { line1: `${n} Bench Street`, city: 'Portland', state: 'OR', zip: '97201' },
        lockType: 'cable',
        quantity: 1,
        language: 'en',
        consent: true,
      });
    };
    const send = (idempotencyKey: boolean) => async () => {
      // A client fetches its form token first (GET /api/form-token); the timing is the submission's.
      const { formToken } = (await (await app.request('/api/form-token')).json()) as { formToken: string };
      const t0 = performance.now();
      const res = await app.request('/api/campaigns/benchville/lock-requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'form-token': formToken, ...(idempotencyKey ? { 'idempotency-key': randomUUID() } : {}) },
        body: body(),
      });
      const ms = performance.now() - t0;
      if (res.status !== 201) throw new Error(`lock request answered ${res.status}`);
      return ms;
    };

    await ensureTable(client, RAW_TABLE);
    await copyTable(client, tableName, RAW_TABLE);
    const compare = (idempotencyKey: boolean) =>
      routeVsRaw({ runs: RUNS, warmup: WARMUP, send: send(idempotencyKey), recorder, client, fromTable: tableName, toTable: RAW_TABLE });
    meter.reset();
    const plain = await compare(false);
    const perRequest = [...meter.units.entries()].map(([op, r]) => ({ op, calls: r.calls / (RUNS + WARMUP), wcu: r.wcu / (RUNS + WARMUP) }));
    const totalWcu = perRequest.reduce((sum, r) => sum + r.wcu, 0);
    const itemsPerTransaction = meter.transactItems() / (RUNS + WARMUP);
    const keyed = await compare(true);

    const figures = [
      { route: 'POST /api/campaigns/{slug}/lock-requests (JSON, mail)', ...summarise(plain) },
      { route: 'the same with an Idempotency-Key (one replay read more)', ...summarise(keyed) },
    ];
    console.log(`\nLock request vs the same DynamoDB calls issued directly (${RUNS} runs each, interleaved, after ${WARMUP} warm-up, DynamoDB Local in memory, Node ${process.version})\n`);
    console.log('| route | p50 ms | p95 ms | raw calls p50 ms | ratio (p50) | DynamoDB round trips |');
    console.log('|---|---|---|---|---|---|');
    for (const f of figures) {
      console.log(`| ${f.route} | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.rawP50.toFixed(2)} | ${f.ratio.toFixed(2)}x | ${f.roundTrips.toFixed(1)} (${f.calls}) |`);
    }
    console.log(`\nWrite capacity units per request, as DynamoDB Local reports them\n`);
    console.log('| operation | calls per request | WCU per request |');
    console.log('|---|---|---|');
    for (const r of perRequest) console.log(`| ${r.op.replace('Command', '')} | ${r.calls.toFixed(2)} | ${r.wcu.toFixed(1)} |`);
    console.log(`| total | | ${totalWcu.toFixed(1)} |`);
    console.log(
      `\nItems per transaction: ${itemsPerTransaction.toFixed(1)}. DynamoDB Local counts 1 WCU per item; on AWS a transactional` +
        ` write costs 2 WCU per item (up to 1 KB) and each gsi1 write 1 more, so expect about` +
        ` ${(2 * itemsPerTransaction + 2 + 1).toFixed(0)} WCU per request there (transaction, its 2 gsi1 writes, the rate-limit update);` +
        ' sending the email later (the stream consumer) adds the outbox claim and delete.',
    );
    return { figures, wcuPerRequest: totalWcu, itemsPerTransaction };
  } finally {
    await ses.stop();
    await ddb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await lockRequestBench();
