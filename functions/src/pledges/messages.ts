import type { SiteLocale } from '../domain/locales.ts';
import { localizeKeys, PLATFORM_MESSAGES } from '../platform/http/messages.ts';
import { HIDDEN_CHARACTERS_MESSAGE } from '../domain/text.ts';
import { ZIP_TEXT } from '../domain/zip.ts';

/**
 * Every message a person can get about the pledge form's fields, in English and Spanish. The
 * input rules (rules/input.ts) report keys; this turns them into the person's language, so the
 * API and the no-JavaScript form say the same thing.
 */
export const PLEDGE_MESSAGES = {
  'name.required': { en: 'Enter your name', es: 'Escriba su nombre' },
  'name.tooLong': { en: 'Name must be 100 characters or fewer', es: 'El nombre debe tener 100 caracteres o menos' },
  'email.required': {
    en: 'Enter your email address, so you can confirm your pledge',
    es: 'Escriba su correo electrónico para que pueda confirmar su compromiso',
  },
  'email.invalid': { en: 'Enter an email address like name@example.com', es: 'Escriba un correo electrónico como nombre@ejemplo.com' },
  'zip.invalid': ZIP_TEXT.invalid,
  'zip.unknown': ZIP_TEXT.unknown,
  'language.invalid': { en: 'Choose a language', es: 'Elija un idioma' },
  'updates.invalid': { en: 'Send true or false for updates', es: 'Envíe true o false en updates' },
  'wantsLock.invalid': { en: 'Send true or false for wantsLock', es: 'Envíe true o false en wantsLock' },
  'text.hidden': HIDDEN_CHARACTERS_MESSAGE,
  'form.again': { en: 'Please check your details and send the form again', es: 'Revise sus datos y envíe el formulario otra vez' },
  'body.invalid': { en: 'Send the pledge as a JSON object', es: 'Envíe el compromiso como un objeto JSON' },
  invalid: PLATFORM_MESSAGES.invalid,
  unknown: PLATFORM_MESSAGES.unknown,
} as const;

export type PledgeMessageKey = keyof typeof PLEDGE_MESSAGES;

/** Field errors (message keys by field) in the person's language. */
export function localizeFieldErrors(fields: Record<string, string[]>, locale: SiteLocale): Record<string, string[]> {
  return localizeKeys(PLEDGE_MESSAGES, fields, locale);
}

/** What the answer to a pledge says, whoever sent it and whether or not the address has pledged before. */
export const CHECK_EMAIL = {
  en: 'Thank you. Check your email and press Confirm to finish your pledge. The link works for 7 days.',
  es: 'Gracias. Revise su correo electrónico y pulse Confirmar para terminar su compromiso. El enlace funciona durante 7 días.',
} as const;
