import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { liveCampaign } from '../campaigns/index.ts';
import { UnavailableError, ValidationError } from '../domain/errors.ts';
import { submissionFrom } from '../platform/abuse/from-request.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { apiLocale } from '../platform/http/locale.ts';
import { parseInput, queryObject } from '../platform/http/validate.ts';
import { submitPledgeForm } from './form-routes.ts';
import { CHECK_EMAIL, localizeFieldErrors } from './messages.ts';
import { hasLocks, type PledgeRouteDeps, type Where } from './route-deps.ts';
import { NATIONAL_SCOPE, pledgePaths, pledgeScope } from './rules/scope.ts';

/**
 * The pledge API: `POST /api/pledges` (the national pledge) and `POST /api/campaigns/{slug}/pledges`
 * take JSON (with a `Form-Token` header) or a form post with the same field names, and answer 202
 * with what a client needs next, identically for a first pledge and a repeat. `GET
 * /api/pledges/count` and `GET /api/campaigns/{slug}/pledges/count` answer `{ "confirmed": N }`,
 * briefly cached.
 */
export function pledgeApiRoutes(deps: PledgeRouteDeps) {
  const routes = new Hono<AppEnv>();
  const { service, guard } = deps;
  const absolute = (path: string) => new URL(path, deps.config.siteUrl).toString();

  async function post(c: Context<AppEnv>, where: Where) {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
      const { language } = await c.req.parseBody(); // cached: the form handler reads it again
      return submitPledgeForm(c, deps, where, language === 'es' ? 'es' : 'en');
    }
    if (type !== 'application/json') throw new HTTPException(415, { message: 'Send JSON (application/json) or a form post.' });
    const locale = apiLocale(c);
    const scope = pledgeScope(where.scope);
    const admission = await guard.admit(submissionFrom(c, deps.config.clientIpHeader, { scope, via: 'json' }), locale);
    const body: unknown = await c.req.json().catch(() => {
      throw new ValidationError(localizeFieldErrors({ _: ['body.invalid'] }, locale));
    });
    const { input } = await service.sign(where.scope, where.campaign, body, { scope, ...admission }, locale);
    const paths = pledgePaths(where.scope, locale);
    // Built from what the client sent, never from what is stored: the same for a first pledge and a repeat.
    const next = !input.wantsLock
      ? {}
      : hasLocks(where.campaign)
        ? {
            lockRequest: {
              form: absolute(`${paths.form.replace(/pledge\/$/, 'get-a-lock/request/')}`),
              api: absolute(`/api/campaigns/${where.scope}/lock-requests`),
              prefill: { name: input.name, email: input.email, address: { zip: input.zip }, language: input.language },
            },
          }
        : { lockFinder: absolute(`${locale === 'es' ? '/es' : ''}/get-a-lock/`) };
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'check_email', message: CHECK_EMAIL[locale], ...next }, 202);
  }

  async function count(c: Context<AppEnv>, read: () => Promise<number | null>) {
    parseInput(z.object({}).strict(), queryObject(c));
    const confirmed = await read();
    if (confirmed === null) throw new UnavailableError('The count cannot be read right now. Please try again soon.');
    c.header('Cache-Control', 'public, max-age=15');
    return c.json({ confirmed });
  }

  routes.post('/pledges', (c) => post(c, { scope: NATIONAL_SCOPE, campaign: null }));
  routes.post('/campaigns/:slug/pledges', async (c) => {
    const campaign = await liveCampaign(deps.campaigns, c.req.param('slug'));
    return post(c, { scope: campaign.slug, campaign });
  });
  routes.get('/pledges/count', (c) => count(c, () => service.counts.national()));
  routes.get('/campaigns/:slug/pledges/count', async (c) => {
    const campaign = await liveCampaign(deps.campaigns, c.req.param('slug'));
    return count(c, () => service.counts.scope(campaign.slug));
  });
  return routes;
}
