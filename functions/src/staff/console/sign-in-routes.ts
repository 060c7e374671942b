import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../../platform/http/env.ts';
import { sameSecret } from '../../platform/secrets/key-ring.ts';
import { logSignedIn, logSignInRefused, refuseForgedChange } from '../access.ts';
import { clearSession, codeVerifierFor, sessionCookies, takeSignInState, writeSession, writeSignInState } from '../sign-in/session.ts';
import { consoleHome, consolePage, consoleSession, type ConsoleDeps, type Locale } from './frame.ts';
import { CONSOLE_TEXT } from './text.ts';

/**
 * Sign-in with the authorization-code flow and PKCE: `/staff/sign-in` sends the browser to the
 * login pages (Cognito managed login on AWS: password and TOTP code; the local issuer for
 * `npm start`), `/staff/callback` exchanges the code on the server, checks the token with the same
 * verifier as every API call, and sets the session cookie. Only the OAuth `state` is kept (in a
 * cookie): the PKCE verifier is derived from it with the signing key.
 */
export function signInRoutes(routes: Hono<AppEnv>, deps: ConsoleDeps): void {
  const cookies = sessionCookies(deps.config.siteUrl);
  const redirectUri = `${deps.config.siteUrl}/staff/callback`;
  const origins = [new URL(deps.config.siteUrl).origin, ...deps.config.allowedOrigins.map((o) => new URL(o).origin)];

  for (const locale of ['en', 'es'] as const) {
    const t = CONSOLE_TEXT[locale];
    const prefix = locale === 'es' ? '/es' : '';
    routes.get(`${prefix}/staff/sign-in`, async (c) => {
      if (!deps.access.oauth) return consolePage(c, deps, locale, { title: t.signInTitle, body: html`<p>${t.notSetUp}</p>`, status: 503 });
      // The language rides in the state, so the callback (one URL for both) answers in it.
      const state = `${locale}.${randomBytes(24).toString('base64url')}`;
      writeSignInState(c, cookies, state);
      c.header('Cache-Control', 'no-store');
      return c.redirect(deps.access.oauth.authorizeUrl({ redirectUri, state, codeVerifier: await codeVerifierFor(deps.keyRing, state), locale }), 302);
    });
    routes.post(`${prefix}/staff/sign-out`, async (c) => {
      const session = await consoleSession(c, deps);
      if (session) await refuseForgedChange(c, { token: session.token, via: 'cookie' }, deps.keyRing, origins);
      clearSession(c, cookies);
      // Then the login pages forget the sign-in too (a shared computer must ask for the password
      // again). A page with a refresh, not a redirect: the site's CSP (form-action 'self') would
      // stop a form post from being redirected to the login pages' origin.
      if (deps.access.oauth) c.header('Refresh', `0; url=${deps.access.oauth.logoutUrl(`${deps.config.siteUrl}/staff/`)}`);
      return consolePage(c, deps, locale, { title: t.signedOutTitle, body: html`<p>${t.signedOut}</p><p><a class="button" href="${consoleHome(locale)}">${t.signInButton}</a></p>` });
    });
  }

  routes.get('/staff/callback', async (c) => {
    const expected = takeSignInState(c, cookies);
    const state = c.req.query('state') ?? '';
    const locale: Locale = state.startsWith('es.') ? 'es' : 'en';
    const t = CONSOLE_TEXT[locale];
    const failed = (reason: string) => {
      logSignInRefused(c, reason, 'callback');
      return consolePage(c, deps, locale, {
        title: t.signInTitle,
        body: html`<div class="error-summary" role="alert"><p>${t.signInFailed}</p></div><p><a class="button" href="${consoleHome(locale)}">${t.signInButton}</a></p>`,
        status: 400,
        hasErrors: true,
      });
    };
    const code = c.req.query('code');
    if (!deps.access.oauth) return failed('not_configured');
    if (!expected) return failed('state_missing');
    if (!sameSecret(expected, state)) return failed('state_mismatch');
    // The login pages send the browser back without a code when the person gave up or was refused.
    if (!code) return failed('no_code');
    const tokens = await deps.access.oauth.exchange({ code, codeVerifier: await codeVerifierFor(deps.keyRing, state), redirectUri });
    if (!tokens) return failed('code_exchange_failed');
    const checked = await deps.access.check(tokens.accessToken);
    if (!checked.principal) return failed(checked.refusal);
    writeSession(c, cookies, tokens.accessToken, tokens.expiresIn);
    logSignedIn(c);
    // A page, not a redirect: the browser arrived from the login pages (another site), and a
    // SameSite=Strict cookie is only sent on a navigation that starts on our own site.
    c.header('Refresh', `0; url=${consoleHome(locale)}`);
    return consolePage(c, deps, locale, { title: t.signedInTitle, body: html`<p><a class="button" href="${consoleHome(locale)}">${t.continue}</a></p>` });
  });
}
