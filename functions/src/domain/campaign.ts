import { z } from 'zod';
import { languageCodeSchema, localizedTextSchema } from './locales.ts';
import { pickupSiteSchema } from './pickup-site.ts';
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

/** Local help a city adds to its red-flag page: the county court, the clerk, legal aid, police. */
export const LOCAL_RESOURCE_KINDS = ['county_court', 'court_clerk', 'legal_aid', 'police_non_emergency', 'other'] as const;

export const localResourceSchema = z
  .object({
    kind: z.enum(LOCAL_RESOURCE_KINDS),
    name: localizedTextSchema,
    description: localizedTextSchema.optional(),
    phone: z
      .string()
      .regex(/^\+?1?[-. (]*\d{3}[-. )]*\d{3}[-. ]*\d{4}$/, { message: 'Use a US phone number, like 503-555-0100.' })
      .optional(),
    url: z.string().url().startsWith('https://', { message: 'Use an https:// web address.' }).optional(),
    address: z.string().trim().min(5).max(200).optional(),
  })
  .strict()
  .refine((r) => r.phone || r.url || r.address, { message: 'Give a phone number, a web address or a street address.' });
export type LocalResource = z.infer<typeof localResourceSchema>;

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
    localResources: z.array(localResourceSchema).max(20).default([]),
    pickupSites: z
      .array(pickupSiteSchema)
      .max(200)
      .default([])
      .refine((sites) => new Set(sites.map((s) => s.id)).size === sites.length, { message: 'Give each pickup site its own id.' }),
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
