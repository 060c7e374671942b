import { hmacWith, matchesKeyedHash, type KeyRing } from '../../platform/secrets/key-ring.ts';
import { composeToken, linkExpiry, MAC_LENGTH, parseToken, signedInput, type LinkClaims, type LinkKind } from '../rules/links.ts';
import type { PledgeRecord } from '../rules/record.ts';

/** A pledge's link token for one action, signed with the current key. Derived again whenever needed. */
export async function linkToken(ring: KeyRing, record: Pick<PledgeRecord, 'scope' | 'emailKey' | 'nonce' | 'pledgedAt'>, kind: LinkKind): Promise<string> {
  const claims: LinkClaims = { kind, expires: linkExpiry(kind, record), emailKey: record.emailKey, nonce: record.nonce };
  return composeToken(claims, hmacWith((await ring.keys()).current, 'link', signedInput(record.scope, claims)).slice(0, MAC_LENGTH));
}

/**
 * The claims of a link for this scope and action, or null: malformed, for another action or scope,
 * expired, or not signed by our key (current or previous, compared in constant time). Nothing is
 * read from the table before this passes.
 */
export async function verifyLink(ring: KeyRing, scope: string, token: string, kind: LinkKind, now: Date): Promise<LinkClaims | null> {
  const parsed = parseToken(token);
  if (!parsed || parsed.claims.kind !== kind) return null;
  const signed = await matchesKeyedHash(ring, 'link', signedInput(scope, parsed.claims), parsed.mac, MAC_LENGTH);
  if (!signed || parsed.claims.expires * 1000 <= now.getTime()) return null;
  return parsed.claims;
}
