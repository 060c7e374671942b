import { z } from 'zod';
import { languageCodeSchema, localizedTextSchema } from './locales.ts';
import { LOCK_TYPES, pickupSiteSchema } from './pickup-site.ts';
import { pledgeTextSchema } from './pledge.ts';
import { isTimeZone, STATE_TIME_ZONES } from './time-zones.ts';
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

/**
 * How a campaign runs its free-lock programme. Every number has a default, so a campaign file only
 * states what it changes. Days are whole days.
 */
export const lockProgrammeSchema = z
  .object({
    /** Most locks one household may ask for in one request. */
    householdCap: z.number().int().min(1).max(10).default(2),
    /** How long a pickup reservation holds stock before it lapses and the stock returns. */
    reservationDays: z.number().int().min(1).max(60).default(14),
    /** One request per household per this many days (matched on address and on email/phone). */
    requestPeriodDays: z.number().int().min(1).max(365).default(90),
    /**
     * Days a request's personal data is kept after it is fulfilled or cancelled; then DynamoDB TTL
     * deletes it. At most 90: the privacy notice promises no longer.
     */
    retentionDays: z.number().int().min(1).max(90).default(90),
    /** Locks by mail: off unless the campaign turns it on. Its stock is created once, like a site's. */
    mail: z
      .object({
        enabled: z.boolean(),
        lockTypes: z.array(z.enum(LOCK_TYPES)).min(1),
        initialStock: z.record(z.enum(LOCK_TYPES), z.number().int().min(0).max(100_000)).default({}),
      })
      .strict()
      .default({ enabled: false, lockTypes: ['cable'], initialStock: {} }),
  })
  .strict();
export type LockProgramme = z.infer<typeof lockProgrammeSchema>;

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
    locks: lockProgrammeSchema.default({}),
    /** IANA time zone for the dates people act on; defaults to the state's main zone. */
    timeZone: z.string().refine(isTimeZone, { message: 'Use an IANA time zone, such as "America/Chicago".' }).optional(),
    /** The campaign's own pledge wording (`pledgeOf` in pledge.ts falls back to the platform's). */
    pledge: pledgeTextSchema.optional(),
  })
  .strict();

export type Campaign = z.infer<typeof campaignSchema>;

export const campaignTimeZone = (campaign: Pick<Campaign, 'state' | 'timeZone'>): string =>
  campaign.timeZone ?? STATE_TIME_ZONES[campaign.state];

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
