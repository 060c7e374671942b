import { Hono } from 'hono';
import { campaignSlugSchema, toCampaignSummary } from '../domain/campaign.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { parseInput } from '../http/validate.ts';

/** Public campaign directory: only live campaigns, only their public fields. */
export function campaignRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const campaigns = await deps.store.campaigns.listLive();
      const summaries = campaigns.map(toCampaignSummary).sort((a, b) => a.slug.localeCompare(b.slug));
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ campaigns: summaries });
    })
    .get('/:slug', async (c) => {
      const { slug } = parseInput(campaignSlugSchema.transform((s) => ({ slug: s })), c.req.param('slug'));
      const campaign = await deps.store.campaigns.get(slug);
      if (!campaign || campaign.status !== 'live') throw new NotFoundError('There is no live campaign with that name.');
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ campaign: toCampaignSummary(campaign) });
    });
}
