import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { keyedHash, matchesKeyedHash, type KeyRing } from '../../platform/secrets/key-ring.ts';

/**
 * The staff session is a cookie holding the access token the login pages issued: HttpOnly (no
 * script reads it; nothing is ever put in localStorage), SameSite=Strict (no other site's page can
 * make a browser send it), Secure with the `__Host-` prefix on https (plain http only on a local
 * loopback run). It lasts as long as the token; every request verifies the token again.
 *
 * Changes made with the cookie also need the CSRF token: an HMAC of the session under the signing
 * key, put in every console form (and sent as `X-CSRF-Token` by scripts using the cookie).
 */
export interface SessionCookies {
  secure: boolean;
  session: string;
  signIn: string;
}

export function sessionCookies(siteUrl: string): SessionCookies {
  const secure = new URL(siteUrl).protocol === 'https:';
  return secure
    ? { secure, session: '__Host-lockline-staff', signIn: '__Host-lockline-sign-in' }
    : { secure, session: 'lockline-staff', signIn: 'lockline-sign-in' };
}

const CSRF_LENGTH = 43;

export function readSession(c: Context, cookies: SessionCookies): string | undefined {
  return getCookie(c, cookies.session) || undefined;
}

export function writeSession(c: Context, cookies: SessionCookies, accessToken: string, maxAgeSeconds: number): void {
  setCookie(c, cookies.session, accessToken, { path: '/', httpOnly: true, secure: cookies.secure, sameSite: 'Strict', maxAge: Math.max(60, Math.min(maxAgeSeconds, 86_400)) });
}

export function clearSession(c: Context, cookies: SessionCookies): void {
  deleteCookie(c, cookies.session, { path: '/', httpOnly: true, secure: cookies.secure, sameSite: 'Strict' });
}

/**
 * The short-lived cookie that binds a sign-in to this browser (the OAuth `state`). Lax, not
 * Strict: it must come back on the login pages' redirect, a navigation from another site.
 */
export function writeSignInState(c: Context, cookies: SessionCookies, state: string): void {
  setCookie(c, cookies.signIn, state, { path: '/', httpOnly: true, secure: cookies.secure, sameSite: 'Lax', maxAge: 600 });
}

export function takeSignInState(c: Context, cookies: SessionCookies): string | undefined {
  const state = getCookie(c, cookies.signIn);
  deleteCookie(c, cookies.signIn, { path: '/', httpOnly: true, secure: cookies.secure, sameSite: 'Lax' });
  return state || undefined;
}

export async function csrfToken(ring: KeyRing, session: string): Promise<string> {
  return (await keyedHash(ring, 'csrf', session)).slice(0, CSRF_LENGTH);
}

export async function csrfMatches(ring: KeyRing, session: string, given: string | undefined): Promise<boolean> {
  if (!given || given.length !== CSRF_LENGTH) return false;
  return matchesKeyedHash(ring, 'csrf', session, given, CSRF_LENGTH);
}

/** The PKCE verifier of a sign-in, derived from its state: nothing but the state is kept. */
export async function codeVerifierFor(ring: KeyRing, state: string): Promise<string> {
  return keyedHash(ring, 'sign-in', state);
}
