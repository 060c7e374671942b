import { Logger } from '@aws-lambda-powertools/logger';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createTable } from '../../../functions/src/platform/dynamo/client.ts';
import { transact } from '../../../functions/src/platform/dynamo/transact.ts';
import { createOutbox, outboxTopic } from '../../../functions/src/platform/outbox/outbox.ts';
import { dynamoOutboxStore, OUTBOX_SHARDS } from '../../../functions/src/platform/outbox/outbox-store.ts';
import { freshTable, localEndpoints } from '../helpers.ts';
import { testClock } from '../lock-support.ts';

/**
 * The generic outbox on DynamoDB Local, carrying two topics at once (locks' and a test topic):
 * each is sent by its own handler, and retries, dead letters and requeue work the same for both.
 */
const LOCK_TOPIC = outboxTopic('lock-request', ['confirmation', 'reminder']);
const TEST_TOPIC = outboxTopic('test-topic', ['hello']);

async function setup() {
  const tableName = await freshTable('outbox');
  const clock = testClock(new Date('2026-11-25T12:00:00Z'));
  const table = createTable({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint, tableName });
  const store = dynamoOutboxStore(table, clock);
  const outbox = createOutbox(store, clock, new Logger({ serviceName: 'lockline-test', logLevel: 'SILENT' }));
  /** Queues entries the way a capability does: inside a transaction (here, alone). */
  const queue = async (...entries: ReturnType<typeof outbox.entry>[]) => {
    expect(await transact(table, entries.map((e) => store.putItem(e)))).toBeNull();
  };
  return { clock, store, outbox, queue, table };
}

