import { beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_SCOPE } from '../../../functions/src/pledges/index.ts';
import { emailsSettled } from '../helpers.ts';
import { formToken } from '../lock-support.ts';
import { linksFor, mailTo, pledgeBody, pledgeHarness, postForm, postPledge, type PledgeHarness } from './support.ts';

/**
 * Signing and confirming a pledge on DynamoDB Local and the local SES (issue 10): the answer never
 * tells whether an address has pledged, a GET never confirms, an unconfirmed pledge is gone after 7
 * days, and an email failure or repeat never changes the answer.
 */
let h: PledgeHarness;
beforeAll(async () => {
  h = await pledgeHarness();
});

const count = async (scope: string) => ((await (await h.app.request(scope === NATIONAL_SCOPE ? '/api/pledges/count' : `/api/campaigns/${scope}/pledges/count`)).json()) as { confirmed: number }).confirmed;

describe('signing', () => {
  it('stores an unconfirmed pledge with the pledge version, answers 202 and sends the confirmation email with one-click unsubscribe', async () => {
    const body = pledgeBody({ updates: true, language: 'es' });
    const res = await postPledge(h, body);
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'check_email', message: expect.stringContaining('Check your email') });

    const [item] = (await h.items('pledge')).filter((i) => i.email === body.email);
    expect(item).toMatchObject({ status: 'unconfirmed', name: body.name, zip: '97201', language: 'es', updates: true, pledgeVersion: 1 });
    expect(item!.pk).not.toContain(body.email);
    expect(Number(item!.expiresAt) - Math.floor(h.clock.now().getTime() / 1000)).toBe(7 * 86_400);
    const [email] = await mailTo(body.email);
    expect(await h.count('outbox')).toBe(0);
    expect(email!.subject).toBe('Confirme su compromiso');
    expect(email!.subject).not.toMatch(/gun|firearm|arma/i);
    const headers = Object.fromEntries((email!.headers ?? []).map((x) => [x.name, x.value]));
    expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:8787\/es\/c\/lockton\/pledge\/unsubscribe\/[^>]+\/>$/);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email!.body.text).not.toContain(body.name);
    expect(email!.body.text).toMatch(/\/es\/c\/lockton\/pledge\/delete\//);
  });

  it('answers a repeat from the same address exactly like the first pledge, and writes no second pledge', async () => {
    const body = pledgeBody();
    const first = await postPledge(h, body);
    const again = await postPledge(h, { ...body, name: 'Someone Else', email: body.email.toUpperCase(), zip: '97202' });
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(JSON.stringify(await first.json()));
    const items = (await h.items('pledge')).filter((i) => String(i.email).toLowerCase() === body.email.toLowerCase());
    expect(items).toHaveLength(1);
    // The first pledge stands: a repeat never overwrites what someone else signed.
    expect(items[0]).toMatchObject({ name: body.name, zip: '97201' });
  });

  it('resends the confirmation to a repeat at most once a day, and tells a confirmed address it is already counted', async () => {
    const body = pledgeBody();
    await postPledge(h, body);
    await postPledge(h, body);
    expect(await mailTo(body.email)).toHaveLength(1);
    h.clock.advanceMinutes(25 * 60);
    await postPledge(h, body);
    const emails = await mailTo(body.email);
    expect(emails.map((e) => e.subject)).toEqual(['Please confirm your pledge', 'Please confirm your pledge']);

    const { confirm } = await linksFor(body.email);
    expect((await postForm(h, confirm!, {})).status).toBe(303);
    h.clock.advanceMinutes(25 * 60);
    const res = await postPledge(h, body);
    expect(res.status).toBe(202);
    expect((await mailTo(body.email)).at(-1)!.subject).toBe('Your pledge is already confirmed');
  });

  it('answers a no-JavaScript form post with a 303 to "check your email", first and repeat alike', async () => {
    const body = pledgeBody();
    const fields = { name: body.name, email: body.email, zip: '97201', language: 'en', updates: 'yes' };
    const first = await postForm(h, '/c/lockton/pledge/', { ...fields, formToken: await formToken(h.app) });
    const again = await postForm(h, '/c/lockton/pledge/', { ...fields, formToken: await formToken(h.app) });
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(first.headers.get('location')).toBe('/c/lockton/pledge/check-email/');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const [item] = (await h.items('pledge')).filter((i) => i.email === body.email);
    expect(item).toMatchObject({ updates: true });
  });

  it('continues into the lock request form with name, email and ZIP filled in, none of them in a URL', async () => {
    const body = pledgeBody();
    const res = await postForm(h, '/c/lockton/pledge/', { name: body.name, email: body.email, zip: '97201', language: 'en', wantsLock: 'yes', formToken: await formToken(h.app) });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    const page = await res.text();
    expect(page).toContain('action="/c/lockton/get-a-lock/request/"');
    expect(page).toContain(`value="${body.name}"`);
    expect(page).toContain(`value="${body.email}"`);
    expect(page).toMatch(/id="address-zip"[^>]*value="97201"/);
    expect(page).toContain('data-notice');
  });

  it('tells a JSON client where the lock request continues, with the details it sent', async () => {
    const body = pledgeBody({ wantsLock: true });
    const answer = (await (await postPledge(h, body)).json()) as { lockRequest: { form: string; prefill: Record<string, unknown> } };
    expect(answer.lockRequest.form).toBe('http://127.0.0.1:8787/c/lockton/get-a-lock/request/');
    expect(answer.lockRequest.prefill).toEqual({ name: body.name, email: body.email, address: { zip: '97201' }, language: 'en' });
    const national = (await (await postPledge(h, pledgeBody({ wantsLock: true }), { scope: NATIONAL_SCOPE })).json()) as { lockFinder: string };
    expect(national.lockFinder).toBe('http://127.0.0.1:8787/get-a-lock/');
  });

  it('refuses invalid fields with messages in the person’s language and writes nothing', async () => {
    const before = await h.count('pledge');
    const res = await postPledge(h, { name: '', email: 'not-an-email', zip: '123', language: 'xx', extra: 1 }, { headers: { 'accept-language': 'es' } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { fields: Record<string, string[]> } };
    expect(error.fields).toEqual({
      name: ['Escriba su nombre'],
      email: ['Escriba un correo electrónico como nombre@ejemplo.com'],
      zip: ['Escriba un código postal de 5 dígitos, como 97201'],
      language: ['Elija un idioma'],
      extra: ['Este campo no es parte del formulario'],
    });
    expect(await h.count('pledge')).toBe(before);
  });

  it('refuses a name with hidden characters (bidi override, zero-width space), in the person’s language, and writes nothing', async () => {
    const before = await h.count('pledge');
    const res = await postPledge(h, pledgeBody({ name: 'Ann\u202eevil\u200b' }), { headers: { 'accept-language': 'es' } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { fields: Record<string, string[]> } };
    expect(error.fields).toEqual({ name: ['Quite los caracteres ocultos o de formato especial (pueden venir de copiar y pegar)'] });
    expect(await h.count('pledge')).toBe(before);
  });

  it('keeps the pledge when the email cannot be sent: the outbox retries it', async () => {
    const failing = await pledgeHarness({ config: { sesEndpoint: 'http://127.0.0.1:9' } });
    const res = await postPledge(failing, pledgeBody());
    expect(res.status).toBe(202);
    expect(await failing.count('pledge')).toBe(1);
    await emailsSettled();
    const [entry] = await failing.items('outbox');
    expect(entry).toMatchObject({ topic: 'pledge', kind: 'confirm', attempts: 1, lastError: expect.any(String) });
    expect(String(entry!.ref)).not.toContain('@');
  });
});

