import { confirmedExpiry } from '../rules/record.ts';
import type { PledgeServiceDeps } from './deps.ts';
import { verifyLink } from './links.ts';

/**
 * What a person does with the links in a pledge email. Every action first checks the link's
 * signature and expiry (a forged, altered or expired link changes nothing and reads nothing), and
 * is idempotent: pressing a button twice, or a mail provider posting a one-click unsubscribe
 * twice, ends in the same place.
 */
export type ConfirmOutcome = 'confirmed' | 'already' | 'gone' | 'invalid';
export type LeaveOutcome = 'done' | 'invalid';

export function pledgeManagement(deps: PledgeServiceDeps, onConfirmed: (scope: string) => void) {
  const { pledges, keyRing, clock } = deps;

  /** Whether a link is genuine (for the page a GET shows); never reads or writes. */
  const isGenuine = async (scope: string, token: string, kind: 'confirm' | 'unsubscribe' | 'delete') =>
    (await verifyLink(keyRing, scope, token, kind, clock.now())) !== null;

  async function confirm(scope: string, token: string): Promise<ConfirmOutcome> {
    const now = clock.now();
    const claims = await verifyLink(keyRing, scope, token, 'confirm', now);
    if (!claims) return 'invalid';
    const done = await pledges.confirm({ scope, emailKey: claims.emailKey, nonce: claims.nonce, at: now.toISOString(), expiresAt: confirmedExpiry(now) });
    if (done) {
      onConfirmed(scope);
      return 'confirmed';
    }
    const record = await pledges.get(scope, claims.emailKey);
    return record?.nonce === claims.nonce && record.status === 'confirmed' ? 'already' : 'gone';
  }

  /** No more email about the pledge, and no campaign updates. Done even when nothing is left to change. */
  async function unsubscribe(scope: string, token: string): Promise<LeaveOutcome> {
    const claims = await verifyLink(keyRing, scope, token, 'unsubscribe', clock.now());
    if (!claims) return 'invalid';
    await pledges.unsubscribe({ scope, emailKey: claims.emailKey, nonce: claims.nonce, at: clock.now().toISOString() });
    return 'done';
  }

  /** Deletes the personal data; a confirmed pledge still counts. Done even when it was already gone. */
  async function remove(scope: string, token: string): Promise<LeaveOutcome> {
    const claims = await verifyLink(keyRing, scope, token, 'delete', clock.now());
    if (!claims) return 'invalid';
    await pledges.remove({ scope, emailKey: claims.emailKey, nonce: claims.nonce });
    return 'done';
  }

  return { isGenuine, confirm, unsubscribe, remove };
}
