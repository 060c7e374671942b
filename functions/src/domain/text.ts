/**
 * Characters no person types into a name or an address line, refused in every text field:
 * control characters (C0, DEL, C1, line and paragraph separators), the bidirectional overrides and
 * isolates that make text display in another order than it is stored (a name that reads one way
 * on a shipping label and another in a spreadsheet), and zero-width characters that make two
 * different strings look the same. They arrive by copy and paste, or on purpose.
 */
// Matching control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]/u;

export const hasHiddenCharacters = (value: string): boolean => HIDDEN.test(value);

/** The message for a field that has one, in both site languages. */
export const HIDDEN_CHARACTERS_MESSAGE = {
  en: 'Remove hidden or special formatting characters (they can come from copying and pasting)',
  es: 'Quite los caracteres ocultos o de formato especial (pueden venir de copiar y pegar)',
} as const;
