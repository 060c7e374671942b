/**
 * The pledge endpoint against the raw DynamoDB calls it makes, on the same embedded DynamoDB Local
 * and local SES (issue 10). Prints:
 *   - write capacity units per pledge (sign) and per confirmation, as DynamoDB reports them, by
 *     operation, with what the same writes cost on AWS;
 *   - the median (p50) and p95 of POST /api/campaigns/{slug}/pledges through the whole app
 *     in-process (anti-abuse guard, validation, one transaction, the email sent through the outbox)
 *     and of the same DynamoDB calls issued directly, one after the other, and their ratio.
 * Local figures: DynamoDB on AWS adds network time to each call, which raises both sides.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { BatchGetCommand, DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../functions/src/app.ts';
import { composeServices } from '../functions/src/compose.ts';
import { loadConfig } from '../functions/src/config.ts';
import { createDeps } from '../functions/src/deps.ts';
import { campaignSchema } from '../functions/src/domain/campaign.ts';
import { startDynamoDbLocal } from '../functions/src/local/dynamodb-local.ts';
import { freePort } from '../functions/src/local/net.ts';
import { SITE_DIST } from '../functions/src/local/paths.ts';
import { startSesLocal } from '../functions/src/local/ses-local.ts';
import { createDynamoClients } from '../functions/src/platform/dynamo/client.ts';
import { ensureTable } from '../functions/src/platform/dynamo/table-setup.ts';
import { sesMailer } from '../functions/src/platform/email/ses-mailer.ts';
import { contactKey } from '../functions/src/platform/email/suppressions.ts';
import { staticKeyRing } from '../functions/src/platform/secrets/key-ring.ts';
import { linkToken } from '../functions/src/pledges/service/links.ts';
import { capacityMeter, percentile } from './capacity-meter.ts';
import { ms, ratio, section, table } from './markdown.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;

/**
 * The DynamoDB calls a pledge makes, issued directly (bench/load.ts reuses them under load): the
 * campaign, the replay check, the rate limit, the transaction (pledge, stored answer, outbox
 * entry), the suppression check before sending, and the sent entry's delete.
 */
export function rawPledgeCalls(doc: DynamoDBDocumentClient, tableName: string, slug: string): () => Promise<void> {
  const payload = JSON.stringify({ name: 'Bench Pledger', email: 'bench-raw@example.test', zip: '97201', language: 'en', updates: true });
  const rawItem = (kind: string) => ({ pk: `RAW#${kind}#${randomUUID()}`, sk: 'RAW', entity: `raw_${kind}`, payload, at: new Date().toISOString() });
  return async () => {
    await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `CAMPAIGN#${slug}`, sk: 'CAMPAIGN' } }));
    await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `RAW#idem#${randomUUID()}`, sk: 'RAW' }, ConsistentRead: true }));
    await doc.send(new UpdateCommand({ TableName: tableName, Key: { pk: `RAW#rate#${randomUUID()}`, sk: 'RAW' }, UpdateExpression: 'ADD hits :one', ExpressionAttributeValues: { ':one': 1 } }));
    const outbox = rawItem('outbox');
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [rawItem('pledge'), rawItem('idem'), outbox].map((Item) => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
      }),
    );
    await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: [{ pk: `RAW#supp#${randomUUID()}`, sk: 'RAW' }] } } }));
    await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: outbox.pk, sk: outbox.sk } }));
  };
}

type Units = { op: string; calls: number; wcu: number }[];

export interface PledgeFigures {
  runs: number;
  warmup: number;
  rawMs: { p50: number; p95: number };
  rawWithEmailMs: { p50: number; p95: number };
  endpointMs: { p50: number; p95: number };
  ratio: number;
  ratioWithEmail: number;
  /** DynamoDB calls per pledge through the endpoint, by operation. */
  calls: { op: string; perRequest: number }[];
  roundTrips: number;
  signUnits: Units;
  confirmUnits: Units;
  signItems: number;
}

