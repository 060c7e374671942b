import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clearSession, sessionCookies, writeSession, writeSignInState } from '../../../functions/src/staff/sign-in/session.ts';

/** The Set-Cookie headers the writers produce for a site URL. */
async function cookiesFor(siteUrl: string, write: (c: Parameters<typeof writeSession>[0], cookies: ReturnType<typeof sessionCookies>) => void) {
  const app = new Hono();
  app.get('/', (c) => {
    write(c, sessionCookies(siteUrl));
    return c.body(null, 204);
  });
  const res = await app.request('/');
  return res.headers.getSetCookie();
}

const attributes = (header: string) => header.split(';').slice(1).map((a) => a.trim());

describe('the staff session cookie', () => {
  it('in production (https) is __Host- prefixed, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain, and lasts at most a day', async () => {
    const [header] = await cookiesFor('https://lockline.example', (c, cookies) => writeSession(c, cookies, 'the-token', 3600));
    expect(header).toMatch(/^__Host-lockline-staff=the-token;/);
    const attrs = attributes(header!);
    expect(attrs).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=3600']));
    // __Host- cookies must be Secure, Path=/ and carry no Domain (browsers refuse them otherwise).
    expect(attrs.some((a) => a.toLowerCase().startsWith('domain='))).toBe(false);
    const [long] = await cookiesFor('https://lockline.example', (c, cookies) => writeSession(c, cookies, 'the-token', 30 * 86_400));
    expect(long).toContain('Max-Age=86400');
  });

  it('in production clears the same __Host- cookie, and the sign-in state cookie is __Host-, Secure, HttpOnly and Lax', async () => {
    const [cleared] = await cookiesFor('https://lockline.example', (c, cookies) => clearSession(c, cookies));
    expect(cleared).toMatch(/^__Host-lockline-staff=;/);
    expect(attributes(cleared!)).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=0']));
    const [state] = await cookiesFor('https://lockline.example', (c, cookies) => writeSignInState(c, cookies, 'en.state'));
    expect(state).toMatch(/^__Host-lockline-sign-in=en.state;/);
    expect(attributes(state!)).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));
  });

  it('over plain http (a local loopback run) drops Secure and the __Host- prefix (a browser would refuse both), and keeps HttpOnly and SameSite=Strict', async () => {
    expect(sessionCookies('http://127.0.0.1:8787')).toEqual({ secure: false, session: 'lockline-staff', signIn: 'lockline-sign-in' });
    const [header] = await cookiesFor('http://127.0.0.1:8787', (c, cookies) => writeSession(c, cookies, 'the-token', 3600));
    expect(header).toMatch(/^lockline-staff=the-token;/);
    const attrs = attributes(header!);
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attrs).not.toContain('Secure');
  });
});
