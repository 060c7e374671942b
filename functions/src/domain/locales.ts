import { z } from 'zod';

/** Languages every public route exists in. Campaigns may add more later; these two are the floor. */
export const SITE_LOCALES = ['en', 'es'] as const;
export type SiteLocale = (typeof SITE_LOCALES)[number];

/** BCP 47 primary language subtags a campaign may offer (ISO 639-1, lower case). */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2}$/, { message: 'Use a two-letter language code such as "en" or "es".' });

/** Text a person reads, in both site languages. */
export const localizedTextSchema = z.object({
  en: z.string().trim().min(1),
  es: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;
