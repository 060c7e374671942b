import { randomBytes } from 'node:crypto';
import type { Campaign } from '../../domain/campaign.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import { pledgeOf } from '../../domain/pledge.ts';
import { fieldErrorsOf } from '../../domain/validation.ts';
import { fingerprintOf, type Fingerprint } from '../../platform/abuse/fingerprint.ts';
import type { StoredAnswer } from '../../platform/abuse/idempotency-store.ts';
import { contactKey } from '../../platform/email/suppressions.ts';
import { localizeFieldErrors } from '../messages.ts';
import type { IdempotentWrite, PledgeAnswer } from '../ports.ts';
import { pledgeInputSchema, type PledgeInput } from '../rules/input.ts';
import { newPledge, type PledgeRecord } from '../rules/record.ts';
import { PLEDGE_TOPIC, pledgeRef, type PledgeServiceDeps } from './deps.ts';

/** The admission the anti-abuse guard gave this submission (platform/abuse/submission-guard.ts). */
export interface Admitted {
  scope: string;
  keyHash: string;
  replay: StoredAnswer | null;
}

/**
 * What the person who sent a pledge learns: only what they sent. A first pledge, a repeat, an
 * unsubscribed or suppressed address and a replay are answered exactly alike (no oracle).
 */
export interface SignResult {
  input: PledgeInput;
}

const ANSWER: PledgeAnswer = { status: 202 };
const NONCE_BYTES = 12;

/**
 * Signing a pledge, after the anti-abuse guard admitted it: validation, a read of the address's
 * pledge, then one transaction that writes the unconfirmed pledge, the stored answer for replays
 * and the confirmation email. A repeat from the same address in the same scope writes the stored
 * answer and a message whose sender resends the email at most once a day (none after an
 * unsubscribe), and is answered exactly like a first pledge.
 */
export function pledgeSigning(deps: PledgeServiceDeps) {
  const { pledges, outbox, keyRing, clock } = deps;

  function parse(campaign: Campaign | null, raw: unknown, locale: SiteLocale): PledgeInput {
    const result = pledgeInputSchema(campaign?.languages ?? ['en', 'es']).safeParse(raw);
    if (!result.success) throw new ValidationError(localizeFieldErrors(fieldErrorsOf(result.error.issues), locale));
    return result.data;
  }

  function replayed(stored: StoredAnswer, fingerprint: Fingerprint) {
    if (!fingerprint.matches(stored.fingerprint)) {
      throw new ConflictError('This Idempotency-Key was already used for a different pledge.', 'idempotency_key_reused');
    }
  }

  /**
   * A repeat: the stored answer, and the `repeat` message about the pledge read just before (its
   * sender decides whether an email goes, at most one a day): the same three items a first pledge
   * writes. Read again only when the pledge went or was replaced meanwhile.
   */
  async function repeat(scope: string, emailKey: string, write: IdempotentWrite, fingerprint: Fingerprint, read: PledgeRecord | null) {
    let existing = read;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (attempt > 0) existing = await pledges.get(scope, emailKey);
      // Gone in the meantime (deleted, expired): only the answer is stored.
      const message = existing ? { existing, entry: outbox.entry(PLEDGE_TOPIC, 'repeat', pledgeRef(scope, emailKey), scope) } : undefined;
      const outcome = await pledges.repeat({ idempotency: write, ...(message ? { message } : {}) });
      if (outcome === 'done') return;
      if (outcome !== 'stale') return replayed(outcome.replay, fingerprint);
    }
  }

  /**
   * The pledge of this address is read first, on every path, then one transaction writes: the new
   * pledge, or the repeat's. So a first pledge and a repeat make the same round trips, and the time
   * an answer takes does not tell whether the address had pledged (decision 0021). Only a race
   * (the same address twice at once) goes round again.
   */
  async function sign(scope: string, campaign: Campaign | null, raw: unknown, admitted: Admitted, locale: SiteLocale): Promise<SignResult> {
    const input = parse(campaign, raw, locale);
    const fingerprint = await fingerprintOf(keyRing, input);
    if (admitted.replay) {
      replayed(admitted.replay, fingerprint);
      return { input };
    }
    const emailKey = await contactKey(keyRing, input.email);
    const write: IdempotentWrite = { scope: admitted.scope, keyHash: admitted.keyHash, answer: { fingerprint: fingerprint.value, response: { ...ANSWER } } };
    const existing = await pledges.get(scope, emailKey);
    if (existing) {
      await repeat(scope, emailKey, write, fingerprint, existing);
      return { input };
    }
    const record = newPledge(scope, input, { emailKey, nonce: randomBytes(NONCE_BYTES).toString('base64url'), pledgeVersion: pledgeOf(campaign).version, at: clock.now() });
    const email = outbox.entry(PLEDGE_TOPIC, 'confirm', pledgeRef(scope, emailKey), scope);
    const outcome = await pledges.create({ record, idempotency: write, email });
    if (outcome.kind === 'replay') replayed(outcome.answer, fingerprint);
    // Pledged at the same moment by another submission: a repeat of that one.
    else if (outcome.kind !== 'created') await repeat(scope, emailKey, write, fingerprint, await pledges.get(scope, emailKey));
    return { input };
  }

  return { sign };
}
