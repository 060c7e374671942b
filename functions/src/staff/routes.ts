import { Hono } from 'hono';
import type { CampaignReader } from '../campaigns/index.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { AppEnv } from '../platform/http/env.ts';
import type { Outbox } from '../platform/outbox/outbox.ts';
import { requireStaff, type StaffAccess } from './access.ts';
import { scopeToCampaign } from './scope.ts';

export interface StaffRouteDeps {
  access: StaffAccess;
  campaigns: CampaignReader;
  outbox: Pick<Outbox, 'dead' | 'requeue'>;
  /** Each capability's staff routes, mounted under `/campaigns/:slug` behind the campaign scope. */
  campaignRoutes: readonly Hono<AppEnv>[];
}

/**
 * `/api/staff`: deny by default (no principal, 401), then scoped per campaign (403), then the
 * capabilities' own staff routes. Failed emails of every topic are listed here, filtered to the
 * principal's campaigns.
 */
export function staffRoutes(deps: StaffRouteDeps) {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireStaff(deps.access));
  routes.use('/campaigns/:slug/*', scopeToCampaign(deps.campaigns));
  for (const campaignRoutes of deps.campaignRoutes) routes.route('/campaigns/:slug', campaignRoutes);

  const mayAct = (allowed: '*' | readonly string[], campaign: string) => allowed === '*' || allowed.includes(campaign);

  routes.get('/emails/failed', async (c) => {
    const allowed = c.var.staff!.campaigns;
    const dead = (await deps.outbox.dead()).filter((e) => mayAct(allowed, e.campaign));
    c.header('Cache-Control', 'private, no-store');
    return c.json({ emails: dead });
  });

  routes.post('/emails/failed/:id/retry', async (c) => {
    const id = c.req.param('id');
    const entry = (await deps.outbox.dead()).find((e) => e.id === id);
    if (!entry || !mayAct(c.var.staff!.campaigns, entry.campaign)) throw new NotFoundError('There is no such failed email.');
    await deps.outbox.requeue(entry.id);
    return c.json({ requeued: entry.id }, 202);
  });

  return routes;
}