describe('the generic outbox', () => {
  it('sends each topic through its own handler, typed by kind, and forgets what was sent', async () => {
    const { clock, outbox, queue, store } = await setup();
    const seen: string[] = [];
    outbox.register(LOCK_TOPIC, async (entry) => {
      seen.push(`lock:${entry.kind}:${entry.ref}`);
      return 'sent';
    });
    outbox.register(TEST_TOPIC, async (entry) => {
      seen.push(`test:${entry.kind}:${entry.ref}`);
      return entry.ref === 'gone' ? 'dropped' : 'sent';
    });
    await queue(outbox.entry(LOCK_TOPIC, 'confirmation', 'K7QM-3XPD', 'lockton'), outbox.entry(TEST_TOPIC, 'hello', 'world', 'lockton'), outbox.entry(TEST_TOPIC, 'hello', 'gone', 'lockton'));
    // Not due before the grace period: the table's stream sends them first.
    expect(await outbox.deliverDue()).toEqual({ sent: 0, dropped: 0, failed: 0, skipped: 0 });
    clock.advanceMinutes(3);
    expect(await outbox.deliverDue()).toEqual({ sent: 2, dropped: 1, failed: 0, skipped: 0 });
    expect(seen.sort()).toEqual(['lock:confirmation:K7QM-3XPD', 'test:hello:gone', 'test:hello:world']);
    expect(await store.due()).toEqual([]);
  });

  it('retries failures of every topic after 1, 5, 30 and 120 minutes, keeps them as dead, and sends them after a requeue', async () => {
    const { clock, outbox, queue } = await setup();
    let failing = true;
    const attempts = { lock: 0, test: 0 };
    const handler = (name: 'lock' | 'test') => async () => {
      attempts[name] += 1;
      if (failing) throw Object.assign(new Error('mail server said no to someone@example.test'), { name: 'MessageRejected' });
      return 'sent' as const;
    };
    outbox.register(LOCK_TOPIC, handler('lock'));
    outbox.register(TEST_TOPIC, handler('test'));
    const lock = outbox.entry(LOCK_TOPIC, 'reminder', 'K7QM-3XPD', 'lockton');
    const test = outbox.entry(TEST_TOPIC, 'hello', 'world', 'othertown');
    await queue(lock, test);
    // Sent when the stream announces them: the first attempt fails.
    expect(await outbox.send(lock.id)).toBe('failed');
    expect(await outbox.send(test.id)).toBe('failed');
    for (const minutes of [1, 5, 30, 120]) {
      clock.advanceMinutes(minutes);
      expect((await outbox.deliverDue()).failed).toBe(2);
    }
    clock.advanceMinutes(600);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, dropped: 0, failed: 0, skipped: 0 });
    expect(attempts).toEqual({ lock: 5, test: 5 });

    const dead = await outbox.dead();
    expect(dead.map((e) => [e.topic, e.kind, e.ref, e.campaign, e.attempts, e.lastError]).sort()).toEqual([
      ['lock-request', 'reminder', 'K7QM-3XPD', 'lockton', 5, 'MessageRejected'],
      ['test-topic', 'hello', 'world', 'othertown', 5, 'MessageRejected'],
    ]);
    // Only the error's name is kept: its message quoted an address.
    expect(JSON.stringify(dead)).not.toContain('@example.test');

    failing = false;
    for (const entry of dead) expect(await outbox.requeue(entry.id)).toBe(true);
    expect(await outbox.requeue(dead[0]!.id)).toBe(false);
    expect(await outbox.deliverDue()).toEqual({ sent: 2, dropped: 0, failed: 0, skipped: 0 });
    expect(await outbox.dead()).toEqual([]);
  });

  it('keeps an entry of a topic nobody registered, as a failure staff can see, instead of losing it', async () => {
    const { clock, outbox, queue } = await setup();
    const orphan = outboxTopic('retired-topic', ['old']);
    await queue(outbox.entry(orphan, 'old', 'x', 'lockton'));
    clock.advanceMinutes(3);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, dropped: 0, failed: 1, skipped: 0 });
  });

  it('sends an entry once when the stream and the sweep reach it together, and again only after a sender died mid-way', async () => {
    const { clock, outbox, queue, store } = await setup();
    let sends = 0;
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    outbox.register(TEST_TOPIC, async () => {
      sends += 1;
      await slow;
      return 'sent';
    });
    const entry = outbox.entry(TEST_TOPIC, 'hello', 'world', 'lockton');
    await queue(entry);
    clock.advanceMinutes(3);
    // The stream's send holds the claim while the mail server is slow; the sweep passes it by.
    const first = outbox.send(entry.id);
    await expect.poll(() => sends).toBe(1);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, dropped: 0, failed: 0, skipped: 1 });
    expect(await outbox.send(entry.id)).toBe('skipped');
    release();
    expect(await first).toBe('sent');
    expect(await outbox.send(entry.id)).toBe('skipped');
    expect(sends).toBe(1);

    // A sender that claimed an entry and died: the entry waits out the lease, then goes once.
    const orphan = outbox.entry(TEST_TOPIC, 'hello', 'orphan', 'lockton');
    await queue(orphan);
    expect(await store.claim(orphan.id)).toMatchObject({ id: orphan.id, ref: 'orphan' });
    clock.advanceMinutes(1);
    expect(await outbox.send(orphan.id)).toBe('skipped');
    clock.advanceMinutes(2);
    expect(await outbox.deliverDue()).toEqual({ sent: 1, dropped: 0, failed: 0, skipped: 0 });
    expect(sends).toBe(2);
  });

  it('leaves a failed entry to its retry time: a stream record handed over again does not send it early', async () => {
    const { clock, outbox, queue } = await setup();
    let fail = true;
    let sends = 0;
    outbox.register(TEST_TOPIC, async () => {
      sends += 1;
      if (fail) throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
      return 'sent';
    });
    const entry = outbox.entry(TEST_TOPIC, 'hello', 'again', 'lockton');
    await queue(entry);
    expect(await outbox.send(entry.id)).toBe('failed');
    fail = false;
    // The stream hands the same record over again (its batch failed for another item).
    expect(await outbox.send(entry.id)).toBe('skipped');
    expect(sends).toBe(1);
    clock.advanceMinutes(1);
    expect(await outbox.deliverDue()).toMatchObject({ sent: 1 });
    expect(sends).toBe(2);
  });

  it('spreads the queue over its index shards, and lists what is due oldest first across them', async () => {
    const { clock, outbox, queue, store, table } = await setup();
    const entries = [];
    for (let i = 0; i < 60; i += 1) {
      const entry = outbox.entry(TEST_TOPIC, 'hello', `ref-${i}`, 'lockton');
      await queue(entry);
      entries.push(entry);
      clock.advanceMinutes(1 / 60);
    }
    const { Items = [] } = await table.doc.send(new ScanCommand({ TableName: table.name }));
    const shards = new Set(Items.map((item) => String(item.gsi1pk)));
    // 60 entries over 20 shards: most shards take some, all under the state's own prefix.
    expect(shards.size).toBeGreaterThan(OUTBOX_SHARDS / 2);
    for (const key of shards) expect(key).toMatch(/^OUTBOX#pending#\d{2}$/);
    clock.advanceMinutes(3);
    expect((await store.due()).map((e) => e.ref)).toEqual(entries.map((e) => e.ref));
  });
});