export async function pledgeBench(): Promise<PledgeFigures> {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesLocal({ host: '127.0.0.1', port: 0 });
  try {
    const tableName = 'bench-pledges';
    const meter = capacityMeter();
    const { client, doc } = createDynamoClients({ region: 'us-east-1', endpoint: ddb.endpoint });
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
    await deps.campaigns.put(campaignSchema.parse({ slug: 'benchville', name: 'Benchville (benchmark)', city: 'Benchville', state: 'OR', status: 'live', languages: ['en', 'es'], contactEmail: 'team@benchville.example' }));
    const services = composeServices(deps);
    const app = createApp(deps, services);

    let n = 0;
    const emails: string[] = [];
    const body = () => {
      n += 1;
      const email = `bench-pledge-${n}-${randomBytes(3).toString('hex')}@example.test`;
      emails.push(email);
      return JSON.stringify({ name: `Bench Pledger ${n}`, email, zip: '97201', language: 'en', updates: true });
    };
    const endpoint = async () => {
      const { formToken } = (await (await app.request('/api/form-token')).json()) as { formToken: string };
      const t0 = performance.now();
      const res = await app.request('/api/campaigns/benchville/pledges', { method: 'POST', headers: { 'content-type': 'application/json', 'form-token': formToken }, body: body() });
      const ms = performance.now() - t0;
      if (res.status !== 202) throw new Error(`pledge answered ${res.status}`);
      return ms;
    };

    const rawCalls = rawPledgeCalls(doc, tableName, 'benchville');
    const payload = JSON.stringify({ name: 'Bench Pledger', email: 'bench-raw@example.test', zip: '97201', language: 'en', updates: true });
    const raw = async () => {
      const t0 = performance.now();
      await rawCalls();
      return performance.now() - t0;
    };

    // The raw calls and the email itself, sent straight to the local SES: what is left is the app's own time.
    const ses2 = sesMailer({ region: 'us-east-1', endpoint: ses.url, from: 'no-reply@lockline.test' });
    const rawWithEmail = async () => {
      const t0 = performance.now();
      await raw();
      await ses2.send({ to: 'bench-raw@example.test', subject: 'Please confirm your pledge', text: payload, html: `<p>${payload}</p>` });
      return performance.now() - t0;
    };

    for (let i = 0; i < WARMUP; i += 1) {
      await raw();
      await endpoint();
    }
    // Interleaved, so both sides see the same machine (it is shared): the raw calls go through a
    // client of their own, which the meter does not count.
    const rawMs: number[] = [];
    const endpointMs: number[] = [];
    emails.length = 0;
    meter.reset();
    const rawEmailMs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      rawMs.push(await raw());
      endpointMs.push(await endpoint());
      rawEmailMs.push(await rawWithEmail());
    }
    const signUnits = [...meter.units.entries()].map(([op, r]) => ({ op, calls: r.calls / RUNS, wcu: r.wcu / RUNS }));
    const signCalls = [...meter.calls.entries()].map(([op, c]) => ({ op: op.replace('Command', ''), perRequest: c / RUNS }));
    const signItems = meter.transactItems() / RUNS;

    // Confirmations of the pledges just signed, through the page's button (POST).
    const tokens = await Promise.all(
      emails.map(async (email) => {
        const record = await deps.pledges.get('benchville', await contactKey(deps.keyRing, email));
        return linkToken(deps.keyRing, record!, 'confirm');
      }),
    );
    meter.reset();
    for (const token of tokens) {
      const res = await app.request(`/c/benchville/pledge/confirm/${token}/`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
      if (res.status !== 303) throw new Error(`confirm answered ${res.status}`);
    }
    const confirmUnits = [...meter.units.entries()].map(([op, r]) => ({ op, calls: r.calls / tokens.length, wcu: r.wcu / tokens.length }));

    const p = (v: number[]) => ({ p50: percentile(v, 0.5), p95: percentile(v, 0.95) });
    return {
      runs: RUNS,
      warmup: WARMUP,
      rawMs: p(rawMs),
      rawWithEmailMs: p(rawEmailMs),
      endpointMs: p(endpointMs),
      ratio: percentile(endpointMs, 0.5) / percentile(rawMs, 0.5),
      ratioWithEmail: percentile(endpointMs, 0.5) / percentile(rawEmailMs, 0.5),
      calls: signCalls,
      roundTrips: signCalls.reduce((sum, c) => sum + c.perRequest, 0),
      signUnits,
      confirmUnits,
      signItems,
    };
  } finally {
    await ses.stop();
    await ddb.stop();
  }
}

export function pledgeMarkdown(f: PledgeFigures): string {
  const units = (list: Units) => table(['operation', 'calls', 'WCU'], [...list.map((r) => [r.op.replace('Command', ''), r.calls.toFixed(2), r.wcu.toFixed(1)]), ['total', '', list.reduce((s, r) => s + r.wcu, 0).toFixed(1)]], ['l', 'r', 'r']);
  return section(
    'Pledge: latency, round trips and write units',
    `POST /api/campaigns/{slug}/pledges through the whole app in-process against the same DynamoDB calls issued directly, on the same DynamoDB Local (in memory) and local SES; ${f.runs} runs each, interleaved, after ${f.warmup} warm-up.`,
    table(
      ['operation', 'p50', 'p95'],
      [
        ['raw: 2 GetItem, UpdateItem, TransactWriteItems (3 puts), BatchGetItem, DeleteItem', ms(f.rawMs.p50, 2), ms(f.rawMs.p95, 2)],
        ['the same raw calls and the email sent straight to the local SES', ms(f.rawWithEmailMs.p50, 2), ms(f.rawWithEmailMs.p95, 2)],
        ['POST /api/campaigns/{slug}/pledges (JSON, first pledge)', ms(f.endpointMs.p50, 2), ms(f.endpointMs.p95, 2)],
      ],
      ['l', 'r', 'r'],
    ),
    `Ratio (p50 endpoint / p50 raw DynamoDB calls): **${ratio(f.ratio)}**; against the raw calls and the email: ${ratio(f.ratioWithEmail)}.`,
    `DynamoDB round trips per pledge through the endpoint: ${f.roundTrips.toFixed(2)} (${f.calls.map((c) => `${c.op} ${c.perRequest.toFixed(2)}`).join(', ')}).`,
    'Write capacity units per pledge (sign), as DynamoDB Local reports them:',
    units(f.signUnits),
    'Write capacity units per confirmation:',
    units(f.confirmUnits),
    `On AWS (items under 1 KB) a transactional write costs 2 WCU per item and each gsi1 write 1 more: sign ${f.signItems.toFixed(0)} items x 2 = ${(2 * f.signItems).toFixed(0)} + gsi1 (pledge, outbox) 2 + rate limit 1 + outbox delete 1 + its gsi1 delete 1 = ${(2 * f.signItems + 5).toFixed(0)} WCU; confirm 7 WCU.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(pledgeMarkdown(await pledgeBench()));
