import { describe, expect, it } from 'vitest';
import { formToken, lockHarness, mailRequest, postJson, type LockHarness } from '../lock-support.ts';

/**
 * One anti-abuse path for every public POST (platform/abuse/submission-guard.ts, decision 0009),
 * over HTTP on DynamoDB Local: a script that skips a step is refused, JSON and form alike, and
 * nothing scarce is spent (no request, no stock, no email queued).
 */
const PATH = '/api/campaigns/lockton/lock-requests';
const FORM_PAGE = '/c/lockton/get-a-lock/request/';

/** Everything a refused submission might have written. */
async function written(h: LockHarness) {
  return { requests: await h.count('lock_request'), outbox: await h.count('outbox'), households: await h.count('household'), replays: await h.count('idempotency') };
}

const formBody = (token: string, overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    formToken: token,
    website: '',
    delivery: 'mail',
    'address.line1': '9 Script Road',
    'address.city': 'Portland',
    'address.state': 'OR',
    'address.zip': '97201',
    lockType: 'cable',
    quantity: '1',
    name: 'Form Script',
    email: `script-${Math.random().toString(36).slice(2)}@example.test`,
    language: 'en',
    consent: 'yes',
    ...overrides,
  });

const postForm = (h: LockHarness, path: string, body: URLSearchParams, headers: Record<string, string> = {}) =>
  h.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: body.toString() });

describe('the JSON lock endpoint refuses a script that skips the anti-abuse steps', () => {
  it('without a form token: 400 form_token_required, in the person’s language, nothing written', async () => {
    const h = await lockHarness();
    const before = await written(h);
    const res = await postJson(h.app, PATH, mailRequest(), { 'form-token': '', 'accept-language': 'es' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('form_token_required');
    expect(body.error.message).toMatch(/GET \/api\/form-token/);
    expect(body.error.message).toMatch(/Pida/);
    expect(await written(h)).toEqual(before);
    // Counted for the refused-submissions alarm, with nothing about the request.
    expect((h.deps.metrics as unknown as { counts: Record<string, number> }).counts.RefusedSubmissions).toBe(1);
  });

  it('with a forged or altered token, or one used too soon: refused, nothing written', async () => {
    const h = await lockHarness({ config: { formMinFillSeconds: 3 } });
    const before = await written(h);
    const real = await formToken(h.app);
    expect((await (await postJson(h.app, PATH, mailRequest(), { 'form-token': real })).json()) as object).toMatchObject({ error: { code: 'too_fast' } });
    const [issued, nonce, mac] = real.split('.') as [string, string, string];
    for (const forged of [`${Number(issued) - 10_000}.${nonce}.${mac}`, `${issued}.${nonce}.${'A'.repeat(32)}`, 'made-up-token-1234']) {
      const res = await postJson(h.app, PATH, mailRequest(), { 'form-token': forged });
      expect(res.status, forged).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('form_token_invalid');
    }
    expect(await written(h)).toEqual(before);
  });

  it('sent from another site by a browser: 403 before anything is read or written', async () => {
    const h = await lockHarness();
    const before = await written(h);
    const res = await postJson(h.app, PATH, mailRequest(), { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cross_site');
    expect(await written(h)).toEqual(before);
    expect(await h.count('rate')).toBe(0);
  });

  it('makes at most one request per token: the same token again is a replay, a new body with it a conflict', async () => {
    const h = await lockHarness();
    const token = await formToken(h.app);
    const body = mailRequest();
    const first = await postJson(h.app, PATH, body, { 'form-token': token });
    expect(first.status).toBe(201);
    const again = await postJson(h.app, PATH, body, { 'form-token': token });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect((await postJson(h.app, PATH, mailRequest(), { 'form-token': token })).status).toBe(409);
    expect(await h.count('lock_request')).toBe(1);
  });
});

describe('the form lock endpoint refuses the same scripts', () => {
  it('without a token, with a filled trap field, or from another site: the form again (or 403), nothing written', async () => {
    const h = await lockHarness();
    const page = await (await h.app.request(FORM_PAGE)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
    const before = await written(h);

    const noToken = await postForm(h, FORM_PAGE, formBody(''));
    expect(noToken.status).toBe(400);
    expect(await noToken.text()).toContain('Please check your details and send the form again');

    const trap = await postForm(h, FORM_PAGE, formBody(token, { website: 'https://spam.example' }));
    expect(trap.status).toBe(400);

    const crossSite = await postForm(h, FORM_PAGE, formBody(token), { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('This form can only be sent from our own site');

    // The same post straight to the API path takes the same path.
    expect((await postForm(h, PATH, formBody(''))).status).toBe(400);
    expect(await written(h)).toEqual(before);

    // And a person's own post, same-origin with its token, goes through.
    const ok = await postForm(h, FORM_PAGE, formBody(token), { 'sec-fetch-site': 'same-origin', origin: 'null' });
    expect(ok.status).toBe(303);
    expect(await h.count('lock_request')).toBe(1);
  });
});

describe('rate limits per client network', () => {
  it('counts every address of one IPv6 /64 as one client, and another /64 separately', async () => {
    const h = await lockHarness({ config: { submissionsPerHour: 2, clientIpHeader: 'cloudfront-viewer-address' } });
    const from = (ip: string) => ({ 'cloudfront-viewer-address': `${ip}:443` });
    expect((await postJson(h.app, PATH, mailRequest(), from('2001:db8:5:6::1'))).status).toBe(201);
    expect((await postJson(h.app, PATH, mailRequest(), from('2001:db8:5:6:ffff::2'))).status).toBe(201);
    expect((await postJson(h.app, PATH, mailRequest(), from('2001:db8:5:6:1234:5678:9abc:def0'))).status).toBe(429);
    expect((await postJson(h.app, PATH, mailRequest(), from('2001:db8:5:7::1'))).status).toBe(201);
  });
});
