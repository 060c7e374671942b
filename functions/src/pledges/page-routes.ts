import { Hono, type Context } from 'hono';
import { RateLimitedError, REFUSAL_MESSAGES, RefusedError, ValidationError } from '../domain/errors.ts';
import type { SiteLocale } from '../domain/locales.ts';
import { submissionFrom } from '../platform/abuse/from-request.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { pathLocale } from '../platform/http/locale.ts';
import type { ShellName } from '../platform/pages/shells.ts';
import { pledgeFormPage, submitPledgeForm } from './form-routes.ts';
import { brandOf, whereOf, type PledgeRouteDeps, type Where } from './route-deps.ts';
import { localePrefix, NATIONAL_SCOPE, pledgePaths, pledgeScope, shellPath } from './rules/scope.ts';
import { renderBusy, renderCheckEmail, renderCountFrame, renderLinkAction, renderRefused, renderResult, renderThanks, type ResultPage } from './views/pages.ts';

type LinkKind = 'confirm' | 'unsubscribe' | 'delete';

/**
 * The pledge pages, rendered at request time (a fresh form token, live counts, buttons that POST):
 * `/pledge/...` (the national pledge) and `/c/<city>/pledge/...`, in English and Spanish, and the
 * count fragment `.../pledge-count/` that static pages frame. A GET never changes anything: the
 * pages an email's links open show a button, and only its POST acts (RFC 8058 one-click
 * unsubscribe posts to the same address, with no cookie or session).
 */
export function pledgePageRoutes(deps: PledgeRouteDeps) {
  const routes = new Hono<AppEnv>();
  const { service } = deps;

  /** A pledge page in the shell, in the campaign's brand when it is a campaign's. */
  const render = (c: Context<AppEnv>, w: Where, shell: ShellName, locale: SiteLocale, main: string, status: 200 | 400 | 404 | 403 | 429 = 200, path = c.req.path) => {
    c.header('Cache-Control', 'private, no-store');
    return c.html(deps.shells.render(shell, locale, { path: shellPath(path), main, noindex: shell !== 'pledge', ...brandOf(w, locale) }), status);
  };
  const result = (c: Context<AppEnv>, locale: SiteLocale, w: Where, kind: ResultPage) => {
    const form = pledgePaths(w.scope, locale).form;
    // A link that does not work is answered at the pledge's own address: the page never repeats what was sent.
    const failed = kind === 'expired' || kind === 'bad-link';
    return render(c, w, 'pledge-manage', locale, renderResult(locale, kind, form), failed ? 404 : 200, failed ? form : c.req.path);
  };
  const notFound = (c: Context<AppEnv>) => pledgePageNotFound(deps, c);

  for (const locale of ['en', 'es'] as const) {
    const prefix = localePrefix(locale);
    for (const base of ['', '/c/:slug']) {
      const at = `${prefix}${base}/pledge`;
      const where = (c: Context<AppEnv>, accept?: Parameters<typeof whereOf>[2]) => whereOf(deps, c.req.param('slug'), accept);

      routes.get(`${at}/`, async (c) => {
        const w = await where(c);
        return w ? pledgeFormPage(c, deps, w, locale) : notFound(c);
      });
      routes.post(`${at}/`, async (c) => {
        const w = await where(c);
        return w ? submitPledgeForm(c, deps, w, locale) : notFound(c);
      });
      routes.get(`${at}/check-email/`, async (c) => {
        const w = await where(c);
        return w ? render(c, w, 'pledge-manage', locale, renderCheckEmail(locale, c.req.query('next') === 'lock')) : notFound(c);
      });
      routes.get(`${at}/thanks/`, async (c) => {
        const w = await where(c, ['live', 'ended']);
        if (!w) return notFound(c);
        const [here, national] = await Promise.all([w.campaign ? service.counts.scope(w.scope) : Promise.resolve(null), service.counts.national()]);
        return render(c, w, 'pledge-manage', locale, renderThanks(locale, { here, national }, w.campaign?.city));
      });

      // The links in pledge emails: a page with a button (GET), the action (POST). Campaigns that
      // have ended still honour them: people must always be able to leave and delete.
      for (const kind of ['confirm', 'unsubscribe', 'delete'] as const) {
        const path = `${at}/${kind}/:token/`;
        routes.get(path, async (c) => {
          const w = await where(c, ['live', 'ended']);
          if (!w) return notFound(c);
          if (!(await service.isGenuine(w.scope, c.req.param('token') ?? '', kind))) return result(c, locale, w, 'bad-link');
          return render(c, w, 'pledge-manage', locale, renderLinkAction(locale, kind, c.req.path));
        });
        routes.post(path, async (c) => {
          const w = await where(c, ['live', 'ended']);
          if (!w) return notFound(c);
          return linkAction(c, w, locale, kind);
        });
      }

      routes.get(`${prefix}${base}/pledge-count/`, async (c) => {
        const w = await where(c);
        if (!w) return notFound(c);
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
  }

  async function linkAction(c: Context<AppEnv>, w: Where, locale: SiteLocale, kind: LinkKind) {
    const token = c.req.param('token') ?? '';
    // A forged or altered link is refused before anything is read, counted or written.
    if (!(await service.isGenuine(w.scope, token, kind))) return result(c, locale, w, 'bad-link');
    const paths = pledgePaths(w.scope, locale);
    try {
      // The signed link is the proof (no form token). Unsubscribes are not rate limited: mail
      // providers send one-click unsubscribes from shared addresses (submission-guard.ts).
      const proof = kind === 'unsubscribe' ? 'link' : 'secret';
      await deps.guard.admit(submissionFrom(c, deps.config.clientIpHeader, { scope: pledgeScope(w.scope), via: 'form', proof }), locale);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        c.header('Retry-After', String(error.retryAfterSeconds));
        return render(c, w, 'pledge-manage', locale, renderBusy(locale, error.retryAfterSeconds), 429);
      }
      if (error instanceof RefusedError) return render(c, w, 'pledge-manage', locale, renderRefused(locale, REFUSAL_MESSAGES[error.reason][locale], paths.form), 403);
      // Only a script sends a malformed Idempotency-Key here: answered as a refusal, nothing done.
      if (error instanceof ValidationError) return render(c, w, 'pledge-manage', locale, renderRefused(locale, REFUSAL_MESSAGES.trap[locale], paths.form), 400);
      throw error;
    }
    if (kind === 'confirm') {
      const outcome = await service.confirm(w.scope, token);
      if (outcome === 'confirmed' || outcome === 'already') return c.redirect(paths.thanks, 303);
      return result(c, locale, w, outcome === 'gone' ? 'expired' : 'bad-link');
    }
    // RFC 8058: the one-click POST is answered directly (never with a redirect).
    const outcome = kind === 'unsubscribe' ? await service.unsubscribe(w.scope, token) : await service.remove(w.scope, token);
    if (outcome === 'invalid') return result(c, locale, w, 'bad-link');
    return result(c, locale, w, kind === 'unsubscribe' ? 'unsubscribed' : 'deleted');
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
