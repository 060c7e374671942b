import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTable } from '../../../functions/src/platform/dynamo/client.ts';
import { transact } from '../../../functions/src/platform/dynamo/transact.ts';
import type { EmailMessage, Mailer } from '../../../functions/src/platform/email/mailer.ts';
import { dynamoOutboxStore } from '../../../functions/src/platform/outbox/outbox-store.ts';
import { freshTable, localEndpoints } from '../helpers.ts';
import { emailsTo, lockHarness, mailRequest, postJson, type LockHarness } from '../lock-support.ts';

const PATH = '/api/campaigns/lockton/lock-requests';

/** The local SES store, read without waiting for the stream: what a person's inbox shows now. */
async function inbox(address: string) {
  const store = (await (await fetch(`${localEndpoints().sesEndpoint}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
  return store.emails.filter((e) => e.destination.to.includes(address));
}

describe('email off the request path: the table stream sends it (decision 0018)', () => {
  let h: LockHarness;
  beforeAll(async () => {
    h = await lockHarness();
  });

  it('answers the request, then the confirmation arrives from the stream within seconds', async () => {
    const body = mailRequest();
    const started = performance.now();
    const res = await postJson(h.app, PATH, body);
    expect(res.status).toBe(201);
    await expect.poll(() => inbox(body.email), { timeout: 5_000, interval: 50 }).toHaveLength(1);
    const seconds = (performance.now() - started) / 1000;
    console.info(`confirmation email in the local inbox ${seconds.toFixed(2)} s after the request was sent`);
    expect(await h.count('outbox')).toBe(0);
  });

  it('does not wait for the mail server: a request answers while the mailer hangs, and the email goes when it recovers', async () => {
    let release: () => void = () => {};
    const recovered = new Promise<void>((resolve) => (release = resolve));
    const sent: EmailMessage[] = [];
    const hanging: Mailer = {
      async send(mail) {
        await recovered;
        sent.push(mail);
        return { messageId: `hung-${sent.length}` };
      },
    };
    const slow = await lockHarness({ mailer: hanging });
    const body = mailRequest();
    const res = await postJson(slow.app, PATH, body);
    expect(res.status).toBe(201);
    // Queued in the request's own transaction, and handed to the (hanging) mail server by the stream.
    expect(await slow.count('outbox')).toBe(1);
    expect(sent).toHaveLength(0);
    release();
    await expect.poll(() => sent.length, { timeout: 5_000 }).toBe(1);
    expect(sent[0]!.to).toBe(body.email);
    await expect.poll(() => slow.count('outbox'), { timeout: 5_000 }).toBe(0);
  });

  it('is not sent twice: the sweep, after the grace period, finds nothing left to send', async () => {
    const body = mailRequest();
    expect((await postJson(h.app, PATH, body)).status).toBe(201);
    expect(await emailsTo(body.email)).toHaveLength(1);
    h.clock.advanceMinutes(10);
    expect((await h.sweep()).emails).toMatchObject({ sent: 0 });
    expect(await emailsTo(body.email)).toHaveLength(1);
  });
});

describe('the stream Lambda handler module', () => {
  let handler: (event: DynamoDBStreamEvent, context: Context) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  let tableName: string;
  beforeAll(async () => {
    // A table no poller reads: only the handler under test sends from it.
    tableName = await freshTable('stream');
    Object.assign(process.env, {
      STAGE: 'test',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: localEndpoints().dynamodbEndpoint,
      SES_ENDPOINT: localEndpoints().sesEndpoint,
      MAIL_FROM: 'no-reply@lockline.test',
      SITE_URL: 'https://lockline.test',
      LOG_LEVEL: 'SILENT',
      SIGNING_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'lockline-stream-')), 'signing-key.json'),
    });
    ({ handler } = (await import('../../../functions/src/stream-lambda.ts')) as unknown as { handler: typeof handler });
  });

  const record = (eventName: string, pk: string, sk: string, seq: string) => ({
    eventID: seq,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, SequenceNumber: seq, StreamViewType: 'KEYS_ONLY' },
  });

  it('claims and sends the entries a batch announces, passes every other record by, and reports no failures', async () => {
    const table = createTable({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint, tableName });
    const store = dynamoOutboxStore(table, { now: () => new Date() });
    // Entries about requests that no longer exist: claimed, found to have nothing to send, removed.
    const entry = (id: string) => ({ id, topic: 'lock-request', kind: 'confirmation', ref: 'NONE-XIST', campaign: 'lockton', attempts: 0, createdAt: new Date().toISOString() });
    expect(await transact(table, [store.putItem(entry('announced')), store.putItem(entry('modified-only'))])).toBeNull();
    const event = {
      Records: [
        record('INSERT', 'CAMPAIGN#lockton', 'LOCK#X', '1'),
        record('MODIFY', 'OUTBOX#modified-only', 'OUTBOX', '2'),
        record('INSERT', 'OUTBOX#announced', 'OUTBOX', '3'),
      ],
    } as unknown as DynamoDBStreamEvent;
    expect(await handler(event, {} as Context)).toEqual({ batchItemFailures: [] });
    const left = await table.doc.send(new ScanCommand({ TableName: tableName }));
    expect(left.Items?.map((item) => item.pk)).toEqual(['OUTBOX#modified-only']);
  });
});
