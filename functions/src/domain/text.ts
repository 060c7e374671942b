import { z } from 'zod';

/**
 * Characters no person types into a name or an address line, refused in every text field:
 * - control characters: C0, DEL and C1 (`\p{Cc}`), and the line and paragraph separators;
 * - the bidirectional marks, embeddings, overrides and isolates (U+200E, U+200F, U+061C,
 *   U+202A-U+202E, U+2066-U+2069) that make text display in another order than it is stored (a
 *   name that reads one way on a shipping label and another in a spreadsheet);
 * - zero-width and invisible formatting characters that make two different strings look the
 *   same: U+200B-U+200D, the word joiner and invisible operators (U+2060-U+2064), the deprecated
 *   format controls (U+206A-U+206F), the byte-order mark U+FEFF, the soft hyphen U+00AD, the
 *   Mongolian vowel separator U+180E, interlinear annotation marks (U+FFF9-U+FFFB) and the tag
 *   characters (U+E0000-U+E007F).
 * They arrive by copy and paste, or on purpose. Letters and combining marks of every script pass.
 */
const HIDDEN =
  /[\p{Cc}\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/u;

/**
 * The one exception: the zero-width non-joiner and joiner (U+200C, U+200D) are part of correct
 * spelling in Persian and other Arabic-script languages and in the Indic scripts (Persian keyboards
 * type U+200C for the half-space in names like 'مهدی‌زاده'). Between two letters or marks of those
 * scripts they are kept; anywhere else (next to a Latin letter, a space, a digit, at an end) they
 * are hidden characters like the rest.
 */
const JOINING_SCRIPTS =
  '\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Devanagari}\\p{Script=Bengali}\\p{Script=Gurmukhi}\\p{Script=Gujarati}\\p{Script=Oriya}\\p{Script=Tamil}\\p{Script=Telugu}\\p{Script=Kannada}\\p{Script=Malayalam}\\p{Script=Sinhala}';
const SPELLING_JOINER = new RegExp(`(?<=[${JOINING_SCRIPTS}]\\p{M}*)[\\u200c\\u200d](?=[${JOINING_SCRIPTS}])`, 'gu');

export const hasHiddenCharacters = (value: string): boolean => HIDDEN.test(value.replace(SPELLING_JOINER, ''));

/** The message for a field that has one, in both site languages. */
export const HIDDEN_CHARACTERS_MESSAGE = {
  en: 'Remove hidden or special formatting characters (they can come from copying and pasting)',
  es: 'Quite los caracteres ocultos o de formato especial (pueden venir de copiar y pegar)',
} as const;

/**
 * A string with no hidden characters. `message` is what the issue carries: a capability's message
 * key (turned into the person's language later), or a sentence for configuration checked at build.
 */
export const visibleString = (message: string = HIDDEN_CHARACTERS_MESSAGE.en) =>
  z.string().refine((s) => !hasHiddenCharacters(s), { message });

export interface TypedTextMessages<K extends string> {
  /** The message key for a field left empty; absent for an optional field. */
  required?: K;
  /** The message key for a field longer than `max`. */
  tooLong: K;
  /** The message key for hidden characters (each capability maps it to HIDDEN_CHARACTERS_MESSAGE). */
  hidden: K;
}

/**
 * The one rule for text a person types (a name, an address line, a city): NFC-normalised and
 * trimmed once, then refused if it holds a hidden character, then checked for length. One message
 * per field: a field with hidden characters is not also said to be too long.
 */
export function typedText<K extends string>(max: number, messages: TypedTextMessages<K> & { required: K }): z.ZodType<string, z.ZodTypeDef, unknown>;
export function typedText<K extends string>(max: number, messages: TypedTextMessages<K>): z.ZodType<string | undefined, z.ZodTypeDef, unknown>;
export function typedText<K extends string>(max: number, messages: TypedTextMessages<K>): z.ZodType<string | undefined, z.ZodTypeDef, unknown> {
  const { required, tooLong, hidden } = messages;
  const cleaned = z
    .string(required ? { required_error: required, invalid_type_error: required } : undefined)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(visibleString(hidden));
  if (required) return cleaned.pipe(z.string().min(1, { message: required }).max(max, { message: tooLong }));
  return cleaned
    .pipe(z.string().max(max, { message: tooLong }))
    .optional()
    .transform((s) => (s ? s : undefined));
}
