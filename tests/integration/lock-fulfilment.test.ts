import { Logger } from '@aws-lambda-powertools/logger';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Mailer } from '../../functions/src/platform/email/mailer.ts';
import { sesMailer } from '../../functions/src/platform/email/ses-mailer.ts';
import { captureOutput } from '../support/builders.ts';
import { emailsTo, lockCampaign, lockHarness, mailRequest, pickupRequest, postJson, staffHeaders } from './lock-support.ts';
import { emailsSettled, localEndpoints } from './helpers.ts';

const PATH = '/api/campaigns/lockton/lock-requests';

interface Created {
  confirmationCode: string;
  status: string;
  statusUrl: string;
}

const staffPost = (app: { request: (p: string, i: RequestInit) => Response | Promise<Response> }, path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: staffHeaders, body: JSON.stringify(body) });

describe('allocation under load', () => {
  it('gives 200 concurrent requests for 50 locks exactly 50 allocations; the rest are waitlisted or refused', async () => {
    const h = await lockHarness({ campaign: lockCampaign({ locks: { ...lockCampaign().locks, mail: { enabled: true, lockTypes: ['cable'], initialStock: { cable: 50 } } } }) });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postJson(h.app, PATH, mailRequest({ waitlist: i % 2 === 0 }))),
    );
    const outcomes = await Promise.all(responses.map(async (r) => ({ http: r.status, body: (await r.json()) as { status?: string; error?: { code: string } } })));
    const requested = outcomes.filter((o) => o.http === 201 && o.body.status === 'requested').length;
    const waitlisted = outcomes.filter((o) => o.http === 201 && o.body.status === 'waitlisted').length;
    const refused = outcomes.filter((o) => o.http === 409 && o.body.error?.code === 'out_of_stock').length;
    expect(requested).toBe(50);
    expect(waitlisted + refused).toBe(150);
    expect(outcomes.every((o) => [201, 409].includes(o.http))).toBe(true);

    expect((await h.deps.stock.forCampaign('lockton')).get('_mail')?.cable).toBe(0);
    const stored = await h.items('lock_request');
    expect(stored.filter((i) => i.status === 'requested')).toHaveLength(50);
    expect(stored.filter((i) => i.status === 'waitlisted')).toHaveLength(waitlisted);
    expect(new Set(stored.map((i) => i.code)).size).toBe(stored.length);
  });
});

describe('pickup reservations lapse', () => {
  it('returns the stock after the campaign’s days, tells the resident, serves the waitlist, and frees the household', async () => {
    const h = await lockHarness();
    const first = pickupRequest({ lockType: 'box' });
    const held = (await (await postJson(h.app, PATH, first)).json()) as Created;
    h.clock.advanceMinutes(1);
    const second = pickupRequest({ lockType: 'box', waitlist: true });
    const waiting = (await (await postJson(h.app, PATH, second)).json()) as Created;
    expect([held.status, waiting.status]).toEqual(['requested', 'waitlisted']);

    h.clock.advanceDays(6);
    expect((await h.sweep()).lapsed).toBe(0);
    h.clock.advanceDays(2);
    expect((await h.sweep()).lapsed).toBe(1);

    const secret = held.statusUrl.split('/').filter(Boolean).at(-1)!;
    const view = (await (await h.app.request(`${PATH}/${held.confirmationCode}`, { headers: { authorization: `Bearer ${secret}` } })).json()) as {
      request: { status: string; cancelReason: string };
    };
    expect(view.request).toMatchObject({ status: 'cancelled', cancelReason: 'lapsed' });
    expect((await emailsTo(first.email)).map((e) => e.subject)).toContain(`Your free lock request ${held.confirmationCode}: pickup time ended`);
    // The returned lock box went to the next in line.
    expect((await h.deps.stock.forCampaign('lockton')).get('library')?.box).toBe(0);
    const served = (await h.deps.lockRequests.get('lockton', waiting.confirmationCode))!;
    expect(served.status).toBe('requested');
    expect((await emailsTo(second.email)).map((e) => e.subject)).toContain(`Your free lock request ${waiting.confirmationCode}: now available`);
    // The lapsed household may ask again.
    expect((await postJson(h.app, PATH, { ...first, lockType: 'cable' })).status).toBe(201);
  });
});