describe('confirming', () => {
  it('shows a button on GET and changes nothing; the POST confirms and counts once, however often it is pressed', async () => {
    const body = pledgeBody();
    await postPledge(h, body);
    const { confirm } = await linksFor(body.email);
    const before = await count('lockton');
    const national = await count(NATIONAL_SCOPE);

    const page = await h.app.request(confirm!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form method="post" action="${confirm}"`);
    const [item] = (await h.items('pledge')).filter((i) => i.email === body.email);
    expect(item!.status).toBe('unconfirmed');

    const done = await postForm(h, confirm!, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/c/lockton/pledge/thanks/');
    const again = await postForm(h, confirm!, {});
    expect(again.headers.get('location')).toBe('/c/lockton/pledge/thanks/');
    const [confirmed] = (await h.items('pledge')).filter((i) => i.email === body.email);
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAt: h.clock.now().toISOString() });
    expect(Number(confirmed!.expiresAt) - Math.floor(h.clock.now().getTime() / 1000)).toBe(730 * 86_400);
    expect(await count('lockton')).toBe(before + 1);
    expect(await count(NATIONAL_SCOPE)).toBe(national + 1);
  });

  it('counts national pledges in the national total', async () => {
    const body = pledgeBody();
    expect((await postPledge(h, body, { scope: NATIONAL_SCOPE })).status).toBe(202);
    const { confirm } = await linksFor(body.email);
    expect(confirm).toMatch(/^\/pledge\/confirm\//);
    const before = await count(NATIONAL_SCOPE);
    expect((await postForm(h, confirm!, {})).headers.get('location')).toBe('/pledge/thanks/');
    expect(await count(NATIONAL_SCOPE)).toBe(before + 1);
  });

  it('forgets an unconfirmed pledge after 7 days: the link no longer works, reads ignore it, the address may pledge again', async () => {
    const body = pledgeBody();
    await postPledge(h, body);
    const { confirm } = await linksFor(body.email);
    const before = await count('lockton');
    h.clock.advanceDays(7);
    h.clock.advanceMinutes(1);

    const page = await h.app.request(confirm!);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('This link does not work');
    expect((await postForm(h, confirm!, {})).status).toBe(404);
    expect(await count('lockton')).toBe(before);
    const key = String((await h.items('pledge')).find((i) => i.email === body.email)!.emailKey);
    expect(await h.deps.pledges.get('lockton', key)).toBeNull();

    expect((await postPledge(h, body)).status).toBe(202);
    const items = (await h.items('pledge')).filter((i) => i.email === body.email);
    expect(items).toHaveLength(1);
    expect(Number(items[0]!.expiresAt)).toBeGreaterThan(Math.floor(h.clock.now().getTime() / 1000));
  });
});
