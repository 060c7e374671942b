import { campaignSlugSchema, type Campaign } from '../domain/campaign.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { PLATFORM_MESSAGES } from '../platform/http/messages.ts';
import type { CampaignReader } from './ports.ts';

/**
 * The campaign a route names, by how the route may use it. An unknown campaign and one in the wrong
 * state answer the same 404, so a URL says nothing about drafts; a malformed name is a 400 on the
 * API (a page answers 404 for all three).
 */
const NOT_FOUND = 'There is no live campaign with that name.';

async function bySlug(campaigns: CampaignReader, rawSlug: string | undefined): Promise<Campaign | null> {
  const parsed = campaignSlugSchema.safeParse(rawSlug ?? '');
  if (!parsed.success) throw new ValidationError({ slug: [PLATFORM_MESSAGES.slug.en] });
  return campaigns.get(parsed.data);
}

/** Public routes: the campaign must exist and be live. */
export async function liveCampaign(campaigns: CampaignReader, rawSlug: string | undefined): Promise<Campaign> {
  const campaign = await bySlug(campaigns, rawSlug);
  if (campaign?.status !== 'live') throw new NotFoundError(NOT_FOUND);
  return campaign;
}

/** Staff routes: live or not (staff still ship and export after a campaign ends). */
export async function anyCampaign(campaigns: CampaignReader, rawSlug: string | undefined): Promise<Campaign> {
  const campaign = await bySlug(campaigns, rawSlug);
  if (!campaign) throw new NotFoundError(NOT_FOUND);
  return campaign;
}

/** A resident's own request: live or ended (an ended campaign still fulfils what was asked). */
export async function residentCampaign(campaigns: CampaignReader, rawSlug: string | undefined): Promise<Campaign> {
  const campaign = await bySlug(campaigns, rawSlug);
  if (!campaign || campaign.status === 'draft') throw new NotFoundError(NOT_FOUND);
  return campaign;
}

/**
 * A page: the campaign when its status is one the page shows and it has pages in the language the
 * path asks for (English and Spanish always; `/vi/...` only for a campaign that lists "vi"), else
 * null (the page answers 404).
 */
export async function pageCampaign(
  campaigns: CampaignReader,
  rawSlug: string | undefined,
  language: string,
  accept: readonly Campaign['status'][] = ['live'],
): Promise<Campaign | null> {
  const parsed = campaignSlugSchema.safeParse(rawSlug ?? '');
  const campaign = parsed.success ? await campaigns.get(parsed.data) : null;
  return campaign && accept.includes(campaign.status) && campaign.languages.includes(language) ? campaign : null;
}
