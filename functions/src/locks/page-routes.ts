import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CAMPAIGN_PAGE_PREFIXES, campaignShellBrand, pageCampaign, routeLanguage } from '../campaigns/index.ts';
import { withRetiredSites, type Campaign } from '../domain/campaign.ts';
import { contentLocale, sharedPages } from '../domain/campaign-paths.ts';
import { ConflictError, NotFoundError, RateLimitedError, RefusedError, ValidationError } from '../domain/errors.ts';
import type { SiteLocale } from '../domain/locales.ts';
import { pickupSiteViews, type PickupSiteView } from '../domain/pickup-site.ts';
import { ZIP_INDEX } from '../domain/zip-data.ts';
import { ZIP_TEXT, zipInputSchema } from '../domain/zip.ts';
import { submissionFrom } from '../platform/abuse/from-request.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { pathLocale } from '../platform/http/locale.ts';
import { CRISIS_ACTION } from '../platform/pages/parts.ts';
import { shellPath, type Shells } from '../platform/pages/shells.ts';
import { requestFormPage, submitRequestForm } from './form-routes.ts';
import type { LockRouteDeps } from './route-deps.ts';
import { isStatusSecret, parseConfirmationCode } from './rules/codes.ts';
import { finderHome, lockPaths } from './rules/paths.ts';
import { lockScope } from './service/submit.ts';
import { renderFinderMain, renderFinderProblem } from './views/finder.ts';
import { renderRateLimited, renderRefused, renderStatus, renderStatusNotFound } from './views/status.ts';

/**
 * The lock pages, rendered at request time because stock changes: the finder `/get-a-lock/` (every
 * live campaign, English and Spanish) and a campaign's finder, request form and private status
 * page, in each of the campaign's languages (`/c/<city>/get-a-lock/`, `/es/...`, `/vi/...` in
 * English with the campaign's notice). A plain GET form: no JavaScript, and an invalid ZIP
 * re-renders the page with the GOV.UK error pattern.
 */
