import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { isStatusSecret, parseConfirmationCode, type LockRequestRecord } from '../domain/lock-lifecycle.ts';
import type { SiteLocale } from '../domain/locales.ts';
import type { AppDeps } from '../deps.ts';
import { clientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/env.ts';
import { localizeFieldErrors } from '../domain/lock-request.ts';
import type { LockService } from '../services/lock-requests.ts';
import { submitRequestForm } from './lock-form.ts';
import { liveCampaign, residentCampaign } from './live-campaign.ts';

/** Errors in Spanish when the client prefers it (Accept-Language), otherwise English. */
export function apiLocale(c: Context): SiteLocale {
  const first = c.req.header('accept-language')?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first === 'es' || first.startsWith('es-') ? 'es' : 'en';
}

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

/**
 * `POST /api/campaigns/{slug}/lock-requests` (JSON, or a form post with the same field names) and
 * the resident's own `GET …/{code}` and `POST …/{code}/cancel`, which need the status link's
 * secret as `Authorization: Bearer <secret>`.
 */
export function lockRequestRoutes(deps: AppDeps, service: LockService) {
  const routes = new Hono<AppEnv>();

  routes.post('/campaigns/:slug/lock-requests', async (c) => {
    const campaign = await liveCampaign(deps, c.req.param('slug'));
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
      const { language } = await c.req.parseBody(); // cached: the form handler reads it again
      return submitRequestForm(c, deps, service, campaign, language === 'es' ? 'es' : 'en');
    }
    if (type !== 'application/json') throw new HTTPException(415, { message: 'Send JSON (application/json) or a form post.' });
    const body: unknown = await c.req.json().catch(() => {
      throw new ValidationError(localizeFieldErrors({ _: ['body.invalid'] }, apiLocale(c)));
    });
    const result = await service.submit(campaign, body, {
      locale: apiLocale(c),
      idempotencyKey: c.req.header('idempotency-key'),
      clientAddress: clientAddress(c, deps.config.clientIpHeader),
    });
    c.header('Cache-Control', 'no-store');
    // The first request's code, and nothing about how it went: whoever typed the address may not be
    // the person who asked.
    if (result.duplicate) return c.json({ confirmationCode: result.confirmationCode, duplicate: true }, 200);
    return c.json(
      {
        confirmationCode: result.confirmationCode,
        status: result.requestStatus,
        statusUrl: new URL(result.statusPath, deps.config.siteUrl).toString(),
      },
      result.status,
    );
  });

  async function owned(c: Context<AppEnv>) {
    const campaign = await residentCampaign(deps, c.req.param('slug')!);
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
    const record = await service.cancelByResident(campaign, code, secret);
    c.header('Cache-Control', 'no-store');
    return c.json({ request: publicView(record) });
  });

  return routes;
}
