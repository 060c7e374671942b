import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../clock.ts';
import type { OutboxEntry, OutboxStore } from './outbox-store.ts';

/**
 * The generic outbox: every capability queues its messages here, inside the transaction of the
 * change they report, so a crash or a mail failure never loses one, and the request that made the
 * change returns without waiting for mail. Each capability registers one handler per topic; the
 * outbox owns the rest for every topic alike: sending when the table's stream reports the new entry
 * (`send`, decision 0018), retries after 1, 5, 30 and 120 minutes by the sweep (`deliverDue`), then
 * `dead` (kept for staff, who can requeue it). Every send first claims the entry, so the stream
 * and the sweep never send one message twice.
 */

/** A capability's topic and the message kinds it sends: `entry.kind` is typed by it. */
export interface OutboxTopic<K extends string> {
  readonly name: string;
  readonly kinds: readonly K[];
}

export function outboxTopic<K extends string>(name: string, kinds: readonly K[]): OutboxTopic<K> {
  return { name, kinds };
}

export type TypedEntry<K extends string> = OutboxEntry & { kind: K };

/**
 * Sends one entry's message, reading what it needs fresh (so data deleted in the meantime is never
 * sent). Throws when sending failed (the outbox retries); answers `dropped` when there is nothing
 * to send any more (the data is gone, or has no address).
 */
export type OutboxHandler<K extends string> = (entry: TypedEntry<K>) => Promise<'sent' | 'dropped'>;

/**
 * A handler whose code (the email's views and copy) is loaded on its first send: a function that
 * only queues messages (the API, since delivery left the request path) never parses it
 * (decision 0020). A failed load is tried again on the next send.
 */
export function loadedOnFirstSend<K extends string>(load: () => Promise<OutboxHandler<K>>): OutboxHandler<K> {
  let loading: Promise<OutboxHandler<K>> | undefined;
  return async (entry) => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return (await loading)(entry);
  };
}

/** Retry delays after a failed send, in minutes; after the last one the entry is kept for staff. */
export const RETRY_MINUTES = [1, 5, 30, 120];

export type DeliveryResult = 'sent' | 'dropped' | 'failed';

/** `skipped`: the entry was already sent, is dead, or another sender holds it. */
export type SendResult = DeliveryResult | 'skipped';

export interface Outbox {
  register<K extends string>(topic: OutboxTopic<K>, handler: OutboxHandler<K>): void;
  /** A new entry for a change about to be written. */
  entry<K extends string>(topic: OutboxTopic<K>, kind: K, ref: string, campaign: string): OutboxEntry;
  /**
   * Sends one queued entry if no one else is sending it (the stream consumer's call, with the id
   * from the stream record). Failures of the message are recorded for retry, never thrown; a
   * failure to reach the table is thrown, so the stream delivers the record again. Only a first
   * attempt: an entry that has failed once waits for its retry time and the sweep (`skipped`).
   */
  send(id: string): Promise<SendResult>;
  /** Sends every due entry, of every topic (the sweep: first tries the stream missed, and retries). */
  deliverDue(): Promise<Record<SendResult, number>>;
  /** Entries that failed every attempt, for staff. */
  dead(): Promise<OutboxEntry[]>;
  requeue(id: string): Promise<boolean>;
}

/** Attempts at recording a sent message (each with the SDK's own retries) before giving up on it. */
const RECORD_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The table could not record what happened to a message (a send, or a failed send): the sweep stops
 * sending rather than send more it cannot keep track of, and fails, so the next run starts again.
 */
export class OutboxUnavailableError extends Error {
  constructor() {
    super('The outbox could not record a delivery.');
    this.name = 'OutboxUnavailableError';
  }
}

