import { Hono } from 'hono';
import { toCampaignSummary } from '../domain/campaign.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { liveCampaign } from './lookup.ts';
import type { CampaignReader } from './ports.ts';

/** Public campaign directory (`/api/campaigns`): only live campaigns, only their public fields. */
export function campaignRoutes(campaigns: CampaignReader) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const live = await campaigns.listLive();
      const summaries = live.map(toCampaignSummary).sort((a, b) => a.slug.localeCompare(b.slug));
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ campaigns: summaries });
    })
    .get('/:slug', async (c) => {
      const campaign = await liveCampaign(campaigns, c.req.param('slug'));
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ campaign: toCampaignSummary(campaign) });
    });
}
