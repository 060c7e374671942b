import type { Logger } from '@aws-lambda-powertools/logger';
import { RateLimitedError, RefusedError, ValidationError, type Refusal } from '../../domain/errors.ts';
import { keyedHash, type KeyRing } from '../secrets/key-ring.ts';
import { clientBucket } from './client-bucket.ts';
import { isCrossSite } from './cross-site.ts';
import type { FormTokens } from './form-token.ts';
import { hashKey, isIdempotencyKey, type IdempotencyStore, type StoredAnswer } from './idempotency-store.ts';
import type { RateLimiter } from './rate-limit-store.ts';

/** One public POST as the guard sees it; routes fill it from the request, JSON and form alike. */
export interface Submission {
  /** Which capability and campaign the submission is for; keys the replay store. */
  scope: string;
  /** How a person sent it: `form` carries the honeypot, `json` has no page to hide a trap in. */
  via: 'form' | 'json';
  clientAddress: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The form token: the hidden field of a form, the `Form-Token` header of a JSON request. */
  token: string | undefined;
  /** The hidden trap field (forms only); a person leaves it empty. */
  honeypot?: string | undefined;
  /** An explicit `Idempotency-Key`; without one the form token serves. */
  idempotencyKey: string | undefined;
  /**
   * What proves a person sent it: a form token (every new submission), or a secret the sender
   * already holds (a resident cancelling through their private link), which no script can guess.
   * `link`: a signed link the route has already verified (an emailed unsubscribe link). Mailbox
   * providers send RFC 8058 one-click unsubscribes from a few shared addresses, so these are not
   * rate limited: a forged link is refused before anything is read or written, and an unsubscribe
   * spends nothing scarce.
   */
  proof?: 'token' | 'secret' | 'link';
}

export interface Admission {
  /** Hash of the idempotency key, for the record's transaction. */
  keyHash: string;
  /** The stored answer when this key was already used: answer it again, write nothing. */
  replay: StoredAnswer | null;
}

export interface SubmissionGuardOptions {
  tokens: FormTokens;
  rateLimiter: RateLimiter;
  idempotency: IdempotencyStore;
  keyRing: KeyRing;
  logger: Logger;
  allowedOrigins: readonly string[];
  /** Submissions a client bucket may make per window (every capability shares the budget). */
  perWindow: number;
  windowSeconds?: number;
  /** Told about every refusal (metrics). Never given anything a person typed. */
  onRefused?: (reason: Refusal | 'rate_limited') => void;
}

export type SubmissionGuard = ReturnType<typeof submissionGuard>;

/**
 * The one anti-abuse path of every public POST (docs/decisions/0009), in this order:
 * 1. a cross-site form post is refused (403), before anything is read or written;
 * 2. a replay under an explicit Idempotency-Key is answered again and not counted (a retry is not
 *    abuse); a resent form is answered again by the capability's transaction (its token is its key);
 * 3. the rate limit counts every other submission, valid or not, per IPv4 address or IPv6 /64;
 * 4. a filled honeypot and a missing, forged, stale or too-quick form token are refused.
 * A verified signed link (`proof: 'link'`) passes step 1 only: see `Submission.proof`.
 * Only then may a capability validate the input and spend anything scarce (stock, an email).
 */
export function submissionGuard(options: SubmissionGuardOptions) {
  const windowSeconds = options.windowSeconds ?? 3600;

  const refuse = (reason: Refusal): never => {
    options.onRefused?.(reason);
    options.logger.warn('submission refused', { reason });
    throw new RefusedError(reason);
  };

  async function admit(submission: Submission, locale: 'en' | 'es'): Promise<Admission> {
    if (isCrossSite(submission, options.allowedOrigins)) refuse('cross_site');
    const key = submission.idempotencyKey ?? submission.token;
    if (submission.idempotencyKey !== undefined && !isIdempotencyKey(submission.idempotencyKey)) {
      throw new ValidationError({ 'Idempotency-Key': [KEY_MESSAGE[locale]] });
    }
    const keyHash = key && isIdempotencyKey(key) ? hashKey(key) : undefined;
    if (submission.proof === 'link') return { keyHash: keyHash ?? '', replay: null };
    // Only a client that names its own key (an API client retrying) gets its answer before the
    // rate limit; a resent form is recognised by the condition on its stored answer inside the
    // capability's transaction, so the common path makes no read here (issue 15).
    const replay = keyHash && submission.idempotencyKey !== undefined ? await options.idempotency.get(submission.scope, keyHash) : null;
    if (replay && keyHash) return { keyHash, replay };

    const bucket = (await keyedHash(options.keyRing, 'rate', clientBucket(submission.clientAddress))).slice(0, 22);
    const { hits, resetInSeconds } = await options.rateLimiter.hit(bucket, windowSeconds);
    if (hits > options.perWindow) {
      options.onRefused?.('rate_limited');
      options.logger.warn('submission refused', { reason: 'rate_limited' });
      throw new RateLimitedError(Math.max(1, resetInSeconds));
    }

    if (submission.via === 'form' && submission.honeypot) refuse('trap');
    if (submission.proof === 'secret') return { keyHash: keyHash ?? '', replay: null };
    if (!submission.token) refuse('token_missing');
    const check = await options.tokens.check(submission.token);
    if (check !== 'ok') refuse(check === 'too_fast' ? 'too_fast' : 'token_invalid');
    return { keyHash: keyHash!, replay: null };
  }

  return { admit, issueToken: () => options.tokens.issue() };
}

const KEY_MESSAGE = {
  en: 'Use 8 to 200 visible ASCII characters for the Idempotency-Key',
  es: 'Use de 8 a 200 caracteres ASCII visibles en la Idempotency-Key',
};
