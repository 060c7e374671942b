import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { createTable } from '../../../functions/src/platform/dynamo/client.ts';
import { transact } from '../../../functions/src/platform/dynamo/transact.ts';
import { createOutbox, outboxTopic } from '../../../functions/src/platform/outbox/outbox.ts';
import { dynamoOutboxStore } from '../../../functions/src/platform/outbox/outbox-store.ts';
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
  return { clock, store, outbox, queue };
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
    // Not due before the grace period: the request that queued them sends them itself.
    expect(await outbox.deliverDue()).toEqual({ sent: 0, dropped: 0, failed: 0 });
    clock.advanceMinutes(3);
    expect(await outbox.deliverDue()).toEqual({ sent: 2, dropped: 1, failed: 0 });
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
    // Sent at once by the change that queued them: the first attempt fails.
    expect(await outbox.deliver(lock)).toBe('failed');
    expect(await outbox.deliver(test)).toBe('failed');
    for (const minutes of [1, 5, 30, 120]) {
      clock.advanceMinutes(minutes);
      expect((await outbox.deliverDue()).failed).toBe(2);
    }
    clock.advanceMinutes(600);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, dropped: 0, failed: 0 });
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
    expect(await outbox.deliverDue()).toEqual({ sent: 2, dropped: 0, failed: 0 });
    expect(await outbox.dead()).toEqual([]);
  });

  it('keeps an entry of a topic nobody registered, as a failure staff can see, instead of losing it', async () => {
    const { clock, outbox, queue } = await setup();
    const orphan = outboxTopic('retired-topic', ['old']);
    await queue(outbox.entry(orphan, 'old', 'x', 'lockton'));
    clock.advanceMinutes(3);
    expect(await outbox.deliverDue()).toEqual({ sent: 0, dropped: 0, failed: 1 });
  });
});
