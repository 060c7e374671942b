/**
 * Confirmation codes: short, read aloud over the phone, typed from paper. No 0/O, 1/I/L, U or V.
 * The code is the request's key; it shows nothing without the private link's secret.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** `K7QM-3XPD` from 8 indexes into the alphabet (the service draws them at random): about 5 × 10^11 codes. */
export function confirmationCodeFrom(indexes: readonly number[]): string {
  const code = indexes.map((i) => CODE_ALPHABET[i]).join('');
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A code as typed (any case, spaces or a missing hyphen) in its canonical form, or null. */
export function parseConfirmationCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== 8 || [...raw].some((ch) => !CODE_ALPHABET.includes(ch))) return null;
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/**
 * The private status link carries a secret: an HMAC of the campaign and code under the platform's
 * signing key (24 bytes, 32 base64url characters). It is derived, never stored, so later emails can
 * repeat the link and nothing in the table (or a backup) opens a status page.
 */
export const STATUS_SECRET_LENGTH = 32;
export const isStatusSecret = (value: string): boolean => /^[A-Za-z0-9_-]{32}$/.test(value);

/** What the status secret signs: one request of one campaign. */
export const statusSecretInput = (campaign: string, code: string): string => `lock-request|${campaign}|${code}`;

