import { randomInt } from 'node:crypto';
import type { Campaign } from '../../domain/campaign.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import { fieldErrorsOf } from '../../domain/validation.ts';
import { fingerprintOf, type Fingerprint } from '../../platform/abuse/fingerprint.ts';
import type { StoredAnswer } from '../../platform/abuse/idempotency-store.ts';
import { keyedHash } from '../../platform/secrets/key-ring.ts';
import { localizeFieldErrors } from '../messages.ts';
import type { LockAnswer } from '../ports.ts';
import { CODE_ALPHABET, confirmationCodeFrom } from '../rules/codes.ts';
import { householdMatchValues } from '../rules/household.ts';
import { addDays, epochSeconds, poolOf, type RequestStatus } from '../rules/lifecycle.ts';
import { firstEmail, newRecord, whenOutOfStock } from '../rules/plan.ts';
import { lockRequestSchema, missingAnswers, type LockRequestInput } from '../rules/request.ts';
import type { LockChanges } from './changes.ts';
import { LOCK_TOPIC, statusPath, type LockServiceDeps } from './deps.ts';

/**
 * What the submitter learns: their own request's code, status and private link. It is the same
 * whether or not the household asked before (decision 0012): a match is recorded for staff only.
 */
export interface SubmitResult {
  status: 201;
  confirmationCode: string;
  requestStatus: RequestStatus;
  statusPath: string;
}

/** The admission the anti-abuse guard gave this submission (platform/abuse/submission-guard.ts). */
export interface Admitted {
  scope: string;
  keyHash: string;
  replay: StoredAnswer | null;
}

/** A submission refused because the chosen pool is empty and the person did not ask for the waitlist. */
export class OutOfStockError extends ConflictError {
  constructor() {
    super('There are no locks of this kind left here right now. You can join the waitlist.', 'out_of_stock');
  }
}

/** The idempotency scope of a campaign's lock requests. */
export const lockScope = (slug: string): string => `locks:${slug}`;

export const newConfirmationCode = (): string => confirmationCodeFrom(Array.from({ length: 8 }, () => randomInt(CODE_ALPHABET.length)));

/**
 * A resident's free-lock request, after the anti-abuse guard admitted it: validation with the
 * campaign's rules, one read of the household's claims, then one transaction that writes the
 * request, takes the stock (or joins the waitlist), claims the household's unclaimed keys, stores
 * the answer for replays and queues the email (and a repeat's reminder of the earlier request).
 */
