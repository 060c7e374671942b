import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { liveCampaign, residentCampaign } from '../campaigns/index.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { pickupSiteViews } from '../domain/pickup-site.ts';
import { ZIP_INDEX } from '../domain/zip-data.ts';
import { zipInputSchema } from '../domain/zip.ts';
import { submissionFrom } from '../platform/abuse/from-request.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { apiLocale } from '../platform/http/locale.ts';
import { parseInput, queryObject } from '../platform/http/validate.ts';
import { submitRequestForm } from './form-routes.ts';
import { localizeFieldErrors } from './messages.ts';
import type { LockRouteDeps } from './route-deps.ts';
import { isStatusSecret, parseConfirmationCode } from './rules/codes.ts';
import type { LockRequestRecord } from './rules/lifecycle.ts';
import { lockScope } from './service/submit.ts';

/** What a resident's own client may read about the request: no name, contact or address. */
export function publicView(r: LockRequestRecord) {
  return {
    confirmationCode: r.code,
    status: r.status,
    delivery: r.delivery,
    ...(r.siteId ? { siteId: r.siteId } : {}),
    lockType: r.lockType,
    quantity: r.quantity,
    ...(r.holdUntil && (r.status === 'requested' || r.status === 'ready') ? { holdUntil: r.holdUntil } : {}),
    ...(r.cancelReason ? { cancelReason: r.cancelReason } : {}),
    createdAt: r.createdAt,
    history: r.history,
  };
}

const pickupQuerySchema = z.object({ zip: zipInputSchema.optional() }).strict();

/**
 * The lock API under `/api/campaigns/{slug}`: pickup sites by distance, `POST …/lock-requests`
 * (JSON with a `Form-Token` header, or a form post with the same field names), and the resident's
 * own `GET …/lock-requests/{code}` and `POST …/{code}/cancel`, which need the status link's secret
 * as `Authorization: Bearer <secret>`.
 */
export function lockApiRoutes(deps: LockRouteDeps) {
  const routes = new Hono<AppEnv>();
  const { service, guard, campaigns } = deps;

  routes.get('/campaigns/:slug/pickup-sites', async (c) => {
    // Parse the query first: a malformed ZIP is a 400 whatever the campaign.
    const { zip } = parseInput(pickupQuerySchema, queryObject(c));
    const campaign = await liveCampaign(campaigns, c.req.param('slug'));
    const origin = zip ? ZIP_INDEX.centroidOf(zip) : undefined;
    if (zip && !origin) throw new NotFoundError('We could not find that ZIP code. Check the number and try again.', 'zip_not_found');
    const stock = await deps.stock.forCampaign(campaign.slug);
    const sites = pickupSiteViews(campaign.pickupSites, stock, (site) => site.location ?? ZIP_INDEX.centroidOf(site.address.zip), origin ?? undefined);
    // A ZIP says where someone lives: answers to it stay out of shared caches.
    c.header('Cache-Control', zip ? 'private, no-store' : 'public, max-age=60');
    return c.json({ campaign: campaign.slug, ...(zip ? { zip } : {}), sites });
  });

  routes.post('/campaigns/:slug/lock-requests', async (c) => {
    const campaign = await liveCampaign(campaigns, c.req.param('slug'));
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
      const { language } = await c.req.parseBody(); // cached: the form handler reads it again
      return submitRequestForm(c, deps, campaign, language === 'es' ? 'es' : 'en');
    }
    if (type !== 'application/json') throw new HTTPException(415, { message: 'Send JSON (application/json) or a form post.' });
    const locale = apiLocale(c);
    const scope = lockScope(campaign.slug);
    const admission = await guard.admit(submissionFrom(c, deps.config.clientIpHeader, { scope, via: 'json' }), locale);
    const body: unknown = await c.req.json().catch(() => {
      throw new ValidationError(localizeFieldErrors({ _: ['body.invalid'] }, locale));
    });
    const result = await service.submit(campaign, body, { scope, ...admission }, locale);
    c.header('Cache-Control', 'no-store');
    // The same answer whether or not the household asked before (decision 0012).
    return c.json(
      { confirmationCode: result.confirmationCode, status: result.requestStatus, statusUrl: new URL(result.statusPath, deps.config.siteUrl).toString() },
      result.status,
    );
  });

  async function owned(c: Context<AppEnv>) {
    const campaign = await residentCampaign(campaigns, c.req.param('slug'));
    const code = parseConfirmationCode(c.req.param('code') ?? '');
    const secret = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    // A wrong code, a wrong secret and no such request all look the same.
    if (!code || !isStatusSecret(secret)) throw new NotFoundError('We could not find that request.', 'request_not_found');
    return { campaign, code, secret };
  }

  routes.get('/campaigns/:slug/lock-requests/:code', async (c) => {
    const { campaign, code, secret } = await owned(c);
    const record = await service.forResident(campaign, code, secret);
    if (!record) throw new NotFoundError('We could not find that request.', 'request_not_found');
    c.header('Cache-Control', 'private, no-store');
    return c.json({ request: publicView(record) });
  });

  routes.post('/campaigns/:slug/lock-requests/:code/cancel', async (c) => {
    const { campaign, code, secret } = await owned(c);
    // The private link's secret is the proof here: no form token, but the same cross-site refusal and rate limit.
    await guard.admit(submissionFrom(c, deps.config.clientIpHeader, { scope: lockScope(campaign.slug), via: 'json', proof: 'secret' }), apiLocale(c));
    const record = await service.cancelByResident(campaign, code, secret);
    c.header('Cache-Control', 'no-store');
    return c.json({ request: publicView(record) });
  });

  return routes;
}
