import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import type { Campaign } from '../../domain/campaign.ts';
import { DomainError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { inLocale } from '../../platform/http/messages.ts';
import { refuseForgedChange } from '../access.ts';
import { campaignsOf, type StaffRole } from '../rules/roles.ts';
import { scopeToCampaign, type StaffRouteContext } from '../scope.ts';
import { renderChart } from './chart-svg.ts';
import { campaignBase, consoleBar, consolePage, consoleSession, type ConsoleDeps, type ConsoleSession, type Html, type Locale } from './frame.ts';
import { lockPages } from './lock-pages.ts';
import { pledgesPerDay } from './pledge-chart.ts';
import { recordPages } from './record-pages.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { CONSOLE_TEXT } from './text.ts';

/** What a console page handler gets: the signed-in session and, for campaign pages, the scope. */
export interface ConsoleRequest {
  c: Context<AppEnv>;
  locale: Locale;
  session: ConsoleSession;
  staff: StaffRouteContext;
}

export type ConsoleHandler = (r: ConsoleRequest) => Promise<Response>;

/**
 * The staff console at `/staff/` and `/es/staff/`: server-rendered pages (no JavaScript needed)
 * in the staff shell, for a phone as much as a desk. Every campaign page declares its role and
 * passes the same scope check as the staff API; every change needs the session's CSRF token.
 */
export function staffConsoleRoutes(deps: ConsoleDeps) {
  const routes = new Hono<AppEnv>();
  const origins = [new URL(deps.config.siteUrl).origin, ...deps.config.allowedOrigins.map((o) => new URL(o).origin)];
  signInRoutes(routes, deps);

  /** A campaign page: signed in (else back to the console's start), the role, then the handler; errors as pages. */
  const campaignPage =
    (locale: Locale, role: StaffRole, handler: ConsoleHandler) =>
    async (c: Context<AppEnv>): Promise<Response> => {
      const t = CONSOLE_TEXT[locale];
      const session = await consoleSession(c, deps);
      if (!session) {
        if (c.req.method === 'GET') return c.redirect(`${locale === 'es' ? '/es' : ''}/staff/`, 303);
        return consolePage(c, deps, locale, { title: t.forbidden, body: html`<p>${t.expired}</p>`, status: 403 });
      }
      try {
        await refuseForgedChange(c, { token: session.token, via: 'cookie' }, deps.keyRing, origins);
        c.set('staff', session.principal);
        const staff = await scopeToCampaign(c, role, deps);
        return await handler({ c, locale, session, staff });
      } catch (error) {
        return errorPage(c, locale, session, error);
      }
    };

  async function errorPage(c: Context<AppEnv>, locale: Locale, session: ConsoleSession, error: unknown) {
    const t = CONSOLE_TEXT[locale];
    const bar = consoleBar(locale, session);
    if (error instanceof HTTPException && error.status === 403) {
      const expired = error.message.startsWith('This form');
      return consolePage(c, deps, locale, { title: t.forbidden, body: html`${bar}<p>${expired ? t.expired : t.forbidden}</p>`, status: 403 });
    }
    if (error instanceof NotFoundError) return consolePage(c, deps, locale, { title: t.notFound, body: html`${bar}<p>${t.notFound}</p>`, status: 404 });
    if (error instanceof ValidationError || (error instanceof DomainError && !(error instanceof NotFoundError))) {
      return consolePage(c, deps, locale, { title: t.invalid, body: html`${bar}<div class="error-summary" role="alert"><p>${inLocale(error.message, locale)}</p></div>`, status: 400, hasErrors: true });
    }
    throw error;
  }

  for (const locale of ['en', 'es'] as const) {
    const t = CONSOLE_TEXT[locale];
    const prefix = locale === 'es' ? '/es' : '';
    routes.get(`${prefix}/staff`, (c) => c.redirect(`${prefix}/staff/`, 301));
    routes.get(`${prefix}/staff/`, async (c) => {
      const session = await consoleSession(c, deps);
      if (!session) {
        const body = deps.access.oauth
          ? html`<p>${t.signInLead}</p><p>${t.signInHint}</p><p><a class="button" href="${prefix}/staff/sign-in">${t.signInButton}</a></p>`
          : html`<p>${t.signInLead}</p><p>${t.notSetUp}</p>`;
        return consolePage(c, deps, locale, { title: t.signInTitle, body });
      }
      const reach = campaignsOf(session.principal);
      const campaigns: Campaign[] = reach === '*' ? await deps.campaigns.listLive() : (await Promise.all(reach.map((slug) => deps.campaigns.get(slug)))).filter((x): x is Campaign => Boolean(x));
      const body = html`${consoleBar(locale, session)}
<h2>${t.pick}</h2>
${campaigns.length ? html`<ul class="staff-list">${campaigns.map((x) => html`<li><a href="${campaignBase(locale, x.slug)}">${x.name}</a></li>`)}</ul>` : html`<p>${t.none}</p>`}`;
      return consolePage(c, deps, locale, { title: t.title, body });
    });

    routes.get(
      `${prefix}/staff/c/:slug/`,
      campaignPage(locale, 'viewer', async ({ c, session, staff }) => {
        const charts = (await Promise.all(deps.charts.map((source) => source(staff.campaign, locale)))).flat();
        const pledges = deps.pledges ? await pledgesPerDay(deps.pledges, staff.campaign, locale, new Date()) : null;
        const body: Html = html`${consoleBar(locale, session, staff.campaign, 'dashboard')}
<h2>${t.dashboard}</h2>
${pledges ? renderChart(pledges, locale) : html`<p>${t.noPledges}</p>`}
${charts.map((chart) => renderChart(chart, locale))}`;
        return consolePage(c, deps, locale, { title: staff.campaign.name, body });
      }),
    );
    lockPages(routes, deps, locale, campaignPage);
    recordPages(routes, deps, locale, campaignPage);
  }
  return routes;
}
