import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { campaignSlugSchema, type Campaign } from '../domain/campaign.ts';
import type { SiteLocale } from '../domain/locales.ts';
import { pickupSiteViews, type PickupSiteView } from '../domain/pickup-site.ts';
import { ZIP_INDEX } from '../domain/zip-data.ts';
import { ZIP_TEXT, zipInputSchema } from '../domain/zip.ts';
import type { AppDeps } from '../deps.ts';
import type { AppEnv } from '../http/env.ts';
import { renderFinderMain, renderFinderProblem } from '../pages/get-a-lock.ts';
import { isStatusSecret, parseConfirmationCode } from '../domain/lock-lifecycle.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { renderStatus, renderStatusNotFound } from '../pages/lock-status.ts';
import { CRISIS_ACTION } from '../pages/parts.ts';
import type { LockService } from '../services/lock-requests.ts';
import { finderHome, localePrefix, lockPaths } from '../domain/lock-paths.ts';
import { requestFormPage, shellPath, submitRequestForm } from './lock-form.ts';

/**
 * The lock finder pages, rendered at request time because stock changes: `/get-a-lock/` (every
 * live campaign) and `/c/<city>/get-a-lock/`, each in English and Spanish. A plain GET form: no
 * JavaScript, and an invalid ZIP re-renders the page with the GOV.UK error pattern.
 */
