import { z } from 'zod';
import { visibleString } from './text.ts';
import { usStateCodeSchema } from './us-states.ts';

/** A street address of a place in a campaign file (pickup and storage sites). */
export const siteAddressSchema = z
  .object({
    line1: z.string().trim().pipe(visibleString()).pipe(z.string().min(3).max(100)),
    city: z.string().trim().pipe(visibleString()).pipe(z.string().min(2).max(60)),
    state: usStateCodeSchema,
    zip: z.string().regex(/^\d{5}$/, { message: 'Use the 5-digit ZIP code.' }),
  })
  .strict();
export type SiteAddress = z.infer<typeof siteAddressSchema>;

export const usPhoneSchema = z
  .string()
  .regex(/^\+?1?[-. (]*\d{3}[-. )]*\d{3}[-. ]*\d{4}$/, { message: 'Use a US phone number, like 503-555-0100.' });

/** `tel:` target of a US phone number as written in a campaign file. */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;
