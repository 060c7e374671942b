import { Hono, type Context } from 'hono';
import { CAMPAIGN_PAGE_PREFIXES, routeLanguage } from '../campaigns/index.ts';
import { contentLocale, languagePrefix, sharedPages } from '../domain/campaign-paths.ts';
import { RateLimitedError, REFUSAL_MESSAGES, RefusedError, ValidationError } from '../domain/errors.ts';
import { submissionFrom } from '../platform/abuse/from-request.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { pathLocale } from '../platform/http/locale.ts';
import { shellPath, type ShellName } from '../platform/pages/shells.ts';
import { pledgeFormPage, submitPledgeForm } from './form-routes.ts';
import { brandOf, whereOf, type PledgeRouteDeps, type Where } from './route-deps.ts';
import { NATIONAL_SCOPE, pledgePaths, pledgeScope } from './rules/scope.ts';
import { renderBusy, renderCheckEmail, renderCountFrame, renderLinkAction, renderRefused, renderResult, renderThanks, type ResultPage } from './views/pages.ts';

type LinkKind = 'confirm' | 'unsubscribe' | 'delete';

/**
 * The pledge pages, rendered at request time (a fresh form token, live counts, buttons that POST):
 * `/pledge/...` (the national pledge, in English and Spanish) and `/c/<city>/pledge/...`, in each
 * of the campaign's languages (an added one, `/vi/c/<city>/pledge/`, in English with the
 * campaign's notice), and the count fragment `.../pledge-count/` that static pages frame. A GET never changes anything: the
 * pages an email's links open show a button, and only its POST acts (RFC 8058 one-click
 * unsubscribe posts to the same address, with no cookie or session).
 */