export function lockPageRoutes(deps: AppDeps, service: LockService) {
  const routes = new Hono<AppEnv>();

  /** The campaign a page names, or a 404 page (unknown, draft or ended campaigns look the same). */
  async function pageCampaign(c: Context<AppEnv>, locale: SiteLocale, accept: readonly Campaign['status'][] = ['live']): Promise<Campaign | Response> {
    const parsed = z.object({ slug: campaignSlugSchema }).safeParse({ slug: c.req.param('slug') });
    const campaign = parsed.success ? await deps.store.campaigns.get(parsed.data.slug) : null;
    if (campaign && accept.includes(campaign.status)) return campaign;
    return lockPageNotFound(deps, c);
  }

  async function page(c: Context<AppEnv>, locale: SiteLocale, slug?: string) {
    let campaigns: Campaign[];
    if (slug) {
      const campaign = await pageCampaign(c, locale);
      if (campaign instanceof Response) return campaign;
      campaigns = [campaign];
    } else {
      campaigns = await deps.store.campaigns.listLive();
    }

    const zipInput = c.req.query('zip');
    let zip: string | undefined;
    let zipError: string | undefined;
    if (zipInput !== undefined && zipInput.trim() !== '') {
      const parsed = zipInputSchema.safeParse(zipInput);
      if (!parsed.success) zipError = ZIP_TEXT.invalid[locale];
      else if (!ZIP_INDEX.centroidOf(parsed.data)) zipError = ZIP_TEXT.unknown[locale];
      else zip = parsed.data;
    }
    const origin = zip ? (ZIP_INDEX.centroidOf(zip) ?? undefined) : undefined;

    const sites: (PickupSiteView & { campaignName?: string })[] = [];
    // Every campaign's stock at once: one query each, in parallel.
    const stocks = await Promise.all(campaigns.map((campaign) => deps.store.stock.forCampaign(campaign.slug)));
    for (const [i, campaign] of campaigns.entries()) {
      const stock = stocks[i]!;
      const views = pickupSiteViews(campaign.pickupSites, stock, (s) => s.location ?? ZIP_INDEX.centroidOf(s.address.zip), origin);
      const request = lockPaths(campaign.slug, locale).request;
      sites.push(
        ...views.map((v) => ({ ...v, requestHref: `${request}?site=${v.id}`, ...(slug ? {} : { campaignName: campaign.name }) })),
      );
    }
    if (origin) sites.sort((a, b) => (a.distanceMiles ?? Infinity) - (b.distanceMiles ?? Infinity));

    const path = slug ? `c/${slug}/get-a-lock` : 'get-a-lock';
    const main = renderFinderMain({
      locale,
      city: slug ? campaigns[0]?.city : undefined,
      zip,
      zipInput: zipError ? zipInput : undefined,
      zipError,
      sites,
      ...(slug && campaigns[0]?.locks.mail.enabled ? { mailRequestHref: `${lockPaths(slug, locale).request}` } : {}),
      storagePath: locale === 'es' ? '/es/safe-storage/' : '/safe-storage/',
    });
    c.header('Cache-Control', 'private, no-store');
    return c.html(deps.shells.render('get-a-lock', locale, { path, main, hasErrors: Boolean(zipError) }), zipError ? 400 : 200);
  }

  routes.get('/get-a-lock/', (c) => page(c, 'en'));
  routes.get('/es/get-a-lock/', (c) => page(c, 'es'));
  routes.get('/c/:slug/get-a-lock/', (c) => page(c, 'en', c.req.param('slug')));
  routes.get('/es/c/:slug/get-a-lock/', (c) => page(c, 'es', c.req.param('slug')));
  // The request form: GET shows it (a finder link preselects the site), POST sends it.
  for (const locale of ['en', 'es'] as const) {
    const prefix = localePrefix(locale);
    routes.get(`${prefix}/c/:slug/get-a-lock/request/`, async (c) => {
      const campaign = await pageCampaign(c, locale);
      if (campaign instanceof Response) return campaign;
      const site = c.req.query('site');
      return requestFormPage(c, deps, service, campaign, locale, site && campaign.pickupSites.some((s) => s.id === site) ? { siteId: site } : {});
    });
    routes.post(`${prefix}/c/:slug/get-a-lock/request/`, async (c) => {
      const campaign = await pageCampaign(c, locale);
      if (campaign instanceof Response) return campaign;
      return submitRequestForm(c, deps, service, campaign, locale);
    });

    // The private status page and its cancel button (a POST: a GET never changes anything).
    const statusPage = async (c: Context<AppEnv>, cancel: boolean) => {
      // Status links keep working after a campaign ends: it still ships what was asked for.
      const campaign = await pageCampaign(c, locale, ['live', 'ended']);
      if (campaign instanceof Response) return campaign;
      const paths = lockPaths(campaign.slug, locale);
      const code = parseConfirmationCode(c.req.param('code') ?? '');
      const secret = c.req.param('secret') ?? '';
      c.header('Cache-Control', 'private, no-store');
      const notFound = () =>
        c.html(deps.shells.render('lock-status', locale, { path: shellPath(paths.request), main: renderStatusNotFound(locale, paths.request), noindex: true }), 404);
      if (!code || !isStatusSecret(secret)) return notFound();
      if (cancel) {
        try {
          await service.cancelByResident(campaign, code, secret);
        } catch (error) {
          if (error instanceof NotFoundError) return notFound();
          if (!(error instanceof ConflictError)) throw error;
        }
        return c.redirect(paths.status(code, secret), 303);
      }
      const record = await service.forResident(campaign, code, secret);
      if (!record) return notFound();
      const path = shellPath(paths.status(code, secret));
      const main = renderStatus({ locale, campaign, record, cancelAction: `${paths.status(code, secret)}cancel`, requestPath: paths.request });
      return c.html(deps.shells.render('lock-status', locale, { path, main, noindex: true }), 200);
    };
    routes.get(`${prefix}/c/:slug/get-a-lock/status/:code/:secret/`, (c) => statusPage(c, false));
    routes.post(`${prefix}/c/:slug/get-a-lock/status/:code/:secret/cancel`, (c) => statusPage(c, true));
  }

  // The same pages without the trailing slash the static site uses everywhere.
  routes.get('/get-a-lock', (c) => c.redirect(`/get-a-lock/${new URL(c.req.url).search}`, 301));
  routes.get('/es/get-a-lock', (c) => c.redirect(`/es/get-a-lock/${new URL(c.req.url).search}`, 301));
  return routes;
}

/** A lock page that cannot be shown, as a page with the layout and crisis lines, not JSON. */
function problemPage(deps: AppDeps, c: Context<AppEnv>, kind: 'not-found' | 'error', status: 404 | 500) {
  const locale: SiteLocale = c.req.path.startsWith('/es/') ? 'es' : 'en';
  c.header('Cache-Control', 'no-store');
  const main = renderFinderProblem(locale, kind, finderHome(locale));
  return c.html(deps.shells.render('get-a-lock', locale, { path: 'get-a-lock', main }), status);
}

/** An unknown campaign or path under the lock pages. */
export const lockPageNotFound = (deps: AppDeps, c: Context<AppEnv>) => problemPage(deps, c, 'not-found', 404);

/** A page-route failure (logged with the request id by the caller). */
export function lockPageError(deps: AppDeps, c: Context<AppEnv>) {
  try {
    return problemPage(deps, c, 'error', 500);
  } catch {
    return c.text(`Something went wrong. ${CRISIS_ACTION.en}`, 500);
  }
}

/** Paths this router answers: the local server (and CloudFront) send them to the app, not the static site. */
export const LOCK_PAGE_PATH = /^(?:\/es)?(?:\/c\/[a-z0-9-]+)?\/get-a-lock(?:\/.*)?$/;
