import { campaignTimeZone, type Campaign } from '../../domain/campaign.ts';
import type { LockType, Stock } from '../../domain/pickup-site.ts';
import type { StatusChange } from '../ports.ts';
import {
  addDays,
  emailForChange,
  epochSeconds,
  FINAL,
  holdEnd,
  HOLDS_STOCK,
  OPEN,
  poolOf,
  type CancelReason,
  type LockEmailKind,
  type LockRequestRecord,
  type RequestStatus,
} from './lifecycle.ts';
import type { LockRequestInput } from './request.ts';

/**
 * The lock rules as plans: pure functions that say what a submission or a status change writes,
 * given the campaign, the request and the time. The service carries the plans out through its
 * ports; the store enforces them with DynamoDB conditions. Unit tests cover these without Java.
 */

/**
 * When a request's personal data goes: the campaign's retention days after its last change
 * (decision 0012). Counted from the day it is made, so no request is kept forever, whatever
 * happens to it; each status change starts the count again.
 */
export const retainUntil = (campaign: Campaign, lastChange: Date): number => epochSeconds(addDays(lastChange, campaign.locks.retentionDays));

/**
 * The sweep cancels an open request this long before its retention ceiling, while it is still
 * readable, so its stock and its place in the line are given back before DynamoDB deletes it.
 */
export const EXPIRY_MARGIN_DAYS = 2;

/** A new request as written: allocated now (`requested`) or waiting for stock (`waitlisted`). */
export function newRecord(
  campaign: Campaign,
  input: LockRequestInput,
  draw: { code: string; householdKeys: string[]; at: Date; allocate: boolean; possibleDuplicateOf?: string },
): LockRequestRecord {
  const at = draw.at.toISOString();
  const status: RequestStatus = draw.allocate ? 'requested' : 'waitlisted';
  return {
    campaign: campaign.slug,
    code: draw.code,
    status,
    delivery: input.delivery,
    ...(input.delivery === 'pickup' ? { siteId: input.siteId } : {}),
    lockType: input.lockType,
    quantity: input.quantity,
    language: input.language,
    name: input.name,
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    ...(input.delivery === 'mail' && input.address ? { address: input.address } : {}),
    householdKeys: draw.householdKeys,
    ...(draw.possibleDuplicateOf ? { possibleDuplicateOf: draw.possibleDuplicateOf } : {}),
    createdAt: at,
    updatedAt: at,
    ...(draw.allocate && input.delivery === 'pickup' ? { holdUntil: holdUntil(campaign, draw.at) } : {}),
    history: [{ status, at }],
    expiresAt: retainUntil(campaign, draw.at),
  };
}

/** The first email a new request gets, if it has an address: its confirmation, or that it is waiting. */
export const firstEmail = (record: Pick<LockRequestRecord, 'status' | 'email'>): 'confirmation' | 'waitlisted' | null =>
  record.email ? (record.status === 'waitlisted' ? 'waitlisted' : 'confirmation') : null;

/** What to do when the pool is empty: join the line if the person asked to, otherwise refuse. */
export const whenOutOfStock = (input: Pick<LockRequestInput, 'waitlist'>): 'waitlist' | 'refuse' => (input.waitlist ? 'waitlist' : 'refuse');

/** When a pickup reservation made now ends: the end of its last day where the site is. */
export const holdUntil = (campaign: Campaign, from: Date): string =>
  holdEnd(from, campaign.locks.reservationDays, campaignTimeZone(campaign)).toISOString();

/**
 * One status change with everything that goes with it: the hold date when it becomes ready, the
 * retention count started again (or, for a request cancelled at its ceiling, deletion at that
 * ceiling as planned, so its last email can still be read and sent until then), the
 * stock returned when held stock is cancelled, the waiting count when a waitlisted request leaves
 * the line, and the email the resident gets (if any).
 */
