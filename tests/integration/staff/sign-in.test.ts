import { generateKeyPair, exportJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../support/builders.ts';
import { mintStaffToken, signInThroughIssuer } from '../../support/staff-sign-in.ts';
import type { LockHarness } from '../lock-support.ts';
import { bearer, groupsFor, issuer, tokenFor, twoCampaigns } from './staff-support.ts';

const LIST = '/api/staff/campaigns/lockton/lock-requests';
const now = () => Math.floor(Date.now() / 1000);

describe('staff tokens (aws-jwt-verify against the local issuer)', () => {
  let h: LockHarness;
  beforeAll(async () => {
    h = await twoCampaigns();
  });
  const status = async (token: string) => (await h.app.request(LIST, { headers: bearer(token) })).status;

  it('accepts a current access token of our client with the role', async () => {
    expect(await status(await tokenFor(groupsFor('lockton', 'fulfilment')))).toBe(200);
  });

  it('refuses an expired token', async () => {
    expect(await status(await tokenFor(groupsFor('lockton', 'admin'), { iat: now() - 7200, exp: now() - 60 }))).toBe(401);
  });

  it('refuses a forged token: same kid, signed with another key', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const forged = await mintStaffToken(issuer(), ['platform-admin'], {}, { ...(await exportJWK(privateKey)), kid: issuer().signingKey.kid! });
    expect(await status(forged)).toBe(401);
  });

  it('refuses a token with a changed payload (signature no longer matches)', async () => {
    const [head, , sig] = (await tokenFor(groupsFor('lockton', 'viewer'))).split('.');
    const payload = Buffer.from(JSON.stringify({ iss: issuer().url, client_id: issuer().clientId, token_use: 'access', username: 'x', 'cognito:groups': ['platform-admin'], exp: now() + 600 })).toString('base64url');
    expect(await status(`${head}.${payload}.${sig}`)).toBe(401);
  });

  it('refuses a token issued to another app client (wrong audience)', async () => {
    expect(await status(await tokenFor(['platform-admin'], { client_id: 'some-other-client' }))).toBe(401);
  });

  it('refuses an ID token (token_use other than access), even with the right client', async () => {
    expect(await status(await tokenFor(['platform-admin'], { token_use: 'id', aud: issuer().clientId }))).toBe(401);
  });

  it('refuses a token from another issuer', async () => {
    expect(await status(await tokenFor(['platform-admin'], { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' }))).toBe(401);
  });

  it('refuses no token, a malformed one and a bare word, with WWW-Authenticate', async () => {
    for (const headers of [{}, bearer('not.a.jwt'), { authorization: 'Basic abc' }] as Record<string, string>[]) {
      const res = await h.app.request(LIST, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('signs in through the issuer with the authorization code and PKCE, and the session cookie opens the API and the console', async () => {
    const siteUrl = buildConfig().siteUrl;
    const session = await signInThroughIssuer({ siteUrl, app: async (url, init) => h.app.request(url, init), username: 'admin', password: issuer().password });
    const me = await h.app.request('/api/staff/me', { headers: { cookie: `lockline-staff=${session}` } });
    expect(await me.json()).toEqual({ id: 'admin', platformAdmin: false, campaigns: ['lockton'], roles: { lockton: ['admin'] } });
    const page = await h.app.request('/staff/c/lockton/', { headers: { cookie: `lockline-staff=${session}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(await page.text()).toContain('<meta name="robots" content="noindex"');
  });

  it('refuses a wrong password at the issuer: no session', async () => {
    await expect(signInThroughIssuer({ siteUrl: buildConfig().siteUrl, app: async (url, init) => h.app.request(url, init), username: 'admin', password: 'wrong' })).rejects.toThrow(/did not give a session/);
  });

  it('refuses a callback whose state is not this browser’s (login CSRF)', async () => {
    const res = await h.app.request('/staff/callback?code=abc&state=en.forged', { headers: { cookie: 'lockline-sign-in=en.mine' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/lockline-staff=[^;]/);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict (Secure only off on plain-http loopback)', async () => {
    const start = await h.app.request('/staff/sign-in');
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    expect(location.pathname).toBe('/oauth2/authorize');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(start.headers.get('set-cookie')).toMatch(/^lockline-sign-in=.*HttpOnly; SameSite=Lax/);
  });

  describe('changes with the session cookie need the CSRF token', () => {
    it('refuses a console change without the token, and one sent cross-site, and takes it with the token', async () => {
      const siteUrl = buildConfig().siteUrl;
      const session = await signInThroughIssuer({ siteUrl, app: async (url, init) => h.app.request(url, init), username: 'fulfilment', password: issuer().password });
      const cookie = `lockline-staff=${session}`;
      const form = (extra: Record<string, string>) => new URLSearchParams({ site: 'library', lockType: 'cable', quantity: '2', ...extra });
      const post = (body: URLSearchParams, headers: Record<string, string> = {}) =>
        h.app.request('/staff/c/lockton/stock/', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
      expect((await post(form({}))).status).toBe(403);
      expect((await post(form({ csrf: 'x'.repeat(43) }))).status).toBe(403);
      const page = await (await h.app.request('/staff/c/lockton/stock/', { headers: { cookie } })).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
      expect((await post(form({ csrf }), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      const before = (await h.deps.stock.forCampaign('lockton')).get('library')?.cable ?? 0;
      const ok = await post(form({ csrf }), { 'sec-fetch-site': 'same-origin' });
      expect(ok.status).toBe(303);
      expect((await h.deps.stock.forCampaign('lockton')).get('library')?.cable).toBe(before + 2);
      // The API takes the same cookie, and the token as a header.
      const api = (headers: Record<string, string>) =>
        h.app.request('/api/staff/campaigns/lockton/stock', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ site: 'library', lockType: 'cable', quantity: 1 }) });
      expect((await api({})).status).toBe(403);
      expect((await api({ 'x-csrf-token': csrf })).status).toBe(200);
    });
  });
});
