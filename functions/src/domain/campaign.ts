import { z } from 'zod';
import { brandSchema, DEFAULT_BRAND } from './campaign-brand.ts';
import { campaignProblems } from './campaign-checks.ts';
import { campaignTextSchema } from './campaign-languages.ts';
import { campaignLogoSchema } from './campaign-logo.ts';
import { languageCodeSchema, localizedTextSchema } from './locales.ts';
import { LOCK_TYPES, pickupSiteSchema } from './pickup-site.ts';
import { usPhoneSchema } from './site-address.ts';
import { storageSiteSchema } from './storage-site.ts';
import { pledgeTextSchema } from './pledge.ts';
import { notOnTheEnvelope } from './discreet.ts';
import { visibleString } from './text.ts';
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
    phone: usPhoneSchema.optional(),
    url: z.string().url().startsWith('https://', { message: 'Use an https:// web address.' }).optional(),
    address: z.string().trim().pipe(visibleString()).pipe(z.string().min(5).max(200)).optional(),
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

/** A message from the mayor or the health officer, on the campaign's home page. */
export const campaignMessageSchema = z
  .object({
    /** Who signs it, as they want to be named ("Maria Lopez"). */
    name: z.string().trim().pipe(visibleString()).pipe(z.string().min(2).max(80)),
    /** Their title, per language ("Mayor of Springfield" / "Alcaldesa de Springfield"). */
    title: campaignTextSchema,
    /** The message; a blank line starts a new paragraph. */
    text: campaignTextSchema.refine((t) => Object.values(t).every((v) => v.length <= 1500), { message: 'Keep the message under 1,500 characters in each language.' }),
  })
  .strict();
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;

/**
 * A campaign's name as every email signs it and its preview (a phone's lock screen) can show it:
 * no hidden characters, and none of the words an email's envelope never uses (domain/discreet.ts),
 * so a name like "Springfield Gun Lock Program" cannot put "Gun" on a shared screen.
 */
const campaignName = (min: number, max: number) =>
  z
    .string()
    .trim()
    .pipe(visibleString())
    .pipe(z.string().min(min).max(max))
    .superRefine((name, ctx) => {
      const word = notOnTheEnvelope(name);
      if (word) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `Leave "${word}" out of the name: it shows in the preview of every email, on a phone's lock screen or a shared inbox, which never names firearms or a crisis. Try "Safe Storage" or "Lock It Up".`,
        });
      }
    });

/**
 * Every field a campaign file may hold (docs/launching-a-campaign.md lists them for city staff).
 * Unknown fields are refused, so nothing in a file can restyle or hide the crisis lines.
 */
export const campaignFieldsSchema = z
  .object({
    slug: campaignSlugSchema,
    /** Display name, as the campaign's pages and share image show it. */
    name: campaignName(2, 80),
    city: z.string().trim().pipe(visibleString()).pipe(z.string().min(2).max(60)),
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
    pickupSites: z.array(pickupSiteSchema).max(200).default([]),
    locks: lockProgrammeSchema.default({}),
    /** IANA time zone for the dates people act on; defaults to the state's main zone. */
    timeZone: z.string().refine(isTimeZone, { message: 'Use an IANA time zone, such as "America/Chicago".' }).optional(),

    // City campaign pages and launch kit (issue 11).
    /** A short name for tight spaces (the flyer's footer, the share image), such as "Springfield". */
    shortName: campaignName(2, 24).optional(),
    logo: campaignLogoSchema.optional(),
    brand: brandSchema.default(DEFAULT_BRAND),
    message: campaignMessageSchema.optional(),
    /** Temporary storage away from home (gun shops, ranges, law enforcement). */
    storageSites: z.array(storageSiteSchema).max(100).default([]),
    /** Where residents and partners write to the campaign team (shown on its pages). */
    contactEmail: z.string().trim().email({ message: 'Give an email address the campaign team reads, such as "safestorage@springfield.gov".' }),
    /**
     * The longest a lock request's personal data is kept after the request is done or cancelled, in
     * days (at most 90), shown on the home page. Pledges keep the privacy notice's periods instead.
     */
    dataRetentionDays: z.number().int().min(1).max(90).default(90),
    /** For each language beyond "en" and "es" that Lockline has no sentence for: "this page is shown in English". */
    fallbackNotice: z.record(languageCodeSchema, z.string().trim().min(10).max(200)).optional(),
    /**
     * Pickup sites taken out of the file, kept by the content seed so existing requests still show
     * where to go. Not shown in the finder or the form. Written by the seed, not by hand.
     */
    retiredPickupSites: z.array(pickupSiteSchema).max(500).optional(),
    /** The campaign's own pledge wording (`pledgeOf` in pledge.ts falls back to the platform's). */
    pledge: pledgeTextSchema.optional(),
  })
  .strict();

/**
 * A city campaign, validated field by field and then as a whole (campaign-checks.ts): contrast,
 * languages, sites in the state, ids and retention.
 */
export const campaignSchema = campaignFieldsSchema.superRefine((campaign, ctx) => {
  for (const problem of campaignProblems(campaign)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: problem.path, message: problem.message });
});

export type Campaign = z.infer<typeof campaignSchema>;

export type CampaignInput = z.input<typeof campaignSchema>;

/** The name for tight spaces: the campaign's short name, else its city. */
export const campaignShortName = (campaign: Pick<Campaign, 'shortName' | 'city'>): string => campaign.shortName ?? campaign.city;

/** The campaign with the sites removed from its file listed again: for requests made before they went. */
export const withRetiredSites = (campaign: Campaign): Campaign =>
  campaign.retiredPickupSites?.length ? { ...campaign, pickupSites: [...campaign.pickupSites, ...campaign.retiredPickupSites] } : campaign;

/**
 * The campaign as the content seed stores it: the file's version, plus every pickup site the table
 * knew that the file no longer lists (kept as removed, so requests made there still show it). A
 * site that comes back to the file is live again.
 */
export function campaignToStore(file: Campaign, stored: Campaign | null): Campaign {
  const listed = new Set(file.pickupSites.map((s) => s.id));
  const removed = new Map<string, Campaign['pickupSites'][number]>();
  for (const site of [...(file.retiredPickupSites ?? []), ...(stored?.pickupSites ?? []), ...(stored?.retiredPickupSites ?? [])]) {
    if (!listed.has(site.id) && !removed.has(site.id)) removed.set(site.id, site);
  }
  const { retiredPickupSites: _, ...rest } = file;
  const retired = [...removed.values()].sort((a, b) => a.id.localeCompare(b.id));
  return retired.length ? { ...rest, retiredPickupSites: retired } : rest;
}

/** Two campaigns with the same content, whatever the order of their keys. */
export function sameCampaign(a: Campaign, b: Campaign): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

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
