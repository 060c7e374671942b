/**
 * One household, one request per period: matched on a normalised address and on email and phone.
 * The store keeps only keyed hashes (HMACs under the platform's signing key) of these values, so a
 * table or backup reader cannot test guesses of an address or a phone number against them.
 */

const STREET_WORDS: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', drive: 'dr', boulevard: 'blvd', lane: 'ln', court: 'ct',
  place: 'pl', terrace: 'ter', highway: 'hwy', parkway: 'pkwy', circle: 'cir', square: 'sq', trail: 'trl',
  north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
  apartment: 'apt', suite: 'ste', unit: 'unit', number: '', no: '', calle: 'st', avenida: 'ave',
};

/**
 * Accents folded on Latin letters only ('Peña' = 'pena', 'Nguyễn' = 'nguyen'). In other scripts a
 * combining mark is often a vowel or part of a letter (Devanagari and Thai vowel signs, Arabic
 * harakat): dropping it would make 'कमल मार्ग', 'कमला मार्ग' and 'किमल मार्ग' the same street.
 */
const foldLatinAccents = (s: string): string =>
  s.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC');

/**
 * An address as a comparable string: case, Latin accents, punctuation, spacing and the common USPS
 * abbreviations folded, `#12` read as `apt 12`, ZIP+4 cut to five digits. Letters and marks of
 * every other script are kept as typed (in NFC).
 */
export function normalizeAddress(a: { line1: string; line2?: string; city: string; state: string; zip: string }): string {
  const fold = (s: string) =>
    foldLatinAccents(s)
      .toLowerCase()
      .replace(/#\s*/g, ' apt ')
      // The joiners some scripts spell with (domain/text.ts) change how a word looks, not which word it is.
      .replace(/[\u200c\u200d]/g, '')
      // Letters, marks and digits of every script stay: dropping non-Latin letters or their marks
      // would make two different addresses written in Chinese, Hindi, Thai or Arabic look like the
      // same home.
      .replace(/[^\p{L}\p{M}\p{N} ]+/gu, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => STREET_WORDS[w] ?? w)
      .filter(Boolean)
      .join(' ');
  return [fold(`${a.line1} ${a.line2 ?? ''}`), fold(a.city), a.state.toUpperCase(), a.zip.slice(0, 5)].join('|');
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * What identifies a household in a campaign: its address (mail), its email, its phone. The service
 * stores only keyed hashes of these; the campaign is part of each, so campaigns never share them.
 */
export function householdMatchValues(
  campaign: string,
  r: { address?: Parameters<typeof normalizeAddress>[0]; email?: string; phone?: string },
): string[] {
  const keys: string[] = [];
  if (r.address) keys.push(`address:${normalizeAddress(r.address)}`);
  if (r.email) keys.push(`email:${normalizeEmail(r.email)}`);
  if (r.phone) keys.push(`phone:${r.phone}`);
  return keys.map((k) => `${campaign}|${k}`);
}