export function planMove(
  campaign: Campaign,
  record: LockRequestRecord,
  to: RequestStatus,
  at: Date,
  reason?: CancelReason,
): { change: Omit<StatusChange, 'email'>; email: LockEmailKind | null; releaseHousehold: boolean } {
  const change: Omit<StatusChange, 'email'> = { record, to, at: at.toISOString() };
  if (to === 'ready') change.holdUntil = holdUntil(campaign, at);
  change.expiresAt = reason === 'expired' ? (record.expiresAt ?? epochSeconds(at)) : retainUntil(campaign, at);
  if (to === 'cancelled') {
    change.cancelReason = reason ?? 'staff';
    if (HOLDS_STOCK.has(record.status)) change.stockDelta = { pool: poolOf(record), quantity: record.quantity };
    if (record.status === 'waitlisted') change.stockDelta = { pool: poolOf(record), quantity: 0, waiting: -1 };
  }
  const email = record.email ? emailForChange(to, reason) : null;
  // A resident's own cancellation or a lapse frees the household to ask again; a staff one does not.
  const releaseHousehold = to === 'cancelled' && (reason === 'resident' || reason === 'lapsed');
  return { change, email, releaseHousehold };
}

/** Serving one waitlisted request from returned stock: take its locks, leave the line, hold a pickup. */
export function planServe(campaign: Campaign, record: LockRequestRecord, at: Date): { change: Omit<StatusChange, 'email'>; email: 'allocated' | null } {
  const pool = poolOf(record);
  return {
    change: {
      record,
      to: 'requested',
      at: at.toISOString(),
      stockDelta: { pool, quantity: -record.quantity, waiting: -1 },
      ...(record.delivery === 'pickup' ? { holdUntil: holdUntil(campaign, at) } : {}),
      expiresAt: retainUntil(campaign, at),
    },
    email: record.email ? 'allocated' : null,
  };
}

/** A pool's line for one lock type, in arrival order (the list is already in arrival order). */
export const waitingLine = (waitlisted: readonly LockRequestRecord[], pool: string, lockType: LockType): LockRequestRecord[] =>
  waitlisted.filter((r) => poolOf(r) === pool && r.lockType === lockType);

/** The lines (pool and lock type) that have people waiting and stock to give them. */
export function linesWithStock(waitlisted: readonly LockRequestRecord[], stock: ReadonlyMap<string, Stock>): { pool: string; lockType: LockType }[] {
  const seen = new Set<string>();
  const lines: { pool: string; lockType: LockType }[] = [];
  for (const r of waitlisted) {
    const pool = poolOf(r);
    const key = `${pool}|${r.lockType}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if ((stock.get(pool)?.[r.lockType] ?? 0) > 0) lines.push({ pool, lockType: r.lockType });
  }
  return lines;
}

/**
 * A reservation past its date reads as lapsed at once, but only the sweep (or a POST) writes the
 * lapse: a GET never changes anything, and a link scanner opening the page must not cancel it.
 */
export function asSeen(record: LockRequestRecord, now: Date): LockRequestRecord {
  if (!isOverdue(record, now)) return record;
  return { ...record, status: 'cancelled', cancelReason: 'lapsed' };
}

/** An open request near its retention ceiling: the sweep cancels it (reason `expired`) now. */
export const atRetentionCeiling = (record: LockRequestRecord, now: Date): boolean =>
  OPEN.has(record.status) && record.expiresAt !== undefined && record.expiresAt <= epochSeconds(addDays(now, EXPIRY_MARGIN_DAYS));

/** A pickup reservation still holding stock after its hold date. */
export const isOverdue = (record: LockRequestRecord, now: Date): boolean =>
  record.delivery === 'pickup' && HOLDS_STOCK.has(record.status) && Boolean(record.holdUntil) && record.holdUntil! <= now.toISOString();

/**
 * A repeat from the same email address queues a reminder of the earlier request's link in its own
 * transaction (decision 0021); the sender decides, from the earlier request read fresh, whether it
 * goes: to that request's own address only, while the request is open, at most once a day. The
 * entry that sends it marks the request first (`claim`, a conditional write, so one of many repeats
 * at once wins); a retry of that same entry after a failed send finds its own mark and sends.
 */
export type ReminderStep = { step: 'claim'; remindedBefore: string } | { step: 'send' } | { step: 'drop' };

export function reminderStep(existing: LockRequestRecord, entryId: string, now: Date): ReminderStep {
  if (!existing.email || FINAL.has(existing.status)) return { step: 'drop' };
  if (existing.remindedBy === entryId) return { step: 'send' };
  const dayAgo = addDays(now, -1).toISOString();
  if (existing.remindedAt && existing.remindedAt > dayAgo) return { step: 'drop' };
  return { step: 'claim', remindedBefore: dayAgo };
}
