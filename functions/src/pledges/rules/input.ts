import { z } from 'zod';
import { typedText, visibleString } from '../../domain/text.ts';
import { ZIP_INDEX } from '../../domain/zip-data.ts';
import type { PledgeMessageKey } from '../messages.ts';

/**
 * A pledge as the form and the JSON API send it: name, email, ZIP, the language for our emails,
 * consent to campaign updates (separate from the pledge, off unless given) and whether the person
 * also wants a free lock. Nothing about firearms. Messages are keys (../messages.ts).
 */
const msg = (key: PledgeMessageKey) => ({ message: key });

/** Email and ZIP are refused for hidden characters first too, with the same message as the name. */
const visible = visibleString('text.hidden' satisfies PledgeMessageKey);

const bool = (key: PledgeMessageKey) => z.boolean({ invalid_type_error: key }).default(false);

export function pledgeInputSchema(languages: readonly string[]) {
  return z
    .object({
      name: typedText<PledgeMessageKey>(100, { required: 'name.required', tooLong: 'name.tooLong', hidden: 'text.hidden' }),
      email: z
        .string({ required_error: 'email.required', invalid_type_error: 'email.invalid' })
        .transform((s) => s.normalize('NFC').trim())
        .pipe(visible)
        // One message at a time: an empty address is missing, not also malformed.
        .pipe(z.string().min(1, msg('email.required')))
        .pipe(z.string().max(254, msg('email.invalid')).email(msg('email.invalid'))),
      zip: z
        .string({ required_error: 'zip.invalid', invalid_type_error: 'zip.invalid' })
        .trim()
        .pipe(visible)
        .pipe(z.string().regex(/^\d{5}(?:-?\d{4})?$/, msg('zip.invalid')))
        .transform((zip) => zip.slice(0, 5))
        .refine((zip) => ZIP_INDEX.stateOf(zip) !== null, msg('zip.unknown')),
      language: z
        .string({ required_error: 'language.invalid', invalid_type_error: 'language.invalid' })
        .refine((l) => languages.includes(l), msg('language.invalid')),
      updates: bool('updates.invalid'),
      wantsLock: bool('wantsLock.invalid'),
    })
    .strict(msg('unknown'));
}

export type PledgeInput = z.infer<ReturnType<typeof pledgeInputSchema>>;

/** A form post as the JSON shape: a ticked box is true, an unticked one is absent (false). */
export function formToPledgeInput(form: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key === 'updates' || key === 'wantsLock') {
      if (['yes', 'on', 'true'].includes(value)) out[key] = true;
      continue;
    }
    out[key] = value;
  }
  return out;
}
