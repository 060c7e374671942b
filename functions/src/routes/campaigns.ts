import { Hono } from 'hono';
import { z } from 'zod';
import { toCampaignSummary } from '../domain/campaign.ts';
import { NotFoundError } from '../domain/errors.ts';
import { pickupSiteViews } from '../domain/pickup-site.ts';
import { ZIP_INDEX } from '../domain/zip-data.ts';
import { zipInputSchema } from '../domain/zip.ts';
import type { AppDeps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { parseInput, queryObject } from '../http/validate.ts';
import { liveCampaign } from './live-campaign.ts';

const pickupQuerySchema = z.object({ zip: zipInputSchema.optional() }).strict();

/** Public campaign directory: only live campaigns, only their public fields. */
export function campaignRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>()
    .get('/', async (c) => {
      const campaigns = await deps.store.campaigns.listLive();
      const summaries = campaigns.map(toCampaignSummary).sort((a, b) => a.slug.localeCompare(b.slug));
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ campaigns: summaries });
    })
    .get('/:slug', async (c) => {
      const campaign = await liveCampaign(deps, c.req.param('slug'));
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ campaign: toCampaignSummary(campaign) });
    })
    .get('/:slug/pickup-sites', async (c) => {
      // Parse the query first: a malformed ZIP is a 400 whatever the campaign.
      const { zip } = parseInput(pickupQuerySchema, queryObject(c));
      const campaign = await liveCampaign(deps, c.req.param('slug'));
      const origin = zip ? ZIP_INDEX.centroidOf(zip) : undefined;
      if (zip && !origin) {
        throw new NotFoundError('We could not find that ZIP code. Check the number and try again.', 'zip_not_found');
      }
      const stock = await deps.store.stock.forCampaign(campaign.slug);
      const sites = pickupSiteViews(
        campaign.pickupSites,
        stock,
        (site) => site.location ?? ZIP_INDEX.centroidOf(site.address.zip),
        origin ?? undefined,
      );
      // A ZIP says where someone lives: answers to it stay out of shared caches.
      c.header('Cache-Control', zip ? 'private, no-store' : 'public, max-age=60');
      return c.json({ campaign: campaign.slug, ...(zip ? { zip } : {}), sites });
    });

  return routes;
}
