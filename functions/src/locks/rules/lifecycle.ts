import { endOfLocalDay } from '../../domain/time-zones.ts';
import type { LockType } from '../../domain/pickup-site.ts';

/**
 * The life of a free-lock request (issue #3), as pure rules: which statuses exist, which changes
 * are allowed and who may make them, which change holds or returns stock, and which one the
 * resident hears about. The service applies these rules; the store enforces them with conditions.
 */

export const REQUEST_STATUSES = ['requested', 'ready', 'shipped', 'picked_up', 'cancelled', 'waitlisted'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type Delivery = 'mail' | 'pickup';

/**
 * Why a request was cancelled: by the resident, by staff, because a pickup reservation lapsed,
 * because the campaign ended while it was still on the waitlist, or because it reached the
 * retention ceiling with nothing happening (its personal data is then deleted).
 */
export type CancelReason = 'resident' | 'staff' | 'lapsed' | 'ended' | 'expired';

/** Statuses that hold stock (allocated and not yet handed over). */
export const HOLDS_STOCK: ReadonlySet<RequestStatus> = new Set(['requested', 'ready']);

/** Statuses after which nothing more happens. */
export const FINAL: ReadonlySet<RequestStatus> = new Set(['shipped', 'picked_up', 'cancelled']);

/** Statuses still waiting for something to happen: they end at the retention ceiling if nothing does. */
export const OPEN: ReadonlySet<RequestStatus> = new Set(['requested', 'ready', 'waitlisted']);

/** What staff may set, from which status, per delivery. `waitlisted → requested` is the system's (restock). */
const STAFF_MOVES: Record<Delivery, Partial<Record<RequestStatus, readonly RequestStatus[]>>> = {
  mail: {
    requested: ['shipped', 'cancelled'],
    waitlisted: ['cancelled'],
  },
  pickup: {
    requested: ['ready', 'picked_up', 'cancelled'],
    ready: ['picked_up', 'cancelled'],
    waitlisted: ['cancelled'],
  },
};

export const STAFF_TARGETS = ['ready', 'shipped', 'picked_up', 'cancelled'] as const;
export type StaffTarget = (typeof STAFF_TARGETS)[number];

export function staffMayMove(delivery: Delivery, from: RequestStatus, to: RequestStatus): boolean {
  return STAFF_MOVES[delivery][from]?.includes(to) ?? false;
}

/** A resident may cancel until the lock has left (shipped) or been collected. */
export function residentMayCancel(status: RequestStatus): boolean {
  return status === 'requested' || status === 'ready' || status === 'waitlisted';
}

/** The emails a resident can get about a request (all discreet: emails/lock-emails.ts). */
export const LOCK_EMAIL_KINDS = ['confirmation', 'waitlisted', 'allocated', 'ready', 'shipped', 'cancelled', 'lapsed', 'expired', 'reminder'] as const;
export type LockEmailKind = (typeof LOCK_EMAIL_KINDS)[number];

/** The email a change deserves, if any. Picking up in person needs no email. */
export function emailForChange(to: RequestStatus, reason?: CancelReason): 'ready' | 'shipped' | 'cancelled' | 'lapsed' | 'expired' | null {
  if (to === 'ready') return 'ready';
  if (to === 'shipped') return 'shipped';
  if (to === 'cancelled') return reason === 'lapsed' ? 'lapsed' : reason === 'expired' ? 'expired' : 'cancelled';
  return null;
}

/** Stock comes from a pickup site or from the campaign's mail programme. Underscore: no site id can take it. */
export const MAIL_POOL = '_mail';
export const poolOf = (r: { delivery: Delivery; siteId?: string }): string => (r.delivery === 'mail' ? MAIL_POOL : r.siteId!);

/** A request as the service and store hold it. Personal fields: name, email, phone, address. */
export interface LockRequestRecord {
  campaign: string;
  code: string;
  status: RequestStatus;
  delivery: Delivery;
  siteId?: string;
  lockType: LockType;
  quantity: number;
  language: string;
  name: string;
  email?: string;
  phone?: string;
  address?: { line1: string; line2?: string; city: string; state: string; zip: string };
  /** Keyed hashes of the household's address, email and phone (rules/household.ts). */
  householdKeys: string[];
  /**
   * Staff only: the code of an earlier request of the same household this period. The submitter
   * is never told (decision 0012); staff decide (the household cap is enforced by their review).
   */
  possibleDuplicateOf?: string;
  createdAt: string;
  updatedAt: string;
  /** Pickup: the stock is held for the resident until this moment. */
  holdUntil?: string;
  cancelReason?: CancelReason;
  /** When the link was last sent again after a repeat request (at most once a day). */
  remindedAt?: string;
  /** The outbox entry that sent that reminder: a retry of it, after a failed send, may send again. */
  remindedBy?: string;
  history: { status: RequestStatus; at: string }[];
  /**
   * Epoch seconds when DynamoDB TTL deletes the item: the campaign's retention days after the
   * request's last change, from the day it is made (an open request with nothing happening is
   * cancelled by the sweep just before, decision 0012).
   */
  expiresAt?: number;
}

/**
 * When a pickup reservation ends: the end of the last of its days in the campaign's zone, so
 * "held until Friday" holds all of Friday where the site is.
 */
export const holdEnd = (from: Date, days: number, zone: string): Date => endOfLocalDay(addDays(from, days), zone);

export const DAY_MS = 86_400_000;
export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);
export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);
