import { CONFIRMED_RETENTION_DAYS, UNCONFIRMED_DAYS, type PledgeRecord } from './record.ts';

/**
 * The links in pledge emails: confirm, unsubscribe, delete. Each carries a signed, expiring token
 * naming one pledge (its match key and nonce) and one action; the signature (HMAC with the key
 * ring, purpose `link`) is made in service/links.ts. Tokens are derived, never stored: nothing in
 * the table opens a link. This file is the token's format and lifetime, without the key.
 *
 *   <kind><expiry, base 36>.<emailKey>.<nonce>.<mac>
 */
export type LinkKind = 'confirm' | 'unsubscribe' | 'delete';

const KIND_CODE: Record<LinkKind, string> = { confirm: 'c', unsubscribe: 'u', delete: 'd' };
const CODE_KIND: Record<string, LinkKind> = { c: 'confirm', u: 'unsubscribe', d: 'delete' };

export const MAC_LENGTH = 32;

export interface LinkClaims {
  kind: LinkKind;
  /** Epoch seconds after which the link no longer works. */
  expires: number;
  emailKey: string;
  nonce: string;
}

const DAY_S = 86_400;

/**
 * How long a link works: confirming, as long as an unconfirmed pledge lives (7 days); leaving and
 * deleting, as long as a confirmed pledge's data could exist (7 days to confirm + 2 years).
 */
export function linkExpiry(kind: LinkKind, record: Pick<PledgeRecord, 'pledgedAt'>): number {
  const from = Math.floor(Date.parse(record.pledgedAt) / 1000);
  return kind === 'confirm' ? from + UNCONFIRMED_DAYS * DAY_S : from + (UNCONFIRMED_DAYS + CONFIRMED_RETENTION_DAYS) * DAY_S;
}

/** What the MAC signs: the scope (from the path) and every claim, so no part can be swapped. */
export const signedInput = (scope: string, c: LinkClaims): string => `pledge-link|${scope}|${c.kind}|${c.expires}|${c.emailKey}|${c.nonce}`;

export const composeToken = (c: LinkClaims, mac: string): string => `${KIND_CODE[c.kind]}${c.expires.toString(36)}.${c.emailKey}.${c.nonce}.${mac}`;

const TOKEN = /^([cud])([0-9a-z]{1,8})\.([\w-]{32})\.([\w-]{16})\.([\w-]{32})$/;

/** The claims and MAC of a token, or null when it is not even shaped like one (no key needed). */
export function parseToken(token: string): { claims: LinkClaims; mac: string } | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  return { claims: { kind: CODE_KIND[m[1]!]!, expires: parseInt(m[2]!, 36), emailKey: m[3]!, nonce: m[4]! }, mac: m[5]! };
}
