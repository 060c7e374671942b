import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { CODE_ALPHABET, confirmationCodeFrom } from '../domain/lock-lifecycle.ts';

/** The random and hashing parts of lock requests, kept out of the pure domain. */

export const newConfirmationCode = (): string => confirmationCodeFrom(Array.from({ length: 8 }, () => randomInt(CODE_ALPHABET.length)));

/** 24 random bytes: 32 base64url characters. */
export const newStatusSecret = (): string => randomBytes(24).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** Compares secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
