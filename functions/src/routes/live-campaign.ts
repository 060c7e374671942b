import { z } from 'zod';
import { campaignSlugSchema, type Campaign } from '../domain/campaign.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { parseInput } from '../http/validate.ts';

/** The campaign a public route names: it must exist and be live. */
export async function liveCampaign(deps: Pick<AppDeps, 'store'>, rawSlug: string): Promise<Campaign> {
  const campaign = await anyCampaign(deps, rawSlug);
  if (campaign.status !== 'live') throw new NotFoundError('There is no live campaign with that name.');
  return campaign;
}

/** The campaign a staff route names, live or not (staff still ship and export after a campaign ends). */
export async function anyCampaign(deps: Pick<AppDeps, 'store'>, rawSlug: string): Promise<Campaign> {
  const { slug } = parseInput(z.object({ slug: campaignSlugSchema }), { slug: rawSlug });
  const campaign = await deps.store.campaigns.get(slug);
  if (!campaign) throw new NotFoundError('There is no live campaign with that name.');
  return campaign;
}

/** The campaign behind a resident's status link: live or ended (an ended campaign still fulfils). */
export async function residentCampaign(deps: Pick<AppDeps, 'store'>, rawSlug: string): Promise<Campaign> {
  const campaign = await anyCampaign(deps, rawSlug);
  if (campaign.status === 'draft') throw new NotFoundError('There is no live campaign with that name.');
  return campaign;
}
