import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { StaffSignInConfig } from '../config.ts';
import { isCrossSite } from '../platform/abuse/cross-site.ts';
import type { AppEnv } from '../platform/http/env.ts';
import type { KeyRing } from '../platform/secrets/key-ring.ts';
import { oauthClient, type OAuthClient } from './sign-in/oauth.ts';
import { csrfMatches, readSession, type SessionCookies } from './sign-in/session.ts';
import { staffTokenVerifier, type TokenCheck } from './sign-in/verifier.ts';

/**
 * Who may use the staff routes. On AWS: Cognito (managed login, MFA) and its access tokens,
 * checked by aws-jwt-verify; for `npm start` and the tests: the local issuer, checked by the same
 * code. Where sign-in is not configured, `denyAllStaff`: no token is ever valid.
 */
export interface StaffAccess {
  /** Who the token proves, or why it proves nothing (the reason is logged, never the token). */
  check(token: string): Promise<TokenCheck>;
  /** The login pages; null where sign-in is not configured. */
  oauth: OAuthClient | null;
}

export const denyAllStaff: StaffAccess = { check: async () => ({ principal: null, refusal: 'not_configured' }), oauth: null };

export function signInStaffAccess(config: StaffSignInConfig): StaffAccess {
  const verifier = staffTokenVerifier(config);
  return { check: (token) => verifier.check(token), oauth: oauthClient(config) };
}

/**
 * The security log of staff sign-in: a refusal at WARN with its reason and where it came from
 * (API bearer token, console cookie, the sign-in callback), a sign-in at INFO. Never the token,
 * the username, an email address or the client's address.
 */
export function logSignInRefused(c: Context<AppEnv>, reason: string, via: 'bearer' | 'cookie' | 'callback' | 'none'): void {
  c.var.logger?.warn('staff sign-in refused', { event: 'staff.sign_in_refused', reason, via });
}

export function logSignedIn(c: Context<AppEnv>): void {
  c.var.logger?.info('staff signed in', { event: 'staff.signed_in' });
}

export interface Credentials {
  token: string;
  via: 'bearer' | 'cookie';
}

/** A bearer token (scripts) or the console's session cookie. */
export function credentialsOf(c: Context, cookies: SessionCookies): Credentials | null {
  const bearer = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer) return { token: bearer, via: 'bearer' };
  const session = readSession(c, cookies);
  return session ? { token: session, via: 'cookie' } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A change made with the session cookie must come from our own pages: not cross-site, and with
 * the session's CSRF token (form field `csrf` or header `X-CSRF-Token`). A bearer token is never
 * sent by a browser on its own, so it needs neither.
 */
export async function refuseForgedChange(c: Context, credentials: Credentials, keyRing: KeyRing, allowedOrigins: readonly string[]): Promise<void> {
  if (credentials.via !== 'cookie' || SAFE_METHODS.has(c.req.method)) return;
  if (isCrossSite({ origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') }, allowedOrigins)) {
    throw new HTTPException(403, { message: 'This change must come from the staff console.' });
  }
  let given = c.req.header('x-csrf-token');
  if (!given && (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    const field = (await c.req.parseBody())['csrf'];
    given = typeof field === 'string' ? field : undefined;
  }
  if (!(await csrfMatches(keyRing, credentials.token, given))) {
    throw new HTTPException(403, { message: 'This form has expired. Go back, reload the page and try again.' });
  }
}

export interface RequireStaffDeps {
  access: StaffAccess;
  keyRing: KeyRing;
  cookies: SessionCookies;
  allowedOrigins: readonly string[];
}

/** Deny by default: no valid token, 401. A forged cookie change, 403. Then `c.var.staff` is set. */
export function requireStaff(deps: RequireStaffDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const credentials = credentialsOf(c, deps.cookies);
    const checked = credentials ? await deps.access.check(credentials.token) : null;
    const principal = checked?.principal ?? null;
    if (!credentials || !principal) {
      logSignInRefused(c, checked && !checked.principal ? checked.refusal : 'no_token', credentials?.via ?? 'none');
      c.header('WWW-Authenticate', 'Bearer');
      throw new HTTPException(401, { message: 'Staff sign-in is required.' });
    }
    await refuseForgedChange(c, credentials, deps.keyRing, deps.allowedOrigins);
    c.set('staff', principal);
    await next();
  };
}
