import { z } from 'zod';
import { localizedTextSchema } from './locales.ts';
import { siteAddressSchema, usPhoneSchema } from './site-address.ts';

/**
 * Temporary storage away from home: places that may hold firearms for a while for someone going
 * through a hard time (gun shops, ranges, law enforcement). Terms change, so every entry carries
 * the date someone last called to check, and people are always told to call first.
 */
export const STORAGE_SITE_KINDS = ['gun_shop', 'range', 'law_enforcement', 'other'] as const;
export type StorageSiteKind = (typeof STORAGE_SITE_KINDS)[number];

/** After this many months without a check, pages say "last checked on <date>, call first". */
export const STORAGE_STALE_MONTHS = 6;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Write the date as YYYY-MM-DD, such as "2026-03-15".' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    message: 'This is not a real date. Write it as YYYY-MM-DD.',
  });

export const storageSiteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Use lower-case words joined by hyphens, such as "north-range".' }).max(40),
    kind: z.enum(STORAGE_SITE_KINDS, { errorMap: () => ({ message: `Use one of: ${STORAGE_SITE_KINDS.join(', ')}.` }) }),
    name: localizedTextSchema,
    address: siteAddressSchema,
    phone: usPhoneSchema,
    hours: localizedTextSchema,
    /** What the place asks and charges, in plain words (fees, paperwork, how long). */
    terms: localizedTextSchema,
    /** Show "call first" with the entry (always shown once the entry is old). */
    callFirst: z.boolean().default(true),
    /** When someone last called the place to check the terms. */
    lastVerified: isoDate,
    /** Why a place outside the campaign's state is listed (for reviewers; not shown). */
    outOfStateReason: z.string().trim().min(10).max(300).optional(),
  })
  .strict();
export type StorageSite = z.infer<typeof storageSiteSchema>;

/** True when the check is more than six calendar months before `today` (YYYY-MM-DD). */
export function isStale(lastVerified: string, today: string): boolean {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(y, m - 1 - STORAGE_STALE_MONTHS, d));
  return new Date(`${lastVerified}T00:00:00Z`).getTime() < limit.getTime();
}

export function staleStorageSites(sites: readonly StorageSite[], today: string): StorageSite[] {
  return sites.filter((s) => isStale(s.lastVerified, today));
}
