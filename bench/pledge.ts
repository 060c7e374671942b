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
import { BatchGetCommand, DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;

export async function pledgeBench() {
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
    await deps.campaigns.put(campaignSchema.parse({ slug: 'benchville', name: 'Benchville (benchmark)', city: 'Benchville', state: 'OR', status: 'live', languages: ['en', 'es'] }));
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

    // The same DynamoDB calls, issued directly: the campaign, the replay check, the rate limit, the
    // transaction (pledge, stored answer, outbox entry), the suppression check before sending, and
    // the sent entry's delete.
    const payload = JSON.stringify({ name: 'Bench Pledger', email: 'bench-raw@example.test', zip: '97201', language: 'en', updates: true });
    const rawItem = (kind: string) => ({ pk: `RAW#${kind}#${randomUUID()}`, sk: 'RAW', entity: `raw_${kind}`, payload, at: new Date().toISOString() });
    const raw = async () => {
      const t0 = performance.now();
      await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'CAMPAIGN#benchville', sk: 'CAMPAIGN' } }));
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
    const signCalls = [...meter.calls.entries()].map(([op, c]) => `${op.replace('Command', '')} ${(c / RUNS).toFixed(2)}`).join(', ');
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

    const row = (name: string, v: number[]) => `| ${name} | ${percentile(v, 0.5).toFixed(2)} | ${percentile(v, 0.95).toFixed(2)} |`;
    const units = (title: string, list: { op: string; calls: number; wcu: number }[]) => {
      console.log(`\n${title}\n\n| operation | calls | WCU |\n|---|---|---|`);
      for (const r of list) console.log(`| ${r.op.replace('Command', '')} | ${r.calls.toFixed(2)} | ${r.wcu.toFixed(1)} |`);
      console.log(`| total | | ${list.reduce((s, r) => s + r.wcu, 0).toFixed(1)} |`);
    };
    console.log(`\nPledge endpoint vs the raw DynamoDB calls it makes (${RUNS} runs each, interleaved, after ${WARMUP} warm-up, DynamoDB Local in memory, Node ${process.version})\n`);
    console.log('| operation | p50 ms | p95 ms |');
    console.log('|---|---|---|');
    console.log(row('raw: 2 GetItem, UpdateItem, TransactWriteItems (3 puts), BatchGetItem, DeleteItem', rawMs));
    console.log(row('the same raw calls and the email sent straight to the local SES', rawEmailMs));
    console.log(row('POST /api/campaigns/{slug}/pledges (JSON, first pledge, email sent)', endpointMs));
    console.log(`\nratio (p50 endpoint / p50 raw DynamoDB calls): ${(percentile(endpointMs, 0.5) / percentile(rawMs, 0.5)).toFixed(1)}x`);
    console.log(`ratio (p50 endpoint / p50 raw calls and the email): ${(percentile(endpointMs, 0.5) / percentile(rawEmailMs, 0.5)).toFixed(1)}x`);
    console.log(`DynamoDB calls per pledge through the endpoint: ${signCalls} (the email goes to the local SES in between)`);
    units('Write capacity units per pledge (sign), as DynamoDB Local reports them', signUnits);
    units('Write capacity units per confirmation, as DynamoDB Local reports them', confirmUnits);
    console.log(
      `\nOn AWS (items under 1 KB): a transactional write costs 2 WCU per item and each gsi1 write 1 more.` +
        ` Sign: ${signItems.toFixed(0)} items x 2 = ${(2 * signItems).toFixed(0)} + gsi1 (pledge, outbox) 2 + rate limit 1 + outbox delete 1 + its gsi1 delete 1` +
        ` = ${(2 * signItems + 5).toFixed(0)} WCU. Confirm: 2 items x 2 = 4 + gsi1 move (delete + put) 2 + rate limit 1 = 7 WCU.` +
        ' DynamoDB Local counts index writes its own way (the tables above); plan with the AWS figures. Whether AWS also doubles index writes made inside a transaction is not stated in the docs read.' +
        ' What the pledge itself stores is one item and its index entry (3 WCU); the rest is the platform\'s stored answer, outbox and rate limit.',
    );
  } finally {
    await ses.stop();
    await ddb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await pledgeBench();
