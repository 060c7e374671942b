import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../functions/src/app.ts';
import { fieldErrorsOf } from '../../functions/src/domain/validation.ts';
import { formToLockRequest } from '../../functions/src/locks/rules/request.ts';
import { stackFrames } from '../../functions/src/platform/http/errors.ts';
import { preferredLocale } from '../../functions/src/platform/http/locale.ts';
import { parseInput } from '../../functions/src/platform/http/validate.ts';
import { linkToken } from '../../functions/src/pledges/service/links.ts';
import type { StaffAccess } from '../../functions/src/staff/index.ts';
import { csrfToken } from '../../functions/src/staff/sign-in/session.ts';
import { buildDeps } from '../support/builders.ts';

/**
 * Bugs the fuzz tests and the privacy canaries found (tests/integration/fuzz/,
 * tests/integration/privacy-canaries.test.ts), each pinned at the cheapest level that shows it.
 */
const NAME = 'Zqxcanary Vollmerhaus';

describe('hostile bodies are client errors, never 500s', () => {
  it('a multipart post without its boundary is a 400 (the API in its JSON shape, a page as a page)', async () => {
    const app = createApp(buildDeps());
    const api = await app.request('/api/erpo/find', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'zip=97201' });
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const page = await app.request('/es/pledge/', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\ncut sh' });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('lang="es"');
  });

  it('a form post over the size limit to a page is a 413 page, not a 500', async () => {
    const res = await createApp(buildDeps()).request('/c/testville/get-a-lock/request/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=${'x'.repeat(9000)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('We could not accept what was sent');
  });

  it('field errors keyed __proto__ or constructor are reported like any other field', () => {
    const schema = z.object({ name: z.string() }).strict();
    const issues = schema.safeParse(JSON.parse('{"name":"x","__proto__":{"a":1},"constructor":1}')).error!.issues;
    const fields = fieldErrorsOf(issues);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(fields)).toMatch(/^\{"__proto__":\["[^"]+"\],"constructor":\["[^"]+"\]\}$/);
  });

  it('a form with a bare `address` field next to `address.line2` is refused by the schema, not a TypeError', () => {
    expect(() => formToLockRequest({ address: '', 'address.line2': 'Apt 2' })).not.toThrow();
    expect(formToLockRequest({ address: 'x', 'address.line1': '1 Way' }).address).toBe('x');
    expect(formToLockRequest({ 'address.line1': '1 Way', 'address.city': 'Portland' }).address).toEqual({ line1: '1 Way', city: 'Portland' });
    expect(formToLockRequest({ 'address.line1': ' ', 'address.zip': '' }).address).toBeUndefined();
  });

  it('a pledge page asked without its slash is redirected with the path as sent, even with a NUL in it (npm run fuzz, 200,000 inputs)', async () => {
    const app = createApp(buildDeps());
    for (const path of ['/c/%00/pledge', '/es/c/%00/pledge', '/c/demo-city/pledge']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location'), path).toBe(`${path}/`);
    }
  });

  it('a malformed Idempotency-Key on a link or a cancel button is a 400 page, not a 500', async () => {
    const deps = buildDeps();
    const app = createApp(deps);
    const cancel = await app.request(`/c/testville/get-a-lock/status/K7QM-3XPD/${'A'.repeat(32)}/cancel`, { method: 'POST', headers: { 'idempotency-key': '' } });
    expect(cancel.status).toBe(400);
    const token = await linkToken(deps.keyRing, { scope: '_national', emailKey: 'k'.repeat(32), nonce: 'n'.repeat(16), pledgedAt: deps.clock.now().toISOString() }, 'confirm');
    const confirm = await app.request(`/es/pledge/confirm/${token}/`, { method: 'POST', headers: { 'idempotency-key': 'short' } });
    expect(confirm.status).toBe(400);
    expect(await confirm.text()).toContain('Revise sus datos');
  });
});

