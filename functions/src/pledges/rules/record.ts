import { shardOf as shardBy } from '../../domain/shard.ts';

/**
 * A pledge as stored, and the pure rules of its life: signed (unconfirmed, gone after 7 days
 * unless confirmed), confirmed (counted once, its personal data kept for two years), unsubscribed
 * (no more email), deleted (personal data gone, the count stays). One pledge per email address per
 * scope: the item's key is the scope and a keyed hash of the address (`emailKey`).
 */
export type PledgeStatus = 'unconfirmed' | 'confirmed';
export const PLEDGE_STATUSES: readonly PledgeStatus[] = ['unconfirmed', 'confirmed'];

export interface PledgeRecord {
  scope: string;
  /** Keyed hash (HMAC) of the normalised email address: the match key, never the address. */
  emailKey: string;
  /** Random, per pledge: links carry it, so a link never acts on a later pledge of the same address. */
  nonce: string;
  name: string;
  email: string;
  zip: string;
  language: string;
  /** The version of the pledge text the person signed. */
  pledgeVersion: number;
  /** Consent to campaign updates, separate from the pledge. */
  updates: boolean;
  status: PledgeStatus;
  pledgedAt: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** The last time we emailed about this pledge (at most one email a day on repeats). */
  lastEmailedAt: string;
  /** The outbox entry of a repeat that sent that email: a retry of it, after a failed send, may send again. */
  emailedBy?: string;
  /** Epoch seconds: DynamoDB TTL deletes the item after it; reads treat it as gone from then. */
  expiresAt: number;
}

/** An unconfirmed pledge and its personal data are gone after this. */
export const UNCONFIRMED_DAYS = 7;
/** A confirmed pledge's personal data is deleted this long after confirmation; the count stays. */
export const CONFIRMED_RETENTION_DAYS = 730;
/** A repeat pledge resends the email at most this often. */
export const RESEND_AFTER_HOURS = 24;
/**
 * Counter shards, and index shards of the pledge list: a launch spike of 5,000 confirmations a
 * second puts 250 on each shard (500 write units, transactional), under DynamoDB's 1,000 write
 * units per second per partition. See docs/data-model.md ("Pledges").
 */
export const PLEDGE_SHARDS = 20;

const DAY_S = 86_400;
export const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** A pledge's shard, stable for a person: uniform, since the key is an HMAC. */
export const shardOf = (emailKey: string): number => shardBy(emailKey, PLEDGE_SHARDS);

export interface NewPledgeInput {
  name: string;
  email: string;
  zip: string;
  language: string;
  updates: boolean;
}

export function newPledge(scope: string, input: NewPledgeInput, facts: { emailKey: string; nonce: string; pledgeVersion: number; at: Date }): PledgeRecord {
  return {
    scope,
    emailKey: facts.emailKey,
    nonce: facts.nonce,
    name: input.name,
    email: input.email,
    zip: input.zip,
    language: input.language,
    pledgeVersion: facts.pledgeVersion,
    updates: input.updates,
    status: 'unconfirmed',
    pledgedAt: facts.at.toISOString(),
    lastEmailedAt: facts.at.toISOString(),
    expiresAt: epochSeconds(facts.at) + UNCONFIRMED_DAYS * DAY_S,
  };
}

/** When a confirmation made now lets the personal data go. */
export const confirmedExpiry = (at: Date): number => epochSeconds(at) + CONFIRMED_RETENTION_DAYS * DAY_S;

/** The email a repeat pledge sends, if any: none after an unsubscribe or within a day of the last. */
export function repeatEmail(existing: PledgeRecord, now: Date): 'confirm' | 'already' | null {
  if (existing.unsubscribedAt) return null;
  if (now.getTime() - Date.parse(existing.lastEmailedAt) < RESEND_AFTER_HOURS * 3600_000) return null;
  return existing.status === 'confirmed' ? 'already' : 'confirm';
}

/** The emails a pledge can send: the confirmation, and the reminder a repeat of a confirmed pledge gets. */
export const PLEDGE_EMAIL_KINDS = ['confirm', 'already'] as const;
export type PledgeEmailKind = (typeof PLEDGE_EMAIL_KINDS)[number];

/**
 * The pledge topic's messages: the emails, and `repeat`, which every repeat pledge queues in its
 * transaction (so a repeat writes what a first pledge writes, decision 0021). Its sender turns it
 * into the email `repeatEmail` allows, or into nothing.
 */
export const PLEDGE_MESSAGE_KINDS = [...PLEDGE_EMAIL_KINDS, 'repeat'] as const;
export type PledgeMessageKind = (typeof PLEDGE_MESSAGE_KINDS)[number];

/**
 * What the sender does with a repeat's message, from the pledge read fresh: `claim` the day's email
 * (a conditional write, so one of many repeats at once wins) then send `kind`; `send` it again (this
 * entry claimed it already: a retry after a failed send); or `drop` it.
 */
export type RepeatStep = { step: 'claim' | 'send'; kind: PledgeEmailKind } | { step: 'drop' };

export function repeatStep(existing: PledgeRecord, entryId: string, now: Date): RepeatStep {
  if (existing.unsubscribedAt) return { step: 'drop' };
  if (existing.emailedBy === entryId) return { step: 'send', kind: existing.status === 'confirmed' ? 'already' : 'confirm' };
  const kind = repeatEmail(existing, now);
  return kind ? { step: 'claim', kind } : { step: 'drop' };
}