describe('email never fails or loses a request', () => {
  it('retries a failed email from the outbox, keeps it for staff after the last try, and sends it when asked again', async () => {
    let failing = true;
    const sent: string[] = [];
    const flaky: Mailer = {
      async send(message) {
        if (failing) {
          const error = new Error(`SES said no to ${message.to}`);
          error.name = 'MessageRejected';
          throw error;
        }
        sent.push(message.subject);
        return { messageId: `ok-${sent.length}` };
      },
    };
    const h = await lockHarness({ mailer: flaky });
    const res = await postJson(h.app, PATH, mailRequest());
    expect(res.status).toBe(201);
    const { confirmationCode } = (await res.json()) as Created;
    // The first attempt, from the table's stream, fails.
    await emailsSettled();

    // Attempts after 1, 5, 30 and 120 minutes, then kept for staff.
    for (const minutes of [3, 6, 31, 121]) {
      h.clock.advanceMinutes(minutes);
      expect((await h.sweep()).emails.failed).toBe(1);
    }
    h.clock.advanceMinutes(600);
    expect((await h.sweep()).emails).toEqual({ sent: 0, dropped: 0, failed: 0, skipped: 0 });

    const denied = await h.app.request('/api/staff/campaigns/lockton/emails/failed');
    expect(denied.status).toBe(401);
    const failed = (await (await h.app.request('/api/staff/campaigns/lockton/emails/failed', { headers: staffHeaders })).json()) as {
      emails: { id: string; ref: string; topic: string; kind: string; attempts: number; lastError: string }[];
    };
    expect(failed.emails).toEqual([expect.objectContaining({ ref: confirmationCode, topic: 'lock-request', kind: 'confirmation', attempts: 5, lastError: 'MessageRejected' })]);
    // The error's message (which quotes the address) is never stored.
    expect(JSON.stringify(failed)).not.toContain('@example.test');

    failing = false;
    const retry = await staffPost(h.app, `/api/staff/campaigns/lockton/emails/failed/${failed.emails[0]!.id}/retry`, {});
    expect(retry.status).toBe(202);
    expect((await h.sweep()).emails.sent).toBe(1);
    expect(sent).toEqual([`Your free lock request ${confirmationCode}`]);
    expect(await h.deps.outboxStore.dead()).toEqual([]);
  });
});

