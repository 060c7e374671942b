import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The platform's one signing key, and its predecessor while a rotation settles. It keys every
 * HMAC the platform makes: rate-limit buckets, form tokens, household and contact match keys,
 * private links. It never lives in the table: on AWS it comes from Secrets Manager (read once per
 * cold start, refreshed every few minutes so a rotation is picked up), for `npm start` from a file
 * in the data folder. See docs/operations.md ("Rotating the signing key").
 */
export interface SigningKeys {
  current: Buffer;
  /** The key before the last rotation: still accepted when checking, never used to sign. */
  previous?: Buffer;
}

export interface KeyRing {
  keys(): Promise<SigningKeys>;
}

/**
 * What an HMAC is for. Part of the signed input, so a value made for one purpose (a rate-limit
 * bucket) can never pass as another (a status link).
 */
export type KeyPurpose = 'rate' | 'form' | 'household' | 'contact' | 'status' | 'link' | 'idempotency' | 'fingerprint' | 'csrf' | 'sign-in' | 'cursor';

export function hmacWith(key: Buffer, purpose: KeyPurpose, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${value}`).digest('base64url');
}

/** Keyed hash with the current key. */
export async function keyedHash(ring: KeyRing, purpose: KeyPurpose, value: string): Promise<string> {
  return hmacWith((await ring.keys()).current, purpose, value);
}

/** Compares two strings in constant time (for their common length class). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when `given` is the HMAC of `value` under the current or the previous key, truncated to
 * `length` characters. Both comparisons always run, so timing says nothing about which key matched.
 */
export async function matchesKeyedHash(ring: KeyRing, purpose: KeyPurpose, value: string, given: string, length: number): Promise<boolean> {
  const { current, previous } = await ring.keys();
  const withCurrent = sameSecret(hmacWith(current, purpose, value).slice(0, length), given);
  const withPrevious = previous ? sameSecret(hmacWith(previous, purpose, value).slice(0, length), given) : false;
  return withCurrent || withPrevious;
}

/** A fixed key ring (tests, benchmarks). */
export function staticKeyRing(current: Buffer, previous?: Buffer): KeyRing {
  const keys: SigningKeys = previous ? { current, previous } : { current };
  return { keys: async () => keys };
}

/** For functions that sign nothing (the content seed): any use is a programming error. */
export const noKeyRing: KeyRing = {
  keys: () => Promise.reject(new Error('This function has no signing key.')),
};

/** Parses the secret's JSON (`{"current": "...", "previous": "..."}`); key material is the UTF-8 text. */
export function parseSigningSecret(text: string): SigningKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The signing key secret is not JSON.');
  }
  const { current, previous } = (parsed ?? {}) as { current?: unknown; previous?: unknown };
  if (typeof current !== 'string' || current.length < 32) {
    throw new Error('The signing key secret needs "current": a random string of at least 32 characters.');
  }
  if (previous !== undefined && (typeof previous !== 'string' || previous.length < 32)) {
    throw new Error('The signing key secret\'s "previous", when present, must be at least 32 characters.');
  }
  return {
    current: Buffer.from(current, 'utf8'),
    ...(typeof previous === 'string' ? { previous: Buffer.from(previous, 'utf8') } : {}),
  };
}
