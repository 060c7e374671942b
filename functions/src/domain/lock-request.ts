import { z } from 'zod';
import type { SiteLocale } from './locales.ts';
import { LOCK_TYPES } from './pickup-site.ts';
import { US_STATE_CODES } from './us-states.ts';
import { ZIP_INDEX } from './zip-data.ts';
import { ZIP_TEXT } from './zip.ts';

/**
 * A resident's free-lock request, as the form and the JSON API send it (issue #3). It asks for the
 * minimum: never how many firearms, which ones, or why. Validation messages are keys, turned into
 * the person's language by `localizeFieldErrors`, so the API and the no-JS form say the same thing.
 *
 * The service (`services/lock-requests.ts`) applies it to JSON and form posts alike.
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
  'delivery.required': { en: 'Choose mail or pickup', es: 'Elija por correo o para recoger' },
  'siteId.required': { en: 'Choose a pickup site', es: 'Elija un lugar para recoger' },
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
  'siteId.unknown': { en: 'Choose one of the pickup sites listed', es: 'Elija uno de los lugares de la lista' },
  'delivery.noMail': {
    en: 'This campaign does not mail locks. Choose a pickup site',
    es: 'Esta campaña no envía candados por correo. Elija un lugar para recoger',
  },
  'lockType.unavailable': {
    en: 'That kind of lock is not offered here. Choose another kind',
    es: 'Ese tipo de candado no se ofrece aquí. Elija otro tipo',
  },
  'stock.none': {
    en: 'None of these are left here right now. Tick the waitlist box, or choose another site or kind of lock',
    es: 'No quedan de estos aquí por ahora. Marque la lista de espera, o elija otro lugar u otro tipo de candado',
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
  invalid: { en: 'Check this answer', es: 'Revise esta respuesta' },
  unknown: { en: 'This field is not part of the form', es: 'Este campo no es parte del formulario' },
} as const;

export type LockRequestMessageKey = keyof typeof LOCK_REQUEST_MESSAGES;

const msg = (key: LockRequestMessageKey) => ({ message: key });

/** NFC-normalised and trimmed once, before any rule looks at it. */
const text = (max: number, required: LockRequestMessageKey, tooLong: LockRequestMessageKey) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, msg(required)).max(max, msg(tooLong)));

const optionalText = (max: number, tooLong: LockRequestMessageKey) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, msg(tooLong)))
    .optional()
    .transform((s) => (s ? s : undefined));

/** US numbers in common formats, stored as E.164 (+1XXXXXXXXXX). */
export function normalizeUsPhone(input: string): string | null {
  const digits = input.replace(/[\s().-]/g, '').replace(/^\+?1(?=\d{10}$)/, '');
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits) ? `+1${digits}` : null;
}

const addressSchema = z
  .object({
    line1: text(100, 'address.line1.required', 'address.tooLong'),
    line2: optionalText(100, 'address.tooLong'),
    city: text(60, 'address.city.required', 'address.tooLong'),
    state: z.enum(US_STATE_CODES, { errorMap: () => msg('address.state.invalid') }),
    zip: z
      .string({ required_error: 'address.zip.invalid', invalid_type_error: 'address.zip.invalid' })
      .trim()
      .regex(/^\d{5}(?:-?\d{4})?$/, msg('address.zip.invalid'))
      .transform((zip) => zip.slice(0, 5)),
  })
  .strict(msg('unknown'))
  .superRefine((a, ctx) => {
    const state = ZIP_INDEX.stateOf(a.zip);
    if (!state) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['zip'], ...msg('address.zip.unknown') });
    else if (state !== a.state) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['zip'], ...msg('address.zip.state') });
  });

export interface LockRequestRules {
  /** The campaign's languages (at least en and es). */
  languages: readonly string[];
  /** Most locks one household may ask for in one request (campaign-set, default 2). */
  householdCap: number;
}