export function lockPageRoutes(deps: LockRouteDeps) {
  const routes = new Hono<AppEnv>();
  const { service } = deps;

  /**
   * The campaign a page names, or a 404 page: unknown, draft or ended campaigns look the same, and
   * so does a language the campaign does not list.
   */
  async function campaignOr404(c: Context<AppEnv>, language: string, accept: readonly Campaign['status'][] = ['live']): Promise<Campaign | Response> {
    return (await pageCampaign(deps.campaigns, c.req.param('slug'), language, accept)) ?? lockPageNotFound(deps.shells, c);
  }

  async function page(c: Context<AppEnv>, language: string, slug?: string) {
    const locale = contentLocale(language);
    let campaigns: Campaign[];
    if (slug) {
      const campaign = await campaignOr404(c, language);
      if (campaign instanceof Response) return campaign;
      campaigns = [campaign];
    } else {
      campaigns = await deps.campaigns.listLive();
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
    const stocks = await Promise.all(campaigns.map((campaign) => deps.stock.forCampaign(campaign.slug)));
    for (const [i, campaign] of campaigns.entries()) {
      const stock = stocks[i]!;
      const views = pickupSiteViews(campaign.pickupSites, stock, (s) => s.location ?? ZIP_INDEX.centroidOf(s.address.zip), origin);
      const request = lockPaths(campaign.slug, language).request;
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
      ...(slug && campaigns[0]?.locks.mail.enabled ? { mailRequestHref: `${lockPaths(slug, language).request}` } : {}),
      storagePath: sharedPages(slug ?? null, language)('/safe-storage/'),
    });
    c.header('Cache-Control', 'private, no-store');
    const brand = slug && campaigns[0] ? { brand: campaignShellBrand(campaigns[0], language) } : {};
    return c.html(deps.shells.render('get-a-lock', locale, { path, main, hasErrors: Boolean(zipError), ...brand }), zipError ? 400 : 200);
  }

  routes.get('/get-a-lock/', (c) => page(c, 'en'));
  routes.get('/es/get-a-lock/', (c) => page(c, 'es'));
  // A campaign's pages, in each of its languages.
  for (const { prefix, language: fixed } of CAMPAIGN_PAGE_PREFIXES) {
    routes.get(`${prefix}/c/:slug/get-a-lock/`, (c) => page(c, routeLanguage(c, fixed), c.req.param('slug')));
    // The request form: GET shows it (a finder link preselects the site), POST sends it.
    routes.get(`${prefix}/c/:slug/get-a-lock/request/`, async (c) => {
      const language = routeLanguage(c, fixed);
      const campaign = await campaignOr404(c, language);
      if (campaign instanceof Response) return campaign;
      const site = c.req.query('site');
      return requestFormPage(c, deps, campaign, language, site && campaign.pickupSites.some((s) => s.id === site) ? { siteId: site } : {});
    });
    routes.post(`${prefix}/c/:slug/get-a-lock/request/`, async (c) => {
      const language = routeLanguage(c, fixed);
      const campaign = await campaignOr404(c, language);
      if (campaign instanceof Response) return campaign;
      return submitRequestForm(c, deps, campaign, language);
    });

    // The private status page and its cancel button (a POST: a GET never changes anything).
    const statusPage = async (c: Context<AppEnv>, cancel: boolean) => {
      const language = routeLanguage(c, fixed);
      const locale = contentLocale(language);
      // Status links keep working after a campaign ends: it still ships what was asked for.
      const campaign = await campaignOr404(c, language, ['live', 'ended']);
      if (campaign instanceof Response) return campaign;
      const paths = lockPaths(campaign.slug, language);
      const brand = campaignShellBrand(campaign, language);
      const code = parseConfirmationCode(c.req.param('code') ?? '');
      const secret = c.req.param('secret') ?? '';
      c.header('Cache-Control', 'private, no-store');
      const notFound = () =>
        c.html(deps.shells.render('lock-status', locale, { path: shellPath(paths.request), main: renderStatusNotFound(locale, paths.request), noindex: true, brand }), 404);
      if (!code || !isStatusSecret(secret)) return notFound();
      if (cancel) {
        try {
          // The private link is the proof: the cancel button carries no form token.
          const submission = submissionFrom(c, deps.config.clientIpHeader, { scope: lockScope(campaign.slug), via: 'form', proof: 'secret' });
          await deps.guard.admit(submission, locale);
          await service.cancelByResident(campaign, code, secret);
        } catch (error) {
          if (error instanceof NotFoundError) return notFound();
          // Only a script sends a malformed Idempotency-Key here: answered as a refusal, nothing done.
          if (error instanceof ValidationError) {
            return c.html(deps.shells.render('lock-status', locale, { path: shellPath(paths.request), main: renderRefused(locale, 'trap'), noindex: true, brand }), 400);
          }
          if (error instanceof RateLimitedError || error instanceof RefusedError) {
            const main = error instanceof RateLimitedError ? renderRateLimited(locale, error.retryAfterSeconds) : renderRefused(locale, error.reason);
            if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
            return c.html(deps.shells.render('lock-status', locale, { path: shellPath(paths.request), main, noindex: true, brand }), error instanceof RateLimitedError ? 429 : 403);
          }
          if (!(error instanceof ConflictError)) throw error;
        }
        return c.redirect(paths.status(code, secret), 303);
      }
      const record = await service.forResident(campaign, code, secret);
      if (!record) return notFound();
      const path = shellPath(paths.status(code, secret));
      // A site removed from the campaign file still shows on the requests made for it.
      const main = renderStatus({
        locale,
        campaign: withRetiredSites(campaign),
        record,
        cancelAction: `${paths.status(code, secret)}cancel`,
        requestPath: paths.request,
        storagePath: sharedPages(campaign.slug, language)('/safe-storage/'),
      });
      return c.html(deps.shells.render('lock-status', locale, { path, main, noindex: true, brand }), 200);
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
function problemPage(shells: Shells, c: Context<AppEnv>, kind: 'not-found' | 'refused' | 'error', status: ContentfulStatusCode) {
  const locale: SiteLocale = pathLocale(c.req.path);
  c.header('Cache-Control', 'no-store');
  const main = renderFinderProblem(locale, kind, finderHome(locale));
  return c.html(shells.render('get-a-lock', locale, { path: 'get-a-lock', main }), status);
}

/** An unknown campaign or path under the lock pages. */
export const lockPageNotFound = (shells: Shells, c: Context<AppEnv>) => problemPage(shells, c, 'not-found', 404);

/** A request refused before a route answered it (too large, unreadable, forged): its 4xx status, as a page. */
export const lockPageRefused = (shells: Shells, c: Context<AppEnv>, status: ContentfulStatusCode) => problemPage(shells, c, 'refused', status);

/** A page-route failure (logged with the request id by the caller). */
export function lockPageError(shells: Shells, c: Context<AppEnv>) {
  try {
    return problemPage(shells, c, 'error', 500);
  } catch {
    return c.text(`Something went wrong. ${CRISIS_ACTION.en}`, 500);
  }
}
