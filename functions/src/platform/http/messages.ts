import type { SiteLocale } from '../../domain/locales.ts';

/**
 * The field messages the platform itself gives (query strings, path names, generic checks), in
 * both site languages. Routes throw the English text; `platform/http/errors.ts` answers in the
 * request's language. Nothing a client sent is ever part of a message: zod's own messages (which
 * can quote the value received) are replaced by these before they leave `parseInput`.
 */
export const PLATFORM_MESSAGES = {
  validation: { en: 'Some of the information is missing or not valid.', es: 'Falta información o no es válida.' },
  invalid: { en: 'Check this answer', es: 'Revise esta respuesta' },
  unknown: { en: 'This field is not part of the form', es: 'Este campo no es parte del formulario' },
  once: { en: 'Give this parameter once.', es: 'Envíe este parámetro una sola vez.' },
  zipMissing: { en: 'Enter a ZIP code.', es: 'Escriba un código postal.' },
  zipInvalid: { en: 'Enter a ZIP code with 5 digits, like 97201.', es: 'Escriba un código postal de 5 dígitos, como 97201.' },
  // domain/erpo-lookup.ts's stateCodeSchema: the same English text, so it is answered in both languages.
  stateCode: { en: 'Use a two-letter state code, like WA or DC.', es: 'Use un código de estado de dos letras, como WA o DC.' },
  slug: { en: 'Use lower-case letters, digits and single hyphens, such as "springfield".', es: 'Use letras minúsculas, números y guiones simples, como "springfield".' },
  date: { en: 'Use a date like 2026-11-25.', es: 'Use una fecha como 2026-11-25.' },
  dateOrder: { en: 'The end date must be on or after the start date.', es: 'La fecha final debe ser igual o posterior a la fecha inicial.' },
  formUnreadable: { en: 'The form could not be read. Send it again.', es: 'No pudimos leer el formulario. Envíelo otra vez.' },
} as const;

const BY_ENGLISH = new Map<string, { en: string; es: string }>(Object.values(PLATFORM_MESSAGES).map((m) => [m.en, m]));

/** True when `message` is one of the platform's own (English) messages. */
export const isPlatformMessage = (message: string): boolean => BY_ENGLISH.has(message);

/** A platform message in `locale`; any other text (a capability's, already in the person's language) as it is. */
export const inLocale = (message: string, locale: SiteLocale): string => BY_ENGLISH.get(message)?.[locale] ?? message;

export function fieldsInLocale(fields: Record<string, string[]>, locale: SiteLocale): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, messages.map((m) => inLocale(m, locale))]));
}

/**
 * Field errors a capability gives as keys of its own catalogue, in `locale`; a key the catalogue
 * lacks reads as the platform's `invalid` ("Check this answer").
 */
export function localizeKeys(catalogue: Record<string, { en: string; es: string }>, fields: Record<string, string[]>, locale: SiteLocale): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([field, keys]) => [field, keys.map((key) => (catalogue[key] ?? PLATFORM_MESSAGES.invalid)[locale])]));
}