export function lockRequestSchema(rules: LockRequestRules) {
  return z
    .object({
      name: text(100, 'name.required', 'name.tooLong'),
      email: z
        .string({ invalid_type_error: 'email.invalid' })
        .trim()
        .max(254, msg('email.invalid'))
        .optional()
        .transform((s) => (s ? s : undefined))
        .pipe(z.string().email(msg('email.invalid')).optional()),
      phone: z
        .string({ invalid_type_error: 'phone.invalid' })
        .optional()
        .transform((s, ctx) => {
          if (!s?.trim()) return undefined;
          const e164 = normalizeUsPhone(s);
          if (!e164) ctx.addIssue({ code: z.ZodIssueCode.custom, ...msg('phone.invalid') });
          return e164 ?? undefined;
        }),
      delivery: z.enum(['mail', 'pickup'], { errorMap: () => msg('delivery.required') }),
      siteId: z.string({ invalid_type_error: 'siteId.unknown' }).trim().max(40, msg('siteId.unknown')).optional(),
      address: addressSchema.optional(),
      lockType: z.enum(LOCK_TYPES, { errorMap: () => msg('lockType.required') }),
      quantity: z.coerce.number(msg('quantity.range')).int(msg('quantity.range')).min(1, msg('quantity.range')).max(rules.householdCap, msg('quantity.range')),
      language: z.string({ required_error: 'language.invalid', invalid_type_error: 'language.invalid' }).refine((l) => rules.languages.includes(l), msg('language.invalid')),
      consent: z.literal(true, { errorMap: () => msg('consent.required') }),
      /** Join the waitlist when no lock is left (otherwise such a request is refused with 409). */
      waitlist: z.boolean({ invalid_type_error: 'waitlist.invalid' }).default(false),
    })
    .strict(msg('unknown'))
    .superRefine((r, ctx) => {
      for (const [field, keys] of Object.entries(missingAnswers(r))) {
        for (const key of keys) ctx.addIssue({ code: z.ZodIssueCode.custom, path: field.split('.'), ...msg(key) });
      }
    });
}

/**
 * Answers that depend on another answer: an email or a phone, a site for pickup, an address for
 * mail. Works on raw input too, so a form with other errors lists these at the same time
 * (GOV.UK: every problem at once), not only after the rest is fixed.
 */
export function missingAnswers(input: unknown): Record<string, LockRequestMessageKey[]> {
  const r = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  const out: Record<string, LockRequestMessageKey[]> = {};
  if (blank(r.email) && blank(r.phone)) out.email = ['contact.required'];
  if (r.delivery === 'pickup' && blank(r.siteId)) out.siteId = ['siteId.required'];
  if (r.delivery === 'mail' && r.address === undefined) out['address.line1'] = ['address.line1.required'];
  return out;
}

export type LockRequestInput = z.infer<ReturnType<typeof lockRequestSchema>>;

/**
 * An HTML form post as the JSON shape: `address.line1` becomes `address: { line1 }`, an unchecked
 * box is absent, a checked one is true, and empty optional fields are dropped.
 */
export function formToLockRequest(form: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key === 'consent' || key === 'waitlist') {
      if (['yes', 'on', 'true'].includes(value)) out[key] = true;
      continue;
    }
    if (key.startsWith('address.')) {
      const address = (out.address ??= {}) as Record<string, string>;
      address[key.slice('address.'.length)] = value;
      continue;
    }
    out[key] = value;
  }
  // A pickup form carries empty address fields; a mail form an empty site: neither is an answer.
  const address = out.address as Record<string, string> | undefined;
  if (address && Object.values(address).every((v) => v.trim() === '')) delete out.address;
  return out;
}

/** Field errors (message keys by dotted field) in the person's language. */
export function localizeFieldErrors(fields: Record<string, string[]>, locale: SiteLocale): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, keys]) => [
      field,
      keys.map((key) => (LOCK_REQUEST_MESSAGES[key as LockRequestMessageKey] ?? LOCK_REQUEST_MESSAGES.invalid)[locale]),
    ]),
  );
}
