import { z } from 'zod';
import { languageCodeSchema } from './locales.ts';
import { usStateCodeSchema } from './us-states.ts';

/**
 * A city campaign as its content file declares it. The same schema validates the file at build
 * time (Astro content collection) and the item the API reads back from DynamoDB.
 */
export const campaignSlugSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'Use lower-case letters, digits and single hyphens, such as "springfield".',
  });

export const campaignStatusSchema = z.enum(['draft', 'live', 'ended']);

export const campaignSchema = z
  .object({
    slug: campaignSlugSchema,
    name: z.string().trim().min(2).max(80),
    city: z.string().trim().min(2).max(60),
    state: usStateCodeSchema,
    status: campaignStatusSchema,
    languages: z
      .array(languageCodeSchema)
      .min(2)
      .refine((langs) => langs.includes('en') && langs.includes('es'), {
        message: 'Every campaign offers at least English ("en") and Spanish ("es").',
      })
      .refine((langs) => new Set(langs).size === langs.length, { message: 'List each language once.' }),
    /** True for the bundled sample campaign, so no page or export can pass it off as a real city. */
    demo: z.boolean().default(false),
  })
  .strict();

export type Campaign = z.infer<typeof campaignSchema>;

/** What `GET /api/campaigns` shows about each live campaign. */
export interface CampaignSummary {
  slug: string;
  name: string;
  state: string;
  languages: string[];
}

export function toCampaignSummary(campaign: Campaign): CampaignSummary {
  return {
    slug: campaign.slug,
    name: campaign.name,
    state: campaign.state,
    languages: [...campaign.languages],
  };
}