describe('field errors are in the request’s language and never quote what was sent', () => {
  const app = () => createApp(buildDeps());
  const fieldsOf = async (res: Response) => ((await res.json()) as { error: { message: string; fields: Record<string, string[]> } }).error;

  it('a malformed ZIP code, an unknown parameter and a repeated one, in Spanish', async () => {
    const headers = { 'accept-language': 'es-MX,es;q=0.9' };
    expect(await fieldsOf(await app().request('/api/erpo/lookup?zip=abc', { headers }))).toEqual({
      code: 'validation_failed',
      message: 'Falta información o no es válida.',
      fields: { zip: ['Escriba un código postal de 5 dígitos, como 97201.'] },
    });
    expect((await fieldsOf(await app().request(`/api/pledges/count?${encodeURIComponent(NAME)}=1`, { headers }))).fields).toEqual({ [NAME]: ['Este campo no es parte del formulario'] });
    expect((await fieldsOf(await app().request('/api/form-token?a=1&a=2', { headers }))).fields).toEqual({ a: ['Envíe este parámetro una sola vez.'] });
    expect((await fieldsOf(await app().request('/api/campaigns/Not%20A%20Slug', { headers }))).fields.slug).toEqual(['Use letras minúsculas, números y guiones simples, como "springfield".']);
  });

  it('a wrong value for a choice is answered without the value (zod would say "received …")', async () => {
    const res = await app().request('/api/erpo/find', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ zip: '97201', lang: NAME }).toString() });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).not.toContain('Zqxcanary');
    expect(JSON.parse(text).error.fields).toEqual({ lang: ['Check this answer'] });
    expect(() => parseInput(z.enum(['a', 'b']), NAME)).toThrow(expect.objectContaining({ fields: { _: ['Check this answer'] } }));
  });

  it('Accept-Language weights count: the language rated higher wins, junk is English', () => {
    expect(preferredLocale('es')).toBe('es');
    expect(preferredLocale('es;q=1')).toBe('es');
    expect(preferredLocale('es-419,es;q=0.9,en;q=0.8')).toBe('es');
    expect(preferredLocale('vi, es;q=0.8')).toBe('es');
    expect(preferredLocale('es;q=0.1, en;q=0.9')).toBe('en');
    expect(preferredLocale('en, es')).toBe('en');
    expect(preferredLocale('es, en')).toBe('es');
    expect(preferredLocale('*')).toBe('en');
    expect(preferredLocale('es;q=2, hhhh')).toBe('en');
    expect(preferredLocale('')).toBe('en');
  });
});

describe('no answer or log line repeats personal data', () => {
  it('a logged error keeps its stack frames and none of its message, however many lines it has', () => {
    const error = new Error(`Item {name: ${NAME}}\nfor 203.0.113.77 at 4417 Canarywood Lane`);
    const frames = stackFrames(error);
    expect(frames).toMatch(/^\s+at /);
    expect(frames).not.toMatch(/Zqxcanary|203\.0\.113|Canarywood/);
  });

  it('a pledge link that does not work is answered at the pledge form’s address, not the link’s', async () => {
    const res = await createApp(buildDeps()).request(`/pledge/confirm/${encodeURIComponent('canary.7f3k@example.test')}/`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain('canary.7f3k');
    expect(text).toContain('href="http://x/pledge/"');
  });

  const staffAccess: StaffAccess = { check: async (token) => (token === 'session' ? { principal: { id: 'tester', platformAdmin: true, roles: {} } } : { principal: null, refusal: 'invalid' }), oauth: null };

  it('an export whose date range ends before it starts is a 400 in the request’s language, before anything is audited or read (npm run fuzz, 200,000 inputs)', async () => {
    // The audit log and the table are not faked: reaching either would fail this test with a 500.
    for (const [path, language, message] of [
      ['lock-requests.csv', 'en', 'The end date must be on or after the start date.'],
      ['pledges.csv', 'es', 'La fecha final debe ser igual o posterior a la fecha inicial.'],
    ] as const) {
      const res = await createApp(buildDeps({ staffAccess })).request(`/api/staff/campaigns/testville/${path}?from=9999-12-31&to=2026-11-25`, {
        headers: { authorization: 'Bearer session', 'accept-language': language },
      });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { fields: unknown } }).error.fields, path).toEqual({ to: [message] });
    }
  });

  it('a staff list filtered by a site the campaign does not have is refused (its filters are audited)', async () => {
    // The audit log is not faked: writing an audit record would fail this test with a 500.
    const res = await createApp(buildDeps({ staffAccess })).request(`/api/staff/campaigns/testville/lock-requests?site=${encodeURIComponent(NAME)}`, { headers: { authorization: 'Bearer session' } });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('Zqxcanary');
  });

  it('a console error page is answered at the console’s address, not the path it was sent', async () => {
    const deps = buildDeps({ staffAccess });
    const res = await createApp(deps).request(`/es/staff/c/testville/requests/${encodeURIComponent(NAME)}`, {
      method: 'POST',
      headers: { cookie: 'lockline-staff=session', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ status: 'nonsense', csrf: await csrfToken(deps.keyRing, 'session') }).toString(),
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('Zqxcanary');
    expect(text).toContain('Falta información o no es válida.');
  });
});