describe('staff actions', () => {
  it('deny by default: every staff route answers 401 without a staff principal, whatever the path', async () => {
    const h = await lockHarness();
    for (const [method, path] of [
      ['GET', '/api/staff/campaigns/lockton/lock-requests'],
      ['POST', '/api/staff/campaigns/lockton/lock-requests/ABCD-2345/status'],
      ['POST', '/api/staff/campaigns/lockton/stock'],
      ['GET', '/api/staff/campaigns/lockton/lock-requests.csv'],
      ['GET', '/api/staff/anything-new'],
    ] as const) {
      const res = await h.app.request(path, { method, headers: { authorization: 'Bearer wrong' } });
      expect(res.status, path).toBe(401);
    }
  });

  it('lists by status and site, moves requests through their life with emails, and exports a shipping list', async () => {
    const h = await lockHarness();
    const mail = mailRequest({ name: '=HYPERLINK("http://example.test")', address: { line1: '5 Ship St', line2: 'Unit 2', city: 'Portland', state: 'OR', zip: '97201' } });
    const mailed = (await (await postJson(h.app, PATH, mail)).json()) as Created;
    const pick = pickupRequest();
    const picked = (await (await postJson(h.app, PATH, pick)).json()) as Created;

    const list = async (query: string) =>
      ((await (await h.app.request(`/api/staff/campaigns/lockton/lock-requests${query}`, { headers: staffHeaders })).json()) as { requests: { code: string; name: string }[] }).requests.map((r) => r.code);
    expect((await list('?status=requested')).sort()).toEqual([mailed.confirmationCode, picked.confirmationCode].sort());
    expect(await list('?status=requested&site=library')).toEqual([picked.confirmationCode]);
    expect(await list('?site=mail')).toEqual([mailed.confirmationCode]);
    const bad = await h.app.request('/api/staff/campaigns/lockton/lock-requests?status=lost', { headers: staffHeaders });
    expect(bad.status).toBe(400);
    const full = (await (await h.app.request('/api/staff/campaigns/lockton/lock-requests', { headers: staffHeaders })).json()) as { requests: Record<string, unknown>[] };
    expect(full.requests[0]).not.toHaveProperty('statusSecret');
    expect(full.requests[0]).not.toHaveProperty('householdKeys');

    const csv = await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv', { headers: staffHeaders });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="lockton-lock-requests-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({
        confirmation_code: mailed.confirmationCode,
        name: `'=HYPERLINK("http://example.test")`,
        address1: '5 Ship St',
        address2: 'Unit 2',
        city: 'Portland',
        state: 'OR',
        zip: '97201',
        country: 'US',
        lock_type: 'cable',
        quantity: '1',
        delivery: 'mail',
        status: 'requested',
        possible_duplicate_of: '',
        language: 'en',
      }),
    ]);

    const move = (code: string, status: string) => staffPost(h.app, `/api/staff/campaigns/lockton/lock-requests/${code}/status`, { status });
    expect((await move(mailed.confirmationCode, 'ready')).status).toBe(409); // mail is shipped, not made ready
    expect((await move(mailed.confirmationCode, 'shipped')).status).toBe(200);
    expect((await move(mailed.confirmationCode, 'cancelled')).status).toBe(409); // already on its way
    expect((await move('ZZZZ-ZZZZ', 'shipped')).status).toBe(404);
    expect((await staffPost(h.app, `/api/staff/campaigns/lockton/lock-requests/${picked.confirmationCode}/status`, { status: 'lost' })).status).toBe(400);

    const ready = (await (await move(picked.confirmationCode, 'ready')).json()) as { request: { status: string; holdUntil: string } };
    expect(ready.request.status).toBe('ready');
    expect((await move(picked.confirmationCode, 'picked_up')).status).toBe(200);

    expect((await emailsTo(mail.email)).map((e) => e.subject)).toContain(`Your free lock request ${mailed.confirmationCode}: in the mail`);
    const toPickup = (await emailsTo(pick.email)).map((e) => e.subject);
    expect(toPickup).toContain(`Your free lock request ${picked.confirmationCode}: ready to pick up`);
    expect(toPickup).toHaveLength(2); // confirmation and ready; picking up in person needs no email
    expect((await (await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv', { headers: staffHeaders })).text()).trim().split('\n')).toHaveLength(1);

    const badStock = await staffPost(h.app, '/api/staff/campaigns/lockton/stock', { site: 'clinic', lockType: 'box', quantity: 1 });
    expect(badStock.status).toBe(400);
    const noSite = await staffPost(h.app, '/api/staff/campaigns/lockton/stock', { site: 'moon', lockType: 'cable', quantity: 1 });
    expect(noSite.status).toBe(404);
    const negative = await staffPost(h.app, '/api/staff/campaigns/lockton/stock', { site: 'mail', lockType: 'cable', quantity: -5 });
    expect(negative.status).toBe(400);
  });
});

