import type { SiteLocale } from '../domain/locales.ts';
import { localizeKeys, PLATFORM_MESSAGES } from '../platform/http/messages.ts';
import { HIDDEN_CHARACTERS_MESSAGE } from '../domain/text.ts';
import { ZIP_TEXT } from '../domain/zip.ts';

/**
 * Every message a resident can get about a lock request's fields, in English and Spanish. The
 * request schema (rules/request.ts) reports keys; this turns them into the person's language.
 */
export const LOCK_REQUEST_MESSAGES = {
  'name.required': { en: 'Enter your name', es: 'Escriba su nombre' },
  'name.tooLong': { en: 'Name must be 100 characters or fewer', es: 'El nombre debe tener 100 caracteres o menos' },
  'contact.required': {
    en: 'Enter an email address or a phone number, so we can tell you about your request',
    es: 'Escriba un correo electrónico o un número de teléfono para avisarle sobre su solicitud',
  },
  'email.invalid': { en: 'Enter an email address like name@example.com', es: 'Escriba un correo electrónico como nombre@ejemplo.com' },
  'phone.invalid': { en: 'Enter a US phone number, like 503-555-0100', es: 'Escriba un número de teléfono de EE. UU., como 503-555-0100' },
  'delivery.required': { en: 'Choose mail or pickup', es: 'Elija si lo quiere por correo o recogerlo en un lugar de entrega' },
  'siteId.required': { en: 'Choose a pickup site', es: 'Elija un lugar de entrega' },
  'address.line1.required': { en: 'Enter the first line of your address', es: 'Escriba la primera línea de su dirección' },
  'address.city.required': { en: 'Enter your town or city', es: 'Escriba su ciudad o pueblo' },
  'address.state.invalid': { en: 'Choose your state or territory', es: 'Elija su estado o territorio' },
  'address.zip.invalid': ZIP_TEXT.invalid,
  'address.zip.unknown': ZIP_TEXT.unknown,
  'address.zip.state': {
    en: 'This ZIP code is not in the state you chose',
    es: 'Este código postal no corresponde al estado que eligió',
  },
  'address.tooLong': { en: 'This line must be 100 characters or fewer', es: 'Esta línea debe tener 100 caracteres o menos' },
  'lockType.required': { en: 'Choose a cable lock or a lock box', es: 'Elija un candado de cable o una caja con llave' },
  'quantity.range': { en: 'Choose how many locks, up to the limit shown', es: 'Elija cuántos candados, hasta el límite indicado' },
  'language.invalid': { en: 'Choose a language', es: 'Elija un idioma' },
  'consent.required': {
    en: 'Agree that we may contact you about this request',
    es: 'Acepte que le contactemos sobre esta solicitud',
  },
  'siteId.unknown': { en: 'Choose one of the pickup sites listed', es: 'Elija uno de los lugares de entrega de la lista' },
  'delivery.noMail': {
    en: 'This campaign does not mail locks. Choose a pickup site',
    es: 'Esta campaña no envía candados por correo. Elija un lugar de entrega',
  },
  'lockType.unavailable': {
    en: 'That kind of lock is not offered here. Choose another kind',
    es: 'Ese tipo de candado no se ofrece aquí. Elija otro tipo',
  },
  'stock.none': {
    en: 'None of these are left here right now. Tick the waitlist box, or choose another site or kind of lock',
    es: 'No quedan de estos aquí por ahora. Marque la lista de espera, o elija otro lugar de entrega u otro tipo de candado',
  },
  'form.again': {
    en: 'Please check your details and send the form again',
    es: 'Revise sus datos y envíe el formulario otra vez',
  },
  'idempotencyKey.invalid': {
    en: 'Use 8 to 200 visible ASCII characters for the Idempotency-Key',
    es: 'Use de 8 a 200 caracteres ASCII visibles en la Idempotency-Key',
  },
  'body.invalid': { en: 'Send the request as a JSON object', es: 'Envíe la solicitud como un objeto JSON' },
  'waitlist.invalid': { en: 'Choose whether to join the waitlist', es: 'Elija si quiere entrar en la lista de espera' },
  'text.hidden': HIDDEN_CHARACTERS_MESSAGE,
  invalid: PLATFORM_MESSAGES.invalid,
  unknown: PLATFORM_MESSAGES.unknown,
} as const;

export type LockRequestMessageKey = keyof typeof LOCK_REQUEST_MESSAGES;

/** Field errors (message keys by dotted field) in the person's language. */
export function localizeFieldErrors(fields: Record<string, string[]>, locale: SiteLocale): Record<string, string[]> {
  return localizeKeys(LOCK_REQUEST_MESSAGES, fields, locale);
}
