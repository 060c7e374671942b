import { z } from 'zod';
import { LOCK_TYPES } from '../../domain/pickup-site.ts';
import { US_STATE_CODES } from '../../domain/us-states.ts';
import { typedText, visibleString } from '../../domain/text.ts';
import { ZIP_INDEX } from '../../domain/zip-data.ts';
import type { LockRequestMessageKey } from '../messages.ts';

/**
 * A resident's free-lock request, as the form and the JSON API send it (issue #3). It asks for the
 * minimum: never how many firearms, which ones, or why. Validation messages are keys, turned into
 * the person's language by `localizeFieldErrors` (../messages.ts), so the API and the no-JS form
 * say the same thing. The service applies it to JSON and form posts alike.
 */


const msg = (key: LockRequestMessageKey) => ({ message: key });

/** Text a person types: NFC, trimmed, no hidden characters (domain/text.ts), then the length. */
const text = (max: number, required: LockRequestMessageKey, tooLong: LockRequestMessageKey) =>
  typedText(max, { required, tooLong, hidden: 'text.hidden' });

const optionalText = (max: number, tooLong: LockRequestMessageKey) => typedText(max, { tooLong, hidden: 'text.hidden' });

/** Formatted fields (email, phone, ZIP, site) are refused for hidden characters first, with the same message. */
const visible = visibleString('text.hidden' satisfies LockRequestMessageKey);

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
      .pipe(visible)
      .pipe(z.string().regex(/^\d{5}(?:-?\d{4})?$/, msg('address.zip.invalid')))
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
        .pipe(visible)
        .pipe(z.string().max(254, msg('email.invalid')))
        .optional()
        .transform((s) => (s ? s : undefined))
        .pipe(z.string().email(msg('email.invalid')).optional()),
      phone: z
        .string({ invalid_type_error: 'phone.invalid' })
        .pipe(visible)
        .optional()
        .transform((s, ctx) => {
          if (!s?.trim()) return undefined;
          const e164 = normalizeUsPhone(s);
          if (!e164) ctx.addIssue({ code: z.ZodIssueCode.custom, ...msg('phone.invalid') });
          return e164 ?? undefined;
        }),
      delivery: z.enum(['mail', 'pickup'], { errorMap: () => msg('delivery.required') }),
      siteId: z.string({ invalid_type_error: 'siteId.unknown' }).trim().pipe(visible).pipe(z.string().max(40, msg('siteId.unknown'))).optional(),
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
  // No prototype: `address.__proto__` is an unknown field like any other.
  const address = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(form)) {
    if (key === 'consent' || key === 'waitlist') {
      if (['yes', 'on', 'true'].includes(value)) out[key] = true;
      continue;
    }
    if (key.startsWith('address.')) {
      address[key.slice('address.'.length)] = value;
      continue;
    }
    out[key] = value;
  }
  // A pickup form carries empty address fields; a mail form an empty site: neither is an answer.
  // A bare `address` field (no form sends one) stays as it came, and the schema refuses it.
  if (Object.values(address).some((v) => v.trim() !== '') && !('address' in out)) out.address = address;
  return out;
}
