import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { anyCampaign, type CampaignReader } from '../campaigns/index.ts';
import type { AppEnv } from '../platform/http/env.ts';

/**
 * The one place a staff route is scoped to a campaign: every `/api/staff/campaigns/:slug/...`
 * route runs behind this, so no route can forget the check. A principal without the campaign gets
 * 403 before the campaign is even read; the route then finds it in `c.var.campaign`.
 */
export function scopeToCampaign(campaigns: CampaignReader) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const slug = c.req.param('slug') ?? '';
    const allowed = c.var.staff?.campaigns;
    if (!allowed || (allowed !== '*' && !allowed.includes(slug))) {
      throw new HTTPException(403, { message: 'You do not have access to this campaign.' });
    }
    c.set('campaign', await anyCampaign(campaigns, slug));
    await next();
  });
}