describe('abuse limits without a CAPTCHA', () => {
  it('rate-limits each client address per hour with 429 and Retry-After, counting addresses separately', async () => {
    const h = await lockHarness({ config: { submissionsPerHour: 3, clientIpHeader: 'cloudfront-viewer-address' } });
    const from = (ip: string) => ({ 'cloudfront-viewer-address': `${ip}:443` });
    for (let i = 0; i < 3; i += 1) expect((await postJson(h.app, PATH, mailRequest(), from('203.0.113.7'))).status).toBe(201);
    const limited = await postJson(h.app, PATH, mailRequest(), from('203.0.113.7'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postJson(h.app, PATH, mailRequest(), from('2001:db8::7'))).status).toBe(201);
    // Bad submissions count too, so the form cannot be probed without limit.
    for (let i = 0; i < 3; i += 1) expect((await postJson(h.app, PATH, { name: 'x' }, from('198.51.100.4'))).status).toBe(400);
    expect((await postJson(h.app, PATH, { name: 'x' }, from('198.51.100.4'))).status).toBe(429);
    // Only hashes of addresses are stored.
    expect(JSON.stringify(await h.items('rate'))).not.toContain('203.0.113.7');
  });

  it('keeps nothing a person typed out of the logs', async () => {
    const logger = new Logger({ serviceName: 'lockline-test', logLevel: 'DEBUG' });
    const failing: Mailer = {
      send: async (m) => {
        throw new Error(`cannot deliver to ${m.to}`);
      },
    };
    const h = await lockHarness({ logger, mailer: failing });
    const body = mailRequest({ name: 'Zebediah Quill', phone: '503-555-0199', address: { line1: '77 Secret Lane', city: 'Portland', state: 'OR', zip: '97201' } });
    const output = await captureOutput(async () => {
      await postJson(h.app, PATH, body);
      await postJson(h.app, PATH, { ...body, address: { ...body.address, zip: '9720' } });
      // The stream's sender tries the email (and logs its failure) on its own time: wait for it.
      await emailsSettled();
      await h.sweep();
    });
    expect(output).toContain('message failed');
    for (const secret of ['Zebediah', 'Quill', body.email, '555-0199', '5550199', 'Secret Lane', '97201', '9720']) {
      expect(output, secret).not.toContain(secret);
    }
  });
});