export function lockSubmissions(deps: LockServiceDeps, changes: LockChanges) {
  const { requests, outbox, keyRing, clock } = deps;

  /** Rules that need the campaign: the site exists, the programme offers the lock type. */
  function campaignFieldErrors(campaign: Campaign, input: LockRequestInput): Record<string, string[]> {
    if (input.delivery === 'mail') {
      if (!campaign.locks.mail.enabled) return { delivery: ['delivery.noMail'] };
      if (!campaign.locks.mail.lockTypes.includes(input.lockType)) return { lockType: ['lockType.unavailable'] };
      return {};
    }
    const site = campaign.pickupSites.find((s) => s.id === input.siteId);
    if (!site) return { siteId: ['siteId.unknown'] };
    if (!site.lockTypes.includes(input.lockType)) return { lockType: ['lockType.unavailable'] };
    return {};
  }

  function parse(campaign: Campaign, raw: unknown, locale: SiteLocale): LockRequestInput {
    const schema = lockRequestSchema({ languages: campaign.languages, householdCap: campaign.locks.householdCap });
    const result = schema.safeParse(raw);
    const fields: Record<string, string[]> = result.success
      ? campaignFieldErrors(campaign, result.data)
      : { ...missingAnswers(raw), ...fieldErrorsOf(result.error.issues) };
    if (Object.keys(fields).length) throw new ValidationError(localizeFieldErrors(fields, locale));
    return (result as { data: LockRequestInput }).data;
  }

  async function answered(stored: StoredAnswer, fingerprint: Fingerprint, campaign: string): Promise<SubmitResult> {
    if (!fingerprint.matches(stored.fingerprint)) {
      throw new ConflictError('This Idempotency-Key was already used for a different request.', 'idempotency_key_reused');
    }
    const answer = stored.response as unknown as LockAnswer;
    const path = await statusPath(keyRing, { campaign, code: answer.confirmationCode, language: answer.language });
    return { status: 201, confirmationCode: answer.confirmationCode, requestStatus: answer.requestStatus, statusPath: path };
  }

  async function submit(campaign: Campaign, raw: unknown, admitted: Admitted, locale: SiteLocale): Promise<SubmitResult> {
    const input = parse(campaign, raw, locale);
    const fingerprint = await fingerprintOf(keyRing, input);
    if (admitted.replay) return answered(admitted.replay, fingerprint, campaign.slug);
    const pool = poolOf(input);
    const matchValues = householdMatchValues(campaign.slug, {
      ...(input.delivery === 'mail' ? { address: input.address } : {}),
      email: input.email,
      phone: input.phone,
    });
    const householdKeys = await Promise.all(matchValues.map((value) => keyedHash(keyRing, 'household', value)));
    const emailKey = householdKeys[matchValues.findIndex((v) => v.startsWith(`${campaign.slug}|email:`))];
    // Read first, on every path: the household's claims on the period, one call whether or not
    // any is held, so a first request and a repeat make the same round trips (decision 0021).
    // Keys an earlier request holds are not claimed again, and the request is marked for staff
    // (never told to the submitter).
    const held = await requests.claimsOf(campaign.slug, householdKeys);
    let claims = householdKeys.filter((key) => !held.has(key));
    let possibleDuplicateOf = householdKeys.map((key) => held.get(key)).find((code) => code !== undefined);
    // The same email as an earlier request: its link goes again to that address (at most once a
    // day, decided by the sender), queued in this request's transaction, not read or written here.
    let remindOf = emailKey === undefined ? undefined : held.get(emailKey);

    const attemptCreate = async (allocate: boolean) => {
      const at = clock.now();
      const record = newRecord(campaign, input, {
        code: newConfirmationCode(),
        householdKeys,
        at,
        allocate,
        ...(possibleDuplicateOf ? { possibleDuplicateOf } : {}),
      });
      const answer: LockAnswer = { status: 201, confirmationCode: record.code, requestStatus: record.status, language: record.language };
      const kind = firstEmail(record);
      const email = kind ? outbox.entry(LOCK_TOPIC, kind, record.code, campaign.slug) : undefined;
      const reminder = remindOf ? outbox.entry(LOCK_TOPIC, 'reminder', remindOf, campaign.slug) : undefined;
      const outcome = await requests.create({
        record,
        allocate,
        pool,
        claims,
        householdExpiresAt: epochSeconds(addDays(at, campaign.locks.requestPeriodDays)),
        idempotency: { scope: admitted.scope, keyHash: admitted.keyHash, answer: { fingerprint: fingerprint.value, response: { ...answer } } },
        ...(email ? { email } : {}),
        ...(reminder ? { reminder } : {}),
      });
      return { outcome, record };
    };

    // Draw again after a lost race (a key claimed or expired since it was read, at most three), or
    // a code drawn twice: a few times.
    for (let attempt = 0; attempt < 8; attempt += 1) {
      let attempted = await attemptCreate(true);
      if (attempted.outcome.kind === 'out_of_stock') {
        if (whenOutOfStock(input) === 'refuse') throw new OutOfStockError();
        attempted = await attemptCreate(false);
      }
      const { outcome, record } = attempted;
      switch (outcome.kind) {
        case 'created':
          // Stock may have come back between the refusal and this write: serve the line now.
          if (record.status === 'waitlisted') await changes.serveWaitlist(campaign, pool, record.lockType);
          return { status: 201, confirmationCode: record.code, requestStatus: record.status, statusPath: await statusPath(keyRing, record) };
        case 'replay':
          return answered(outcome.answer, fingerprint, campaign.slug);
        case 'claimed':
          // Another request of the household claimed a key since it was read (they came at once):
          // this one goes ahead exactly as a first one would, marked for staff (decision 0012).
          claims = claims.filter((key) => key !== outcome.key);
          possibleDuplicateOf ??= outcome.code;
          if (outcome.key === emailKey) remindOf ??= outcome.code;
          break;
        default:
          break;
      }
    }
    throw new ConflictError('Your request could not be saved. Please try again.', 'busy');
  }

  return { submit };
}
