import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { Campaign } from '../domain/campaign.ts';
import { NotFoundError } from '../domain/errors.ts';
import { MAIL_POOL, parseConfirmationCode, REQUEST_STATUSES, STAFF_TARGETS, type LockRequestRecord } from '../domain/lock-lifecycle.ts';
import { LOCK_TYPES } from '../domain/pickup-site.ts';
import type { AppDeps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { requireStaff } from '../http/staff-access.ts';
import { parseInput, queryObject } from '../http/validate.ts';
import type { LockService } from '../services/lock-requests.ts';
import { anyCampaign } from './live-campaign.ts';

const listQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    site: z.string().max(40).optional(),
  })
  .strict();

const statusBodySchema = z.object({ status: z.enum(STAFF_TARGETS) }).strict();

const stockBodySchema = z
  .object({
    /** A pickup site's id, or "mail" for the mail programme. */
    site: z.string().min(1).max(40),
    lockType: z.enum(LOCK_TYPES),
    quantity: z.number().int().min(1).max(10_000),
  })
  .strict();

/** Everything staff need to fulfil a request, and nothing they don't (no secret, no hashes). */
function staffView(r: LockRequestRecord) {
  const { statusSecret: _secret, householdKeys: _keys, ...rest } = r;
  return rest;
}

/**
 * Staff actions on a campaign's lock requests. Deny by default: every route needs a staff
 * principal (none exists on AWS until staff sign-in lands) with access to the campaign.
 */
export function staffRoutes(deps: AppDeps, service: LockService) {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireStaff(deps.staffAccess));

  async function campaignFor(c: Context<AppEnv>): Promise<Campaign> {
    const slug = c.req.param('slug') ?? '';
    const allowed = c.var.staff!.campaigns;
    if (allowed !== '*' && !allowed.includes(slug)) throw new HTTPException(403, { message: 'You do not have access to this campaign.' });
    return anyCampaign(deps, slug);
  }

  const codeOf = (c: Context<AppEnv>) => {
    const code = parseConfirmationCode(c.req.param('code') ?? '');
    if (!code) throw new NotFoundError('There is no such request.', 'request_not_found');
    return code;
  };

  routes.get('/campaigns/:slug/lock-requests', async (c) => {
    const query = parseInput(listQuerySchema, queryObject(c));
    const campaign = await campaignFor(c);
    const site = query.site === 'mail' ? MAIL_POOL : query.site;
    const requests = await service.list(campaign, { ...(query.status ? { status: query.status } : {}), ...(site ? { siteId: site } : {}) });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ requests: requests.map(staffView) });
  });

  routes.post('/campaigns/:slug/lock-requests/:code/status', async (c) => {
    const { status } = parseInput(statusBodySchema, await c.req.json().catch(() => null));
    const campaign = await campaignFor(c);
    const record = await service.staffMove(campaign, codeOf(c), status);
    c.header('Cache-Control', 'no-store');
    return c.json({ request: staffView(record) });
  });

  routes.post('/campaigns/:slug/stock', async (c) => {
    const body = parseInput(stockBodySchema, await c.req.json().catch(() => null));
    const campaign = await campaignFor(c);
    const result = await service.addStock(campaign, body.site === 'mail' ? MAIL_POOL : body.site, body.lockType, body.quantity);
    c.header('Cache-Control', 'no-store');
    return c.json({ site: body.site, lockType: result.lockType, stock: result.stock, servedFromWaitlist: result.served });
  });

  routes.get('/campaigns/:slug/shipping.csv', async (c) => {
    const campaign = await campaignFor(c);
    const csv = await service.shippingCsv(campaign);
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Disposition', `attachment; filename="${campaign.slug}-shipping.csv"`);
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  routes.get('/emails/failed', async (c) => {
    const allowed = c.var.staff!.campaigns;
    const dead = (await deps.store.outbox.dead()).filter((e) => allowed === '*' || allowed.includes(e.campaign));
    c.header('Cache-Control', 'private, no-store');
    return c.json({ emails: dead });
  });

  routes.post('/emails/failed/:id/retry', async (c) => {
    const id = c.req.param('id');
    const allowed = c.var.staff!.campaigns;
    const entry = (await deps.store.outbox.dead()).find((e) => e.id === id);
    if (!entry || (allowed !== '*' && !allowed.includes(entry.campaign))) throw new NotFoundError('There is no such failed email.');
    await deps.store.outbox.retry(entry.id);
    return c.json({ requeued: entry.id }, 202);
  });

  return routes;
}