describe('the no-JavaScript form, over HTTP', () => {
  const formFor = (token: string, overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      formToken: token,
      website: '',
      delivery: 'pickup',
      siteId: 'library',
      lockType: 'cable',
      quantity: '1',
      name: 'Form Resident',
      email: `form-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
      phone: '',
      language: 'en',
      waitlist: 'yes',
      consent: 'yes',
      'address.line1': '',
      'address.line2': '',
      'address.city': '',
      'address.state': '',
      'address.zip': '',
      ...overrides,
    });
  const tokenFrom = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)![1]!;

  it('refuses a form sent too fast, with a forged token or a filled trap field, writing nothing; then accepts it', async () => {
    const h = await lockHarness({ config: { formMinFillSeconds: 3 } });
    const page = await h.app.request('/c/lockton/get-a-lock/request/');
    expect(page.status).toBe(200);
    const token = tokenFrom(await page.text());
    const post = (body: URLSearchParams, path = '/c/lockton/get-a-lock/request/') =>
      h.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

    const tooFast = await post(formFor(token));
    expect(tooFast.status).toBe(400);
    const tooFastHtml = await tooFast.text();
    expect(tooFastHtml).toContain('Please check your details and send the form again');
    expect(tooFastHtml).toContain('value="Form Resident"');
    expect(tooFastHtml).toMatch(/<title>Error: /);

    h.clock.advanceMinutes(1);
    const [issued, nonce] = token.split('.');
    expect((await post(formFor(`${Number(issued) - 600_000}.${nonce}.forgedforgedforgedforgedforgedfo`))).status).toBe(400);
    // Just under the minimum, to the millisecond, is still too fast.
    h.clock.advanceMinutes(-1);
    h.clock.advanceMinutes(2999 / 60_000);
    expect((await post(formFor(token))).status).toBe(400);
    h.clock.advanceMinutes(1);
    expect((await post(formFor(token, { website: 'https://spam.example' }))).status).toBe(400);
    expect((await post(formFor(`${token}.another`))).status).toBe(400); // one token, not a family of them
    expect(await h.count('lock_request')).toBe(0);

    const sent = formFor(token);
    const ok = await post(sent);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/c\/lockton\/get-a-lock\/status\/[2-9A-Z]{4}-[2-9A-Z]{4}\/[A-Za-z0-9_-]{32}\/$/);
    // The same form sent again (a double click, the back button) gives the same answer.
    const again = await post(sent);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(ok.headers.get('location'));
    // The same token with other answers is not a replay: the form comes back to be sent again.
    expect((await post(formFor(token, { name: 'Someone Else' }))).status).toBe(409);
    expect(await h.count('lock_request')).toBe(1);

    const status = await h.app.request(ok.headers.get('location')!);
    expect(status.status).toBe(200);
    const statusHtml = await status.text();
    expect(statusHtml).toContain('<meta name="robots" content="noindex">');
    expect(status.headers.get('cache-control')).toBe('private, no-store');
    expect(status.headers.get('content-security-policy')).toContain("default-src 'self'");

    // The API path takes the same form post and answers the same way.
    const apiToken = tokenFrom(await (await h.app.request('/c/lockton/get-a-lock/request/')).text());
    h.clock.advanceMinutes(1);
    const viaApi = await post(formFor(apiToken, { email: 'api-form@example.test', language: 'es' }), '/api/campaigns/lockton/lock-requests');
    expect(viaApi.status).toBe(303);
    expect(viaApi.headers.get('location')).toMatch(/^\/es\/c\/lockton\/get-a-lock\/status\//);
  });

  it('shows a page, not JSON, when the form is rate-limited, with Retry-After', async () => {
    const h = await lockHarness({ config: { submissionsPerHour: 1 } });
    const token = tokenFrom(await (await h.app.request('/es/c/lockton/get-a-lock/request/')).text());
    const post = (body: URLSearchParams) =>
      h.app.request('/es/c/lockton/get-a-lock/request/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await post(formFor(token))).status).toBe(303);
    const second = tokenFrom(await (await h.app.request('/es/c/lockton/get-a-lock/request/')).text());
    const limited = await post(formFor(second, { name: 'Other Resident' }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await limited.text();
    expect(html).toContain('Demasiados intentos');
    expect(html).toContain('data-crisis-banner');
  });

  it('answers unknown campaigns, bad status links and unknown lock paths with pages that keep the crisis lines', async () => {
    const h = await lockHarness();
    for (const path of [
      '/c/nowhere/get-a-lock/request/',
      '/c/lockton/get-a-lock/status/ABCD-2345/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/',
      '/c/lockton/get-a-lock/status/not-a-code/x/',
      '/c/lockton/get-a-lock/nothing-here/',
    ]) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(await res.text(), path).toContain('data-crisis-banner');
    }
  });
});

describe('fairness and privacy details', () => {
  const secretOf = (statusUrl: string) => statusUrl.split('/').filter(Boolean).at(-1)!;

  it('tells a waitlisted resident they are waiting (not that a lock is held), and lets nobody jump the line', async () => {
    const h = await lockHarness();
    const first = pickupRequest({ siteId: 'clinic', waitlist: true, quantity: 2 });
    const waiting = (await (await postJson(h.app, PATH, first)).json()) as Created;
    expect(waiting.status).toBe('waitlisted');
    expect((await emailsTo(first.email)).map((e) => e.subject)).toEqual([`Your free lock request ${waiting.confirmationCode}: on the waitlist`]);

    // One lock comes back: not enough for the first in line, and a newcomer may not take it.
    await h.deps.stock.add('lockton', 'clinic', 'cable', 1);
    h.clock.advanceMinutes(1);
    const newcomer = await postJson(h.app, PATH, pickupRequest({ siteId: 'clinic' }));
    expect(newcomer.status).toBe(409);
    h.clock.advanceMinutes(1);
    const patient = (await (await postJson(h.app, PATH, pickupRequest({ siteId: 'clinic', waitlist: true }))).json()) as Created;
    expect(patient.status).toBe('waitlisted');
    expect((await h.deps.stock.forCampaign('lockton')).get('clinic')?.cable).toBe(1);

    // A second lock: the first in line gets both, in order; the sweep serves what a restock missed.
    await h.deps.stock.add('lockton', 'clinic', 'cable', 1);
    expect((await h.sweep()).served).toBe(1);
    expect((await h.deps.lockRequests.get('lockton', waiting.confirmationCode))?.status).toBe('requested');
    expect((await h.deps.lockRequests.get('lockton', patient.confirmationCode))?.status).toBe('waitlisted');

    // Cancelling from the waitlist leaves the line; the next lock then goes to a newcomer only if nobody waits.
    const cancel = await h.app.request(`${PATH}/${patient.confirmationCode}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${secretOf(patient.statusUrl)}` } });
    expect(cancel.status).toBe(200);
    await h.deps.stock.add('lockton', 'clinic', 'cable', 1);
    expect((await postJson(h.app, PATH, pickupRequest({ siteId: 'clinic' }))).status).toBe(201);
  });

  it('shows an overdue reservation as lapsed without changing anything on a GET; the sweep makes the change', async () => {
    const h = await lockHarness();
    const created = (await (await postJson(h.app, PATH, pickupRequest({ lockType: 'box' }))).json()) as Created;
    h.clock.advanceDays(9);
    for (const method of ['GET', 'HEAD']) {
      const page = await h.app.request(new URL(created.statusUrl).pathname, { method });
      expect(page.status).toBe(200);
    }
    const html = await (await h.app.request(new URL(created.statusUrl).pathname)).text();
    expect(html).toContain('data-request-status="cancelled"');
    expect((await h.deps.lockRequests.get('lockton', created.confirmationCode))?.status).toBe('requested');
    expect((await h.deps.stock.forCampaign('lockton')).get('library')?.box).toBe(0);
    expect((await h.sweep()).lapsed).toBe(1);
    expect((await h.deps.stock.forCampaign('lockton')).get('library')?.box).toBe(1);
  });

  it('answers a replay from its stored response even when the client address is over the rate limit', async () => {
    const h = await lockHarness({ config: { submissionsPerHour: 1 } });
    const body = mailRequest();
    const first = await postJson(h.app, PATH, body, { 'idempotency-key': 'replay-after-limit-1' });
    expect(first.status).toBe(201);
    const again = await postJson(h.app, PATH, body, { 'idempotency-key': 'replay-after-limit-1' });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect((await postJson(h.app, PATH, mailRequest())).status).toBe(429);
  });

  it('sends one reminder a day however many repeats arrive together', async () => {
    const h = await lockHarness();
    const first = mailRequest();
    const created = (await (await postJson(h.app, PATH, first)).json()) as Created;
    const repeats = await Promise.all(Array.from({ length: 4 }, () => postJson(h.app, PATH, mailRequest({ email: first.email }))));
    expect(repeats.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const subjects = (await emailsTo(first.email)).map((e) => e.subject);
    expect(subjects.filter((s) => s.includes('reminder'))).toHaveLength(1);
    expect(subjects).toContain(`Your free lock request ${created.confirmationCode}`);
  });

  it('sends a reminder whose first send failed on its retry, and still only one that day', async () => {
    const working = sesMailer({ region: 'us-east-1', from: 'no-reply@lockline.test', endpoint: localEndpoints().sesEndpoint });
    let refused = 0;
    const refusesOneReminder: Mailer = {
      async send(message) {
        if (message.subject.endsWith(': reminder') && refused === 0) {
          refused += 1;
          throw Object.assign(new Error('busy'), { name: 'Throttling' });
        }
        return working.send(message);
      },
    };
    const h = await lockHarness({ mailer: refusesOneReminder });
    const first = mailRequest();
    const created = (await (await postJson(h.app, PATH, first)).json()) as Created;
    await postJson(h.app, PATH, mailRequest({ email: first.email }));
    await emailsSettled();
    expect(refused).toBe(1);
    // A repeat while the first reminder waits for its retry: that one marked the request, so this one's is dropped.
    await postJson(h.app, PATH, mailRequest({ email: first.email }));
    await emailsSettled();
    h.clock.advanceMinutes(2);
    await h.sweep();
    const reminders = (await emailsTo(first.email)).filter((e) => e.subject.endsWith(': reminder'));
    expect(reminders.map((e) => e.subject)).toEqual([`Your free lock request ${created.confirmationCode}: reminder`]);
  });

  it('ends a request nothing happened to before its retention ceiling: its place in line goes back, its last email goes, its data goes at the ceiling', async () => {
    const h = await lockHarness();
    const person = pickupRequest({ siteId: 'clinic', waitlist: true });
    const waiting = (await (await postJson(h.app, PATH, person)).json()) as Created;
    expect(waiting.status).toBe('waitlisted');
    h.clock.advanceDays(80);
    expect((await h.sweep()).expired).toBe(0);
    h.clock.advanceDays(9); // within two days of the 90-day ceiling
    const result = await h.sweep();
    expect(result.expired).toBe(1);
    // Its last email is sent from the stream, which reads the request: kept until the ceiling.
    expect((await emailsTo(person.email as string)).map((e) => e.subject)).toContain(`Your free lock request ${waiting.confirmationCode}: request ended`);
    expect((await h.deps.lockRequests.get('lockton', waiting.confirmationCode))?.status).toBe('cancelled');
    h.clock.advanceDays(1);
    // Gone for every reader at the 90-day ceiling, whatever happened (DynamoDB's TTL removes the item later).
    expect(await h.deps.lockRequests.get('lockton', waiting.confirmationCode)).toBeNull();
    // Its place in line was given back: the next request for that site is served as soon as stock comes.
    const stock = (await h.items('stock')).find((i) => i.sk === 'POOL#clinic')!;
    expect(stock.waiting_cable).toBe(0);
    const next = (await (await postJson(h.app, PATH, pickupRequest({ siteId: 'clinic', waitlist: true }))).json()) as Created;
    await staffPost(h.app, '/api/staff/campaigns/lockton/stock', { site: 'clinic', lockType: 'cable', quantity: 1 });
    expect((await h.deps.lockRequests.get('lockton', next.confirmationCode))?.status).toBe('requested');
  });

  it('keeps status links working after a campaign ends, and closes its waitlist so the data can expire', async () => {
    const h = await lockHarness();
    const held = (await (await postJson(h.app, PATH, mailRequest())).json()) as Created;
    const waiting = (await (await postJson(h.app, PATH, pickupRequest({ siteId: 'clinic', waitlist: true }))).json()) as Created;
    await h.deps.campaigns.put({ ...h.campaign, status: 'ended' });

    expect((await postJson(h.app, PATH, mailRequest())).status).toBe(404); // no new requests
    expect((await h.app.request(new URL(held.statusUrl).pathname)).status).toBe(200);
    const result = await h.sweep();
    expect(result.closed).toBe(1);
    const closed = (await h.items('lock_request')).find((i) => i.code === waiting.confirmationCode)!;
    expect(closed).toMatchObject({ status: 'cancelled', cancelReason: 'ended' });
    expect(typeof closed.expiresAt).toBe('number');
  });
});
