import { hmacWith, type KeyRing } from '../secrets/key-ring.ts';

/** A submission's validated input, digested to tell a retry from a different body under the same key. */
export interface Fingerprint {
  /** What is stored with the answer (under the current key). */
  value: string;
  /** Whether a stored fingerprint is of this same input (under the current or the previous key). */
  matches(stored: string): boolean;
}

/**
 * An HMAC of the validated input, not a bare hash: the input holds a name, an email address and a
 * home address, and a plain SHA-256 of them, kept 24 hours with the stored answer, would let anyone
 * holding a copy of the table confirm a guess about who asked (even after the person deleted their
 * data). The previous key still matches, so a retry across a key rotation is still a retry.
 */
export async function fingerprintOf(ring: KeyRing, input: unknown): Promise<Fingerprint> {
  const keys = await ring.keys();
  const json = JSON.stringify(input);
  const value = hmacWith(keys.current, 'fingerprint', json);
  const previous = keys.previous ? hmacWith(keys.previous, 'fingerprint', json) : undefined;
  return { value, matches: (stored) => stored === value || (previous !== undefined && stored === previous) };
}
