import { importJWK, SignJWT, type JWK } from 'jose';

/** What a test setup shares about the local staff issuer (serialisable, for vitest's `provide`). */
export interface IssuerInfo {
  url: string;
  clientId: string;
  password: string;
  signingKey: JWK;
}

/**
 * A token signed with the issuer's key, shaped like a Cognito access token; `claims` overrides any
 * part (an expired `exp`, another `client_id`, `token_use: 'id'`, ...).
 */
export async function mintStaffToken(issuer: IssuerInfo, groups: string[], claims: Record<string, unknown> = {}, key: JWK = issuer.signingKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: issuer.url, sub: 'test-sub', username: 'tester', client_id: issuer.clientId, token_use: 'access', scope: 'openid', 'cognito:groups': groups, iat: now, exp: now + 600, ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: issuer.signingKey.kid!, typ: 'at+jwt' }).sign(await importJWK(key, 'RS256'));
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** A minimal cookie jar per origin: enough for the sign-in round trip. */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();
  take(url: string, response: Response) {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/max-age=0/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(origin, jar);
  }
  header(url: string): string {
    return [...(this.cookies.get(new URL(url).origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).origin)?.get(name);
  }
}

/**
 * Signs in through the real flow, as a browser would: the console's sign-in link, the issuer's
 * authorize endpoint, its login form, back to the console's callback (which exchanges the code with
 * PKCE and checks the token). Returns the session cookie's value. `app` answers requests for
 * `siteUrl` (the app in-process, or a live server); everything else goes over the network.
 */
export async function signInThroughIssuer(options: { siteUrl: string; app: Fetch; username: string; password: string; locale?: 'en' | 'es' }): Promise<string> {
  const jar = new Jar();
  const send = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = url.startsWith(options.siteUrl) ? await options.app(url, { ...init, headers, redirect: 'manual' }) : await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.take(url, response);
    return response;
  };
  let url = `${options.siteUrl}${options.locale === 'es' ? '/es' : ''}/staff/sign-in`;
  let response = await send(url);
  for (let hops = 0; hops < 10; hops += 1) {
    const location = response.headers.get('location');
    if (url.includes('/interaction/') && response.status === 200) {
      // The issuer's login page: post the form.
      const action = /action="([^"]+)"/.exec(await response.text())![1]!;
      url = new URL(action, url).toString();
      response = await send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: options.username, password: options.password }) });
      continue;
    }
    if (!location) break;
    url = new URL(location, url).toString();
    response = await send(url);
  }
  const session = jar.get(options.siteUrl, 'lockline-staff');
  if (!session) throw new Error(`Sign-in as ${options.username} did not give a session (last: ${response.status} ${url}).`);
  return session;
}
