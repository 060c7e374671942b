import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Campaign } from '../domain/campaign.ts';
import { NotFoundError } from '../domain/errors.ts';
import { LOCK_TYPES } from '../domain/pickup-site.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { parseInput, queryObject } from '../platform/http/validate.ts';
import type { LockRouteDeps } from './route-deps.ts';
import { parseConfirmationCode } from './rules/codes.ts';
import { MAIL_POOL, REQUEST_STATUSES, STAFF_TARGETS, type LockRequestRecord } from './rules/lifecycle.ts';

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

/** Everything staff need to fulfil a request, and nothing they don't (no hashes). */
function staffView(r: LockRequestRecord) {
  const { householdKeys: _keys, ...rest } = r;
  return rest;
}

/** The campaign the staff scope middleware checked and loaded (staff/scope.ts). */
const scoped = (c: Context<AppEnv>): Campaign => c.var.campaign!;

/**
 * Staff actions on a campaign's lock requests, mounted under `/api/staff/campaigns/:slug`. Sign-in
 * and the campaign scope are checked before any of these run (staff/); they never see another
 * campaign's data.
 */
export function lockStaffRoutes(deps: Pick<LockRouteDeps, 'service'>) {
  const { service } = deps;
  const codeOf = (c: Context<AppEnv>) => {
    const code = parseConfirmationCode(c.req.param('code') ?? '');
    if (!code) throw new NotFoundError('There is no such request.', 'request_not_found');
    return code;
  };

  return new Hono<AppEnv>()
    .get('/lock-requests', async (c) => {
      const query = parseInput(listQuerySchema, queryObject(c));
      const site = query.site === 'mail' ? MAIL_POOL : query.site;
      const requests = await service.list(scoped(c), { ...(query.status ? { status: query.status } : {}), ...(site ? { siteId: site } : {}) });
      c.header('Cache-Control', 'private, no-store');
      return c.json({ requests: requests.map(staffView) });
    })
    .post('/lock-requests/:code/status', async (c) => {
      const { status } = parseInput(statusBodySchema, await c.req.json().catch(() => null));
      const record = await service.staffMove(scoped(c), codeOf(c), status);
      c.header('Cache-Control', 'no-store');
      return c.json({ request: staffView(record) });
    })
    .post('/stock', async (c) => {
      const body = parseInput(stockBodySchema, await c.req.json().catch(() => null));
      const result = await service.addStock(scoped(c), body.site === 'mail' ? MAIL_POOL : body.site, body.lockType, body.quantity);
      c.header('Cache-Control', 'no-store');
      return c.json({ site: body.site, lockType: result.lockType, stock: result.stock, servedFromWaitlist: result.served });
    })
    .get('/shipping.csv', async (c) => {
      const campaign = scoped(c);
      const csv = await service.shippingCsv(campaign);
      c.header('Cache-Control', 'private, no-store');
      c.header('Content-Disposition', `attachment; filename="${campaign.slug}-shipping.csv"`);
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    });
}
