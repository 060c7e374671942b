import type { LockType, Stock } from '../domain/pickup-site.ts';
import type { StoredAnswer } from '../platform/abuse/idempotency-store.ts';
import type { OutboxEntry } from '../platform/outbox/outbox-store.ts';
import type { CancelReason, LockRequestRecord, RequestStatus } from './rules/lifecycle.ts';

/**
 * What the lock service needs from storage, declared by the capability that needs it. The DynamoDB
 * implementations are in store/; every change is one conditional transaction (decision 0008).
 */

/** Lock stock per pool (a pickup site, or the mail programme): runtime state that seeding never overwrites. */
export interface StockRepository {
  /** Creates stock items for pools that have none yet; returns how many it created. */
  seedInitial(slug: string, pools: readonly { id: string; initialStock: Stock }[]): Promise<number>;
  /** Stock per pool id (site ids, and MAIL_POOL for the mail programme). */
  forCampaign(slug: string): Promise<Map<string, Stock>>;
  /** Adds locks to a pool; the new count, or null when the pool does not exist. */
  add(slug: string, pool: string, lockType: LockType, quantity: number): Promise<number | null>;
}

/** What a lock submission answers, stored for its idempotency key: nothing secret (no status link). */
export interface LockAnswer {
  status: 201;
  confirmationCode: string;
  requestStatus: RequestStatus;
  /** The request's language: the status link is derived again in it. */
  language: string;
}

export interface NewLockRequest {
  record: LockRequestRecord;
  /** Take the locks from the pool now (false: the request joins the waitlist). */
  allocate: boolean;
  pool: string;
  /**
   * The household keys this request claims for the period: all of its keys, less those an earlier
   * request already holds (then the record carries `possibleDuplicateOf` for staff).
   */
  claims: readonly string[];
  /** Epoch seconds when the household's claims on the period end. */
  householdExpiresAt: number;
  idempotency?: { scope: string; keyHash: string; answer: StoredAnswer };
  /** The first email (`confirmation` or `waitlisted`); absent without an email address. */
  email?: OutboxEntry;
  /**
   * A repeat from the email address of an earlier request: the reminder of that request's link,
   * queued with this one; its sender decides whether it goes (rules/plan.ts `reminderStep`).
   */
  reminder?: OutboxEntry;
}

export type CreateOutcome =
  | { kind: 'created' }
  | { kind: 'out_of_stock' }
  /**
   * A claim read as free is held by another request (claimed since the read: a race): its code,
   * and the key that matched. Nothing was written.
   */
  | { kind: 'claimed'; code: string; key: string }
  | { kind: 'replay'; answer: StoredAnswer }
  /** A lost race on a key that has since gone, or a taken code: try again. */
  | { kind: 'retry' };

export interface StatusChange {
  record: LockRequestRecord;
  to: RequestStatus;
  at: string;
  /** Set a field, remove it (null), or leave it (undefined). */
  holdUntil?: string | null;
  cancelReason?: CancelReason | null;
  expiresAt?: number | null;
  /**
   * The pool's stock item moved with the change: `quantity` negative takes locks, positive returns
   * them; `waiting` moves the count of waitlisted requests (-1 when one is served or cancelled).
   */
  stockDelta?: { pool: string; quantity: number; waiting?: number };
  email?: OutboxEntry;
}

/** Lock requests: every change is one conditional transaction with its stock move and its email. */
export interface LockRequestRepository {
  create(request: NewLockRequest): Promise<CreateOutcome>;
  /** The request, or null when absent or past its TTL. */
  get(slug: string, code: string): Promise<LockRequestRecord | null>;
  /**
   * The household keys already claimed this period, each with the code of the request holding it:
   * one consistent read of every key, claimed or not.
   */
  claimsOf(slug: string, keys: readonly string[]): Promise<Map<string, string>>;
  /** 'stale' when the request is no longer in the status the change started from. */
  change(change: StatusChange): Promise<'changed' | 'stale' | 'out_of_stock'>;
  /**
   * Marks the request reminded by this outbox entry, if it is still in the status read and was not
   * reminded after `remindedBefore` (or was, by this same entry). False when it was not marked.
   */
  markReminded(r: { record: LockRequestRecord; by: string; at: string; remindedBefore: string }): Promise<boolean>;
  /** Ends the household's claim on the period early (after a cancellation). */
  releaseHousehold(record: LockRequestRecord): Promise<void>;
  /** In arrival order (the waitlist's order). */
  list(slug: string, status: RequestStatus): Promise<LockRequestRecord[]>;
  /**
   * One page of a campaign's requests: the statuses' gsi1 partitions walked in the order given,
   * each in arrival order, starting after `from`. At most `limit` records, read from DynamoDB with
   * `Limit` and `ExclusiveStartKey` (never the whole list); `next` is where the following page
   * starts, or null at the end. A pool filter can make a page shorter than `limit` (a bounded
   * number of reads per page); only a null `next` means the end.
   */
  page(slug: string, statuses: readonly RequestStatus[], options: { limit: number; from?: ListPosition; pool?: string }): Promise<RequestPage>;
}

/** A place in a campaign's list: a status's partition and, within it, the gsi1 sort key to start after (none: its start). */
export interface ListPosition {
  status: RequestStatus;
  after?: string;
}

export interface RequestPage {
  records: LockRequestRecord[];
  next: ListPosition | null;
}
