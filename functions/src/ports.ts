import type { Campaign } from './domain/campaign.ts';
import type { ErpoRecord } from './domain/erpo.ts';
import type { CancelReason, LockRequestRecord, RequestStatus } from './domain/lock-lifecycle.ts';
import type { LockType, Stock } from './domain/pickup-site.ts';

/**
 * What the routes need from storage, as interfaces. The DynamoDB implementations live in store/;
 * unit tests pass small in-memory fakes.
 */
export interface CampaignRepository {
  listLive(): Promise<Campaign[]>;
  listByStatus(status: Campaign['status']): Promise<Campaign[]>;
  get(slug: string): Promise<Campaign | null>;
  put(campaign: Campaign): Promise<void>;
}

/** The red-flag law dataset: one record per state and DC. */
export interface ErpoRepository {
  list(): Promise<ErpoRecord[]>;
  get(code: string): Promise<ErpoRecord | null>;
  putAll(records: readonly ErpoRecord[]): Promise<void>;
}

/** Lock stock per pickup site: runtime state that content seeding never overwrites. */
export interface StockRepository {
  /** Creates stock items for pools (sites, or the mail programme) that have none yet; returns how many it created. */
  seedInitial(slug: string, pools: readonly { id: string; initialStock: Stock }[]): Promise<number>;
  /** Stock per pool id (site ids, and MAIL_POOL for the mail programme). */
  forCampaign(slug: string): Promise<Map<string, Stock>>;
  /** Adds locks to a pool; the new count, or null when the pool does not exist. */
  add(slug: string, pool: string, lockType: LockType, quantity: number): Promise<number | null>;
}

/** What a stored submission answers when its Idempotency-Key or form token comes again. */
export interface StoredResponse {
  status: 200 | 201;
  confirmationCode: string;
  requestStatus: RequestStatus;
  statusPath: string;
}

export interface NewLockRequest {
  record: LockRequestRecord;
  /** Take the locks from the pool now (false: the request joins the waitlist). */
  allocate: boolean;
  pool: string;
  /** Epoch seconds when the household's claim on the period ends. */
  householdExpiresAt: number;
  idempotency?: { keyHash: string; fingerprint: string; response: StoredResponse; expiresAt: number };
  /** Outbox id and kind of the first email (`confirmation` or `waitlisted`); absent without an email address. */
  emailId?: string;
  emailKind?: 'confirmation' | 'waitlisted';
}

export type CreateOutcome =
  | { kind: 'created' }
  | { kind: 'out_of_stock' }
  | { kind: 'duplicate'; code: string }
  | { kind: 'replay'; fingerprint: string; response: StoredResponse }
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
  remindedAt?: string;
  /** Only if no reminder was sent after this moment (at most one reminder a day). */
  remindedBefore?: string;
  /**
   * The pool's stock item moved with the change: `quantity` negative takes locks, positive returns
   * them; `waiting` moves the count of waitlisted requests (-1 when one is served or cancelled).
   */
  stockDelta?: { pool: string; quantity: number; waiting?: number };
  emailId?: string;
  emailKind?: string;
}

/** Lock requests: every change is one conditional transaction with its stock move and its email. */
export interface LockRequestRepository {
  create(request: NewLockRequest): Promise<CreateOutcome>;
  /** The stored answer for an idempotency key, if it is still live. */
  replay(slug: string, keyHash: string): Promise<{ fingerprint: string; response: StoredResponse } | null>;
  /** The request, or null when absent or past its TTL. */
  get(slug: string, code: string): Promise<LockRequestRecord | null>;
  /** 'stale' when the request is no longer in the status the change started from. */
  change(change: StatusChange): Promise<'changed' | 'stale' | 'out_of_stock'>;
  /** Ends the household's claim on the period early (after a cancellation). */
  releaseHousehold(record: LockRequestRecord): Promise<void>;
  /** In arrival order (the waitlist's order). */
  list(slug: string, status: RequestStatus): Promise<LockRequestRecord[]>;
}

export interface OutboxEntry {
  id: string;
  kind: string;
  campaign: string;
  code: string;
  attempts: number;
  createdAt: string;
  /** The error's name only: never a message, which could quote an address. */
  lastError?: string;
}

export interface OutboxRepository {
  /** Pending entries whose time has come, oldest first. */
  due(): Promise<OutboxEntry[]>;
  /** Entries that failed every attempt, kept for staff. */
  dead(): Promise<OutboxEntry[]>;
  sent(id: string): Promise<void>;
  /** Records a failed attempt: retried at `retryAt`, or dead when it is null. */
  failed(entry: OutboxEntry, errorName: string, retryAt: string | null): Promise<void>;
  /** Puts a dead entry back in the queue; false when there is no such dead entry. */
  retry(id: string): Promise<boolean>;
}

export interface RateLimiter {
  /** Counts one hit for the bucket in the current window. */
  hit(bucket: string, windowSeconds: number): Promise<{ hits: number; resetInSeconds: number }>;
}

export interface SecretStore {
  /** 32 random bytes kept in the table, for HMACs. */
  signingKey(): Promise<Buffer>;
}

export interface HealthProbe {
  /** Resolves true when the table answers within the time limit. Never throws. */
  ping(): Promise<boolean>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Sends one email. Implementations throw on failure; callers decide about retries. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

export interface Store {
  campaigns: CampaignRepository;
  erpo: ErpoRepository;
  stock: StockRepository;
  lockRequests: LockRequestRepository;
  outbox: OutboxRepository;
  rateLimiter: RateLimiter;
  secrets: SecretStore;
  health: HealthProbe;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