export function pledgePageRoutes(deps: PledgeRouteDeps) {
  const routes = new Hono<AppEnv>();
  const { service } = deps;

  /** A pledge page in the shell, in the campaign's brand when it is a campaign's. */
  const render = (c: Context<AppEnv>, w: Where, shell: ShellName, language: string, main: string, status: 200 | 400 | 404 | 403 | 429 = 200, path = c.req.path) => {
    c.header('Cache-Control', 'private, no-store');
    return c.html(deps.shells.render(shell, contentLocale(language), { path: shellPath(path), main, noindex: shell !== 'pledge', ...brandOf(w, language) }), status);
  };
  const result = (c: Context<AppEnv>, language: string, w: Where, kind: ResultPage) => {
    const form = pledgePaths(w.scope, language).form;
    // A link that does not work is answered at the pledge's own address: the page never repeats what was sent.
    const failed = kind === 'expired' || kind === 'bad-link';
    return render(c, w, 'pledge-manage', language, renderResult(contentLocale(language), kind, form), failed ? 404 : 200, failed ? form : c.req.path);
  };
  const notFound = (c: Context<AppEnv>) => pledgePageNotFound(deps, c);

  // The national pledge in English and Spanish; a campaign's in each of its languages.
  const families = [
    ...CAMPAIGN_PAGE_PREFIXES.filter((p) => p.language).map((p) => ({ ...p, base: '' })),
    ...CAMPAIGN_PAGE_PREFIXES.map((p) => ({ ...p, base: '/c/:slug' })),
  ];
  for (const { prefix, language: fixed, base } of families) {
    const at = `${prefix}${base}/pledge`;
    const languageOf = (c: Context<AppEnv>) => routeLanguage(c, fixed);
    const where = (c: Context<AppEnv>, accept?: Parameters<typeof whereOf>[3]) => whereOf(deps, c.req.param('slug'), languageOf(c), accept);

    routes.get(`${at}/`, async (c) => {
      const w = await where(c);
      return w ? pledgeFormPage(c, deps, w, languageOf(c)) : notFound(c);
    });
    routes.post(`${at}/`, async (c) => {
      const w = await where(c);
      return w ? submitPledgeForm(c, deps, w, languageOf(c)) : notFound(c);
    });
    routes.get(`${at}/check-email/`, async (c) => {
      const w = await where(c);
      if (!w) return notFound(c);
      const language = languageOf(c);
      const locale = contentLocale(language);
      // Someone who asked for a lock where the campaign has no lock programme: the national finder.
      const finder = c.req.query('next') === 'lock' ? `${languagePrefix(locale)}/get-a-lock/` : null;
      return render(c, w, 'pledge-manage', language, renderCheckEmail(locale, finder));
    });
    routes.get(`${at}/thanks/`, async (c) => {
      const w = await where(c, ['live', 'ended']);
      if (!w) return notFound(c);
      const language = languageOf(c);
      const locale = contentLocale(language);
      const [here, national] = await Promise.all([w.campaign ? service.counts.scope(w.scope) : Promise.resolve(null), service.counts.national()]);
      const next = { finder: `${languagePrefix(locale)}/get-a-lock/`, shared: sharedPages(w.campaign?.slug ?? null, language) };
      return render(c, w, 'pledge-manage', language, renderThanks(locale, { here, national }, next, w.campaign?.city));
    });

    // The links in pledge emails: a page with a button (GET), the action (POST). Campaigns that
    // have ended still honour them: people must always be able to leave and delete.
    for (const kind of ['confirm', 'unsubscribe', 'delete'] as const) {
      const path = `${at}/${kind}/:token/`;
      routes.get(path, async (c) => {
        const w = await where(c, ['live', 'ended']);
        if (!w) return notFound(c);
        const language = languageOf(c);
        if (!(await service.isGenuine(w.scope, c.req.param('token') ?? '', kind))) return result(c, language, w, 'bad-link');
        return render(c, w, 'pledge-manage', language, renderLinkAction(contentLocale(language), kind, c.req.path));
      });
      routes.post(path, async (c) => {
        const w = await where(c, ['live', 'ended']);
        return w ? linkAction(c, w, languageOf(c), kind) : notFound(c);
      });
    }

    routes.get(`${prefix}${base}/pledge-count/`, async (c) => {
      const w = await where(c);
      if (!w) return notFound(c);
      const locale = contentLocale(languageOf(c));
      const [here, national] = await Promise.all([w.campaign ? service.counts.scope(w.scope) : Promise.resolve(null), service.counts.national()]);
      c.set('frameable', true);
      // Shared caches may keep it as long as the in-memory count: the same for everyone.
      c.header('Cache-Control', 'public, max-age=15');
      const main = renderCountFrame(locale, { here, national }, w.campaign?.city);
      return c.html(deps.shells.render('pledge-count', locale, { path: shellPath(c.req.path), main, noindex: true }));
    });
    // The raw path, still percent-encoded: a decoded one can hold characters no header may carry (a NUL).
    routes.get(at, (c) => c.redirect(`${new URL(c.req.url).pathname}/`, 301));
  }

  async function linkAction(c: Context<AppEnv>, w: Where, language: string, kind: LinkKind) {
    const locale = contentLocale(language);
    const token = c.req.param('token') ?? '';
    // A forged or altered link is refused before anything is read, counted or written.
    if (!(await service.isGenuine(w.scope, token, kind))) return result(c, language, w, 'bad-link');
    const paths = pledgePaths(w.scope, language);
    try {
      // The signed link is the proof (no form token). Unsubscribes are not rate limited: mail
      // providers send one-click unsubscribes from shared addresses (submission-guard.ts).
      const proof = kind === 'unsubscribe' ? 'link' : 'secret';
      await deps.guard.admit(submissionFrom(c, deps.config.clientIpHeader, { scope: pledgeScope(w.scope), via: 'form', proof }), locale);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        c.header('Retry-After', String(error.retryAfterSeconds));
        return render(c, w, 'pledge-manage', language, renderBusy(locale, error.retryAfterSeconds), 429);
      }
      if (error instanceof RefusedError) return render(c, w, 'pledge-manage', language, renderRefused(locale, REFUSAL_MESSAGES[error.reason][locale], paths.form), 403);
      // Only a script sends a malformed Idempotency-Key here: answered as a refusal, nothing done.
      if (error instanceof ValidationError) return render(c, w, 'pledge-manage', language, renderRefused(locale, REFUSAL_MESSAGES.trap[locale], paths.form), 400);
      throw error;
    }
    if (kind === 'confirm') {
      const outcome = await service.confirm(w.scope, token);
      if (outcome === 'confirmed' || outcome === 'already') return c.redirect(paths.thanks, 303);
      return result(c, language, w, outcome === 'gone' ? 'expired' : 'bad-link');
    }
    // RFC 8058: the one-click POST is answered directly (never with a redirect).
    const outcome = kind === 'unsubscribe' ? await service.unsubscribe(w.scope, token) : await service.remove(w.scope, token);
    if (outcome === 'invalid') return result(c, language, w, 'bad-link');
    return result(c, language, w, kind === 'unsubscribe' ? 'unsubscribed' : 'deleted');
  }

  return routes;
}

/** An unknown campaign or path under the pledge pages: a page with the layout and crisis lines. */
export function pledgePageNotFound(deps: Pick<PledgeRouteDeps, 'shells'>, c: Context<AppEnv>) {
  const locale = pathLocale(c.req.path);
  c.header('Cache-Control', 'no-store');
  const main = renderResult(locale, 'bad-link', pledgePaths(NATIONAL_SCOPE, locale).form);
  return c.html(deps.shells.render('pledge-manage', locale, { path: shellPath(pledgePaths(NATIONAL_SCOPE, locale).form), main, noindex: true }), 404);
}
