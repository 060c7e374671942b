import type { StoredAnswer } from '../platform/abuse/idempotency-store.ts';
import type { OutboxEntry } from '../platform/outbox/outbox-store.ts';
import type { PledgeRecord, PledgeStatus } from './rules/record.ts';

/**
 * What the pledge service needs from storage, declared by the capability. The DynamoDB
 * implementation is in store/; every change that must not half-happen is one transaction.
 */

/** What a pledge submission answers, stored for its idempotency key: nothing personal. */
export interface PledgeAnswer {
  status: 202;
}

export interface IdempotentWrite {
  scope: string;
  keyHash: string;
  answer: StoredAnswer;
}

export interface NewPledge {
  record: PledgeRecord;
  idempotency: IdempotentWrite;
  /** The confirmation email, queued in the same transaction. */
  email: OutboxEntry;
}

export type CreateOutcome =
  | { kind: 'created' }
  /** This address has a live pledge in this scope already: nothing was written. */
  | { kind: 'exists' }
  | { kind: 'replay'; answer: StoredAnswer };

export interface RepeatWrite {
  idempotency: IdempotentWrite;
  /**
   * The pledge read before, still there with its nonce (checked in the transaction), and the
   * `repeat` message queued about it; its sender decides whether an email goes. Without it (the
   * pledge went in a race) only the answer is stored.
   */
  message?: { existing: PledgeRecord; entry: OutboxEntry };
}

export interface PledgeRange {
  /** ISO date or date-time, inclusive. */
  from?: string;
  to?: string;
}

export interface PledgeStore {
  create(pledge: NewPledge): Promise<CreateOutcome>;
  /** The pledge, or null when absent or past its TTL. Consistent read. */
  get(scope: string, emailKey: string): Promise<PledgeRecord | null>;
  /** 'stale' when the pledge read is gone or was replaced meanwhile: read it again. */
  repeat(write: RepeatWrite): Promise<'done' | 'stale' | { replay: StoredAnswer }>;
  /**
   * Records the email a repeat's message (`by`) is about to send: only if the pledge still has this
   * nonce and no email went since `seen` (its `lastEmailedAt` as read), or this message recorded it.
   * False when another message sent today's.
   */
  markEmailed(m: { scope: string; emailKey: string; nonce: string; seen: string; at: string; by: string }): Promise<boolean>;
  /** Confirms and counts it, in one transaction; false when it is not an unconfirmed, live pledge with this nonce. */
  confirm(c: { scope: string; emailKey: string; nonce: string; at: string; expiresAt: number }): Promise<boolean>;
  /** Stops all email about the pledge and withdraws consent to updates; false when there is no such pledge. */
  unsubscribe(u: { scope: string; emailKey: string; nonce: string; at: string }): Promise<boolean>;
  /** Deletes the pledge and its personal data; the count is untouched. False when there was none. */
  remove(r: { scope: string; emailKey: string; nonce: string }): Promise<boolean>;
  /** Confirmed pledges per scope: the sum of each scope's counter shards. */
  counts(scopes: readonly string[]): Promise<Map<string, number>>;
  /** Pledges of a scope confirmed on each of these UTC days (`YYYY-MM-DD`); a day without any is 0. */
  confirmedPerDay(scope: string, days: readonly string[]): Promise<Map<string, number>>;
  /**
   * One index shard of a scope's pledges in a status, oldest first, page by page (each at most
   * `pageSize` items, expired ones dropped). `sortKey` orders rows across shards.
   */
  listPages(
    q: { scope: string; status: PledgeStatus; shard: number; range: PledgeRange; outreachOnly: boolean },
    pageSize: number,
  ): AsyncIterable<{ sortKey: string; record: PledgeRecord }[]>;
}
