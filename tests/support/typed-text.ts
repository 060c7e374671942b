/**
 * Text fixtures for the "every text field a person types" rule (issue 14, domain/text.ts): the
 * characters that must be refused, and ordinary names and addresses in other scripts that must pass.
 */

/** Each hidden character with a name for the test title. */
export const HIDDEN_CHARACTERS: readonly (readonly [string, string])[] = [
  ['U+0000 NULL', '\u0000'],
  ['U+0007 BELL', '\u0007'],
  ['U+0009 TAB', '\u0009'],
  ['U+000A LINE FEED', '\u000a'],
  ['U+000D CARRIAGE RETURN', '\u000d'],
  ['U+001B ESCAPE', '\u001b'],
  ['U+007F DELETE', '\u007f'],
  ['U+0085 NEXT LINE (C1)', '\u0085'],
  ['U+009B CSI (C1)', '\u009b'],
  ['U+00AD SOFT HYPHEN', '\u00ad'],
  ['U+061C ARABIC LETTER MARK', '\u061c'],
  ['U+180E MONGOLIAN VOWEL SEPARATOR', '\u180e'],
  ['U+200B ZERO WIDTH SPACE', '\u200b'],
  ['U+200C ZERO WIDTH NON-JOINER', '\u200c'],
  ['U+200D ZERO WIDTH JOINER', '\u200d'],
  ['U+200E LEFT-TO-RIGHT MARK', '\u200e'],
  ['U+200F RIGHT-TO-LEFT MARK', '\u200f'],
  ['U+2028 LINE SEPARATOR', '\u2028'],
  ['U+2029 PARAGRAPH SEPARATOR', '\u2029'],
  ['U+202A LEFT-TO-RIGHT EMBEDDING', '\u202a'],
  ['U+202B RIGHT-TO-LEFT EMBEDDING', '\u202b'],
  ['U+202C POP DIRECTIONAL FORMATTING', '\u202c'],
  ['U+202D LEFT-TO-RIGHT OVERRIDE', '\u202d'],
  ['U+202E RIGHT-TO-LEFT OVERRIDE', '\u202e'],
  ['U+2060 WORD JOINER', '\u2060'],
  ['U+2061 FUNCTION APPLICATION', '\u2061'],
  ['U+2062 INVISIBLE TIMES', '\u2062'],
  ['U+2063 INVISIBLE SEPARATOR', '\u2063'],
  ['U+2064 INVISIBLE PLUS', '\u2064'],
  ['U+2066 LEFT-TO-RIGHT ISOLATE', '\u2066'],
  ['U+2067 RIGHT-TO-LEFT ISOLATE', '\u2067'],
  ['U+2068 FIRST STRONG ISOLATE', '\u2068'],
  ['U+2069 POP DIRECTIONAL ISOLATE', '\u2069'],
  ['U+FEFF ZERO WIDTH NO-BREAK SPACE', '\ufeff'],
  ['U+E0041 TAG LATIN CAPITAL LETTER A', '\u{e0041}'],
];

/** Names people really have, in many scripts, with apostrophes, hyphens and diacritics. */
export const ORDINARY_NAMES: readonly string[] = [
  '王秀英',
  '陳大文',
  'محمد الأحمد',
  'مُحَمَّد عَلِيّ',
  'अनीता शर्मा',
  'किरण पटेल',
  'Nguyễn Thị Ngọc Ánh',
  'Trần Văn Đức',
  'Nguye\u0302\u0303n Thi\u0323 Mai', // typed decomposed (NFD); stored as NFC
  "Siobhán O'Brien",
  'D’Angelo-Ruiz',
  'Mary-Jane Smith-Jones',
  'José María Núñez',
  'Иван Петров',
  'สมชาย ใจดี',
  '김민준',
  'مهدی\u200cزاده', // Persian, with the zero-width non-joiner its keyboards type inside the name
  'क्\u200dषमा', // Devanagari, with a zero-width joiner after the virama
];

/** Address lines and cities in other scripts. */
export const ORDINARY_ADDRESS_LINES: readonly string[] = ['北京路 1号', 'कमला मार्ग 12', '12 شارع الملك فهد', '45 Đường Lê Lợi', "1 O'Connell St Apt 2-B"];