export function createOutbox(store: OutboxStore, clock: Clock, logger: Logger, onResult: (result: DeliveryResult) => void = () => {}): Outbox {
  const handlers = new Map<string, { kinds: readonly string[]; handler: OutboxHandler<string> }>();

  /**
   * Forgets a sent message. It has already left: if this is lost the entry stays due and the
   * message goes out a second time, so this is retried harder than anything else (the delete is
   * idempotent). False when the table kept refusing.
   */
  async function recordSent(entry: OutboxEntry): Promise<boolean> {
    for (let attempt = 0; attempt < RECORD_ATTEMPTS; attempt += 1) {
      try {
        await store.sent(entry.id);
        return true;
      } catch (error) {
        if (attempt === RECORD_ATTEMPTS - 1) {
          logger.error('message sent, not recorded: it may be sent again', { topic: entry.topic, kind: entry.kind, errorName: (error as Error).name });
          return false;
        }
        await sleep(50 * 2 ** attempt);
      }
    }
    return false;
  }

  /** Records a failed send for a retry (or for staff). False when that could not be written: the entry stays due as it was. */
  async function recordFailure(entry: OutboxEntry, name: string): Promise<boolean> {
    const retryIn = RETRY_MINUTES[entry.attempts];
    const retryAt = retryIn === undefined ? null : new Date(clock.now().getTime() + retryIn * 60_000).toISOString();
    try {
      await store.failed(entry, name, retryAt);
    } catch (error) {
      logger.warn('message failed, not recorded: it is due again once its lease runs out', { topic: entry.topic, kind: entry.kind, errorName: (error as Error).name });
      return false;
    }
    logger.warn(retryAt ? 'message failed, will retry' : 'message failed, kept for staff', {
      topic: entry.topic,
      kind: entry.kind,
      attempts: entry.attempts + 1,
      errorName: name,
    });
    return true;
  }

  /** One delivery: the send, then its record. A failure to record is reported, never thrown. */
  async function deliver(entry: OutboxEntry): Promise<{ result: DeliveryResult; recorded: boolean }> {
    const registered = handlers.get(entry.topic);
    let result: 'sent' | 'dropped';
    try {
      if (!registered) throw Object.assign(new Error('no handler'), { name: 'UnknownOutboxTopic' });
      if (!registered.kinds.includes(entry.kind)) throw Object.assign(new Error('unknown kind'), { name: 'UnknownOutboxKind' });
      result = await registered.handler(entry);
    } catch (error) {
      onResult('failed');
      return { result: 'failed', recorded: await recordFailure(entry, (error as Error).name || 'Error') };
    }
    // Outside the try: the message went, so it counts as sent even when the record fails (that
    // must not send it again at once). Unrecorded, the entry's lease runs out and the sweep may send
    // it once more: at least once, never lost (decision 0018).
    onResult(result);
    return { result, recorded: await recordSent(entry) };
  }

  /** Claims and sends one entry; a record the table would not take is thrown, so the caller retries later. */
  async function claimAndDeliver(id: string, firstAttemptOnly: boolean): Promise<SendResult> {
    const claimed = await store.claim(id, { firstAttemptOnly });
    if (!claimed) return 'skipped';
    const { result, recorded } = await deliver(claimed);
    if (!recorded) throw new OutboxUnavailableError();
    return result;
  }

  return {
    register(topic, handler) {
      handlers.set(topic.name, { kinds: topic.kinds, handler: handler as OutboxHandler<string> });
    },

    entry(topic, kind, ref, campaign) {
      return { id: randomUUID(), topic: topic.name, kind, ref, campaign, attempts: 0, createdAt: clock.now().toISOString() };
    },

    // The stream announces a new entry once; a record handed over again (after a failure to reach
    // the table) finds a failed entry's retry already planned, and leaves it to the sweep.
    send: (id) => claimAndDeliver(id, true),

    async deliverDue() {
      const counts: Record<SendResult, number> = { sent: 0, dropped: 0, failed: 0, skipped: 0 };
      for (const entry of await store.due()) counts[await claimAndDeliver(entry.id, false)] += 1;
      return counts;
    },

    dead: () => store.dead(),
    requeue: (id) => store.requeue(id),
  };
}
