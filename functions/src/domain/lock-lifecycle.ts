import { endOfLocalDay } from './time-zones.ts';
import type { LockType } from './pickup-site.ts';

/**
 * The life of a free-lock request (issue #3), as pure rules: which statuses exist, which changes
 * are allowed and who may make them, which change holds or returns stock, and which one the
 * resident hears about. The service applies these rules; the store enforces them with conditions.
 */

export const REQUEST_STATUSES = ['requested', 'ready', 'shipped', 'picked_up', 'cancelled', 'waitlisted'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type Delivery = 'mail' | 'pickup';

/**
 * Why a request was cancelled: by the resident, by staff, because a pickup reservation lapsed, or
 * because the campaign ended while it was still on the waitlist.
 */
export type CancelReason = 'resident' | 'staff' | 'lapsed' | 'ended';

/** Statuses that hold stock (allocated and not yet handed over). */
export const HOLDS_STOCK: ReadonlySet<RequestStatus> = new Set(['requested', 'ready']);

/** Statuses after which nothing more happens; personal data then expires after the retention days. */
export const FINAL: ReadonlySet<RequestStatus> = new Set(['shipped', 'picked_up', 'cancelled']);

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

/** The email a change deserves, if any. Picking up in person needs no email. */
export function emailForChange(to: RequestStatus, reason?: CancelReason): 'ready' | 'shipped' | 'cancelled' | 'lapsed' | null {
  if (to === 'ready') return 'ready';
  if (to === 'shipped') return 'shipped';
  if (to === 'cancelled') return reason === 'lapsed' ? 'lapsed' : 'cancelled';
  return null;
}

/** Stock comes from a pickup site or from the campaign's mail programme. Underscore: no site id can take it. */
export const MAIL_POOL = '_mail';
export const poolOf = (r: { delivery: Delivery; siteId?: string }): string => (r.delivery === 'mail' ? MAIL_POOL : r.siteId!);

// ---------------------------------------------------------------------------------------------
// Confirmation codes: short, read aloud over the phone, typed from paper. No 0/O, 1/I/L, U or V.

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** `K7QM-3XPD` from 8 indexes into the alphabet (the service draws them at random): about 5 × 10^11 codes. */
export function confirmationCodeFrom(indexes: readonly number[]): string {
  const code = indexes.map((i) => CODE_ALPHABET[i]).join('');
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A code as typed (any case, spaces or a missing hyphen) in its canonical form, or null. */
export function parseConfirmationCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== 8 || [...raw].some((ch) => !CODE_ALPHABET.includes(ch))) return null;
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/**
 * The private status link carries a random secret (24 bytes, base64url). It is stored with the
 * request, so later emails can repeat the link; it guards only that request's own data.
 */
export const isStatusSecret = (value: string): boolean => /^[A-Za-z0-9_-]{32}$/.test(value);

// ---------------------------------------------------------------------------------------------
// One household, one request per period: matched on a normalised address and on email and phone.

const STREET_WORDS: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', drive: 'dr', boulevard: 'blvd', lane: 'ln', court: 'ct',
  place: 'pl', terrace: 'ter', highway: 'hwy', parkway: 'pkwy', circle: 'cir', square: 'sq', trail: 'trl',
  north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
  apartment: 'apt', suite: 'ste', unit: 'unit', number: '', no: '', calle: 'st', avenida: 'ave',
};

/**
 * An address as a comparable string: case, accents, punctuation, spacing and the common USPS
 * abbreviations folded, `#12` read as `apt 12`, ZIP+4 cut to five digits.
 */
export function normalizeAddress(a: { line1: string; line2?: string; city: string; state: string; zip: string }): string {
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/#\s*/g, ' apt ')
      .replace(/[^a-z0-9 ]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => STREET_WORDS[w] ?? w)
      .filter(Boolean)
      .join(' ');
  return [fold(`${a.line1} ${a.line2 ?? ''}`), fold(a.city), a.state.toUpperCase(), a.zip.slice(0, 5)].join('|');
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * What identifies a household in a campaign: its address (mail), its email, its phone. The service
 * stores only hashes of these; the campaign is part of each, so campaigns never share them.
 */
export function householdMatchValues(
  campaign: string,
  r: { address?: Parameters<typeof normalizeAddress>[0]; email?: string; phone?: string },
): string[] {
  const keys: string[] = [];
  if (r.address) keys.push(`address:${normalizeAddress(r.address)}`);
  if (r.email) keys.push(`email:${normalizeEmail(r.email)}`);
  if (r.phone) keys.push(`phone:${r.phone}`);
  return keys.map((k) => `${campaign}|${k}`);
}

// ---------------------------------------------------------------------------------------------

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
  statusSecret: string;
  householdKeys: string[];
  createdAt: string;
  updatedAt: string;
  /** Pickup: the stock is held for the resident until this moment. */
  holdUntil?: string;
  cancelReason?: CancelReason;
  /** When the confirmation was last sent again after a repeat request (at most once a day). */
  remindedAt?: string;
  history: { status: RequestStatus; at: string }[];
  /** Epoch seconds when DynamoDB TTL deletes the item: set once the request is final. */
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
