import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../functions/src/domain/time-zones.ts';
import { emailsTo, lockHarness, mailRequest, pickupRequest, postJson, staffHeaders, type LockHarness } from './lock-support.ts';

const PATH = '/api/campaigns/lockton/lock-requests';
const CODE = /^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/;

interface Created {
  confirmationCode: string;
  status: string;
  statusUrl: string;
  duplicate?: boolean;
}

const secretOf = (statusUrl: string) => statusUrl.split('/').filter(Boolean).at(-1)!;

describe('lock requests on DynamoDB Local and local SES', () => {
  let h: LockHarness;
  beforeAll(async () => {
    h = await lockHarness();
  });

  it('takes a JSON mail request: 201 with a short code, stock taken, confirmation emailed', async () => {
    const body = mailRequest();
    const res = await postJson(h.app, PATH, body);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as Created;
    expect(created.confirmationCode).toMatch(CODE);
    expect(created.status).toBe('requested');
    expect(created.statusUrl).toMatch(new RegExp(`/c/lockton/get-a-lock/status/${created.confirmationCode}/[A-Za-z0-9_-]{32}/$`));

    expect((await h.deps.stock.forCampaign('lockton')).get('_mail')?.cable).toBe(9);
    const [email] = await emailsTo(body.email);
    expect(email?.subject).toContain(created.confirmationCode);
    expect(email?.body.text).toContain(created.statusUrl);
    expect(email?.body.text).toContain('988');
    // Nothing about the person is repeated in the email.
    expect(email?.body.text).not.toContain(body.name);
    expect(email?.body.text).not.toContain('Test Street');
    // Sent from the table's stream, so no outbox entry is left waiting for the sweep.
    expect(await h.count('outbox')).toBe(0);

    const stored = (await h.items('lock_request')).find((i) => i.code === created.confirmationCode)!;
    // Kept at most the campaign's retention days (90) from its last change, from the day it is made.
    expect(stored.expiresAt).toBe(Math.floor(Date.parse(String(stored.createdAt)) / 1000) + 90 * 86_400);
    expect(stored.status).toBe('requested');
    // Nothing in the table opens the status page: no secret is stored.
    expect(JSON.stringify(stored)).not.toContain(created.statusUrl.split('/').at(-2));
  });

  it('reserves a lock at a pickup site and holds it for the campaign’s days', async () => {
    const res = await postJson(h.app, PATH, pickupRequest({ lockType: 'box', language: 'es' }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.statusUrl).toContain('/es/c/lockton/get-a-lock/status/');
    const view = await h.app.request(`${PATH}/${created.confirmationCode}`, { headers: { authorization: `Bearer ${secretOf(created.statusUrl)}` } });
    const { request } = (await view.json()) as { request: { status: string; holdUntil: string; siteId: string } };
    expect(request.siteId).toBe('library');
    // Through the end of the 7th day where the site is (Oregon), whatever the hour of the request.
    const holdUntil = new Date(request.holdUntil);
    expect(localDate(holdUntil, 'America/Los_Angeles')).toBe(localDate(new Date(h.clock.now().getTime() + 7 * 86_400_000), 'America/Los_Angeles'));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Los_Angeles', timeStyle: 'medium' }).format(holdUntil)).toBe('23:59:59');
    expect((await h.deps.stock.forCampaign('lockton')).get('library')?.box).toBe(0);
  });

  it('refuses bad input with field errors in the person’s language and writes nothing', async () => {
    const before = await h.count('lock_request');
    const householdsBefore = await h.count('household');
    const cases: [unknown, string][] = [
      [mailRequest({ favouriteColour: 'blue' }), 'favouriteColour'],
      [mailRequest({ quantity: 'two' }), 'quantity'],
      [mailRequest({ quantity: 3 }), 'quantity'],
      [mailRequest({ consent: 'yes' }), 'consent'],
      [mailRequest({ email: undefined, phone: undefined }), 'email'],
      [mailRequest({ phone: '123' }), 'phone'],
      [mailRequest({ address: { line1: '1 A St', city: 'Portland', state: 'WA', zip: '97201' } }), 'address.zip'],
      [mailRequest({ address: { line1: '1 A St', city: 'Portland', state: 'OR', zip: '00000' } }), 'address.zip'],
      [mailRequest({ lockType: 'box' }), 'lockType'], // the mail programme offers cable locks only
      [pickupRequest({ siteId: 'nowhere' }), 'siteId'],
      [mailRequest({ language: 'fr' }), 'language'],
      [[], '_'],
    ];
    for (const [body, field] of cases) {
      const res = await postJson(h.app, PATH, body, { 'accept-language': 'es-US,es;q=0.9' });
      expect(res.status, field).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(error.fields), JSON.stringify(error.fields)).toContain(field);
    }
    const zipState = await postJson(h.app, PATH, cases[6]![0], { 'accept-language': 'es' });
    expect(((await zipState.json()) as { error: { fields: Record<string, string[]> } }).error.fields['address.zip']).toEqual([
      'Este código postal no corresponde al estado que eligió',
    ]);

    const notJson = await h.app.request(PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(notJson.status).toBe(400);
    const wrongType = await h.app.request(PATH, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(wrongType.status).toBe(415);
    const longName = await postJson(h.app, PATH, mailRequest({ name: 'x'.repeat(101) }));
    expect(longName.status).toBe(400);
    expect(Object.keys(((await longName.json()) as { error: { fields: object } }).error.fields)).toEqual(['name']);
    const oversize = await postJson(h.app, PATH, mailRequest({ name: 'x'.repeat(9000) }));
    expect(oversize.status).toBe(413);
    const unknownCampaign = await postJson(h.app, '/api/campaigns/nowhere/lock-requests', mailRequest());
    expect(unknownCampaign.status).toBe(404);

    expect(await h.count('lock_request')).toBe(before);
    expect(await h.count('household')).toBe(householdsBefore);
  });

  it('answers a repeat from the same household exactly like a first request, and marks it for staff only', async () => {
    const first = mailRequest({ address: { line1: '12 Elm Street, Apt 4', city: 'Portland', state: 'OR', zip: '97201' } });
    const created = (await (await postJson(h.app, PATH, first)).json()) as Created;

    // Someone else types the same home's address, however it is written.
    const sameAddress = mailRequest({ address: { line1: '12 ELM ST #4', city: 'portland', state: 'OR', zip: '97201-1234' } });
    const byAddress = await postJson(h.app, PATH, sameAddress);
    const fresh = await postJson(h.app, PATH, mailRequest());
    // Same status, same body shape, its own code and link: nothing says the home asked before.
    expect(byAddress.status).toBe(fresh.status);
    const repeat = (await byAddress.json()) as Created;
    expect(Object.keys(repeat).sort()).toEqual(Object.keys((await fresh.json()) as Created).sort());
    expect(repeat.confirmationCode).not.toBe(created.confirmationCode);
    expect(JSON.stringify(repeat)).not.toContain(created.confirmationCode);
    expect(repeat.statusUrl).not.toBe(created.statusUrl);

    // Staff see the match; the submitter's own status answer does not show it.
    const staffList = (await (await h.app.request('/api/staff/campaigns/lockton/lock-requests', { headers: staffHeaders })).json()) as {
      requests: { code: string; possibleDuplicateOf?: string }[];
    };
    expect(staffList.requests.find((r) => r.code === repeat.confirmationCode)?.possibleDuplicateOf).toBe(created.confirmationCode);
    const secret = repeat.statusUrl.split('/').at(-2)!;
    const own = await h.app.request(`${PATH}/${repeat.confirmationCode}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(JSON.stringify(await own.json())).not.toContain(created.confirmationCode);
    const csv = await (await h.app.request('/api/staff/campaigns/lockton/lock-requests.csv', { headers: staffHeaders })).text();
    expect(csv.split('\r\n')[0]).toContain('possible_duplicate_of');
    expect(csv).toContain(`${repeat.confirmationCode},`);

    // The second person gets their own confirmation; the first contact hears nothing of it.
    expect((await emailsTo(sameAddress.email)).map((e) => e.subject)).toEqual([`Your free lock request ${repeat.confirmationCode}`]);
    expect((await emailsTo(first.email)).map((e) => e.subject)).toEqual([`Your free lock request ${created.confirmationCode}`]);
  });

  it('reminds a repeat from the same email address of the earlier request, through that address only', async () => {
    const first = mailRequest();
    const created = (await (await postJson(h.app, PATH, first)).json()) as Created;
    const again = (await (await postJson(h.app, PATH, mailRequest({ email: first.email.toUpperCase() }))).json()) as Created;
    expect(again.confirmationCode).not.toBe(created.confirmationCode);
    const subjects = [...(await emailsTo(first.email)), ...(await emailsTo(first.email.toUpperCase()))].map((e) => e.subject).sort();
    expect(subjects).toEqual(
      [`Your free lock request ${created.confirmationCode}`, `Your free lock request ${created.confirmationCode}: reminder`, `Your free lock request ${again.confirmationCode}`].sort(),
    );
  });

  it('answers a repeat the same way through the no-JavaScript form: a 303 to its own status page', async () => {
    const form = (email: string) =>
      new URLSearchParams({ delivery: 'pickup', siteId: 'library', lockType: 'cable', quantity: '1', name: 'Form Home', email, phone: '', language: 'en', consent: 'yes', website: '' });
    const post = async (email: string) => {
      const page = await (await h.app.request('/c/lockton/get-a-lock/request/')).text();
      const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
      const body = form(email);
      body.set('formToken', token);
      return h.app.request('/c/lockton/get-a-lock/request/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    };
    const email = `form-home-${Date.now()}@example.test`;
    const first = await post(email);
    const repeat = await post(email);
    expect(first.status).toBe(303);
    expect(repeat.status).toBe(303);
    expect(repeat.headers.get('location')).toMatch(/^\/c\/lockton\/get-a-lock\/status\/[A-Z0-9-]{9}\/[\w-]{32}\/$/);
    expect(repeat.headers.get('location')).not.toBe(first.headers.get('location'));
    const page = await (await h.app.request(repeat.headers.get('location')!)).text();
    expect(page).not.toContain(first.headers.get('location')!.split('/')[5]);
  });

  it('replays an Idempotency-Key with the same answer and writes nothing new', async () => {
    const body = mailRequest();
    const key = `key-${Date.now()}-abcdef`;
    const first = await postJson(h.app, PATH, body, { 'idempotency-key': key });
    const before = await h.count('lock_request');
    const again = await postJson(h.app, PATH, body, { 'idempotency-key': key });
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.json());
    expect(await h.count('lock_request')).toBe(before);

    const reused = await postJson(h.app, PATH, mailRequest(), { 'idempotency-key': key });
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    const bad = await postJson(h.app, PATH, mailRequest(), { 'idempotency-key': 'short' });
    expect(bad.status).toBe(400);
    expect(await h.count('lock_request')).toBe(before);
  });

  it('refuses when a site is out of stock, or waitlists when asked, then serves the waitlist in order on restock', async () => {
    // The clinic starts with no cable locks.
    const refused = await postJson(h.app, PATH, pickupRequest({ siteId: 'clinic' }));
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('out_of_stock');

    const waiting: (Created & { email: string })[] = [];
    for (const quantity of [1, 2, 1]) {
      h.clock.advanceMinutes(1); // arrival order is time order
      const body = pickupRequest({ siteId: 'clinic', waitlist: true, quantity });
      const res = await postJson(h.app, PATH, body);
      expect(res.status).toBe(201);
      waiting.push({ ...((await res.json()) as Created), email: body.email });
    }
    expect(waiting.map((w) => w.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);

    const denied = await h.app.request('/api/staff/campaigns/lockton/stock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'clinic', lockType: 'cable', quantity: 2 }),
    });
    expect(denied.status).toBe(401);

    // Two locks: the first (1) and second (2) in line cannot both be served; strict order stops at the second.
    const restock = await h.app.request('/api/staff/campaigns/lockton/stock', {
      method: 'POST',
      headers: { ...staffHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'clinic', lockType: 'cable', quantity: 2 }),
    });
    expect(restock.status).toBe(200);
    expect(await restock.json()).toEqual({ site: 'clinic', lockType: 'cable', stock: 1, servedFromWaitlist: 1 });

    const statusOf = async (w: Created) =>
      ((await (await h.app.request(`${PATH}/${w.confirmationCode}`, { headers: { authorization: `Bearer ${secretOf(w.statusUrl)}` } })).json()) as {
        request: { status: string };
      }).request.status;
    expect(await Promise.all(waiting.map(statusOf))).toEqual(['requested', 'waitlisted', 'waitlisted']);
    const told = await emailsTo(waiting[0]!.email);
    expect(told.map((e) => e.subject)).toContain(`Your free lock request ${waiting[0]!.confirmationCode}: now available`);

    const more = await h.app.request('/api/staff/campaigns/lockton/stock', {
      method: 'POST',
      headers: { ...staffHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'clinic', lockType: 'cable', quantity: 2 }),
    });
    expect(((await more.json()) as { servedFromWaitlist: number; stock: number }).servedFromWaitlist).toBe(2);
    expect(await Promise.all(waiting.map(statusOf))).toEqual(['requested', 'requested', 'requested']);
    expect((await h.deps.stock.forCampaign('lockton')).get('clinic')?.cable).toBe(0);
  });

  it('lets the resident see and cancel the request with the link’s secret only; cancelling returns the stock', async () => {
    const body = mailRequest();
    const created = (await (await postJson(h.app, PATH, body)).json()) as Created;
    const secret = secretOf(created.statusUrl);
    const stockBefore = (await h.deps.stock.forCampaign('lockton')).get('_mail')!.cable!;

    const wrong = await h.app.request(`${PATH}/${created.confirmationCode}`, { headers: { authorization: `Bearer ${'x'.repeat(32)}` } });
    expect(wrong.status).toBe(404);
    const none = await h.app.request(`${PATH}/${created.confirmationCode}`);
    expect(none.status).toBe(404);

    const view = await h.app.request(`${PATH}/${created.confirmationCode.replace('-', '').toLowerCase()}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(view.status).toBe(200);
    const viewed = (await view.json()) as { request: Record<string, unknown> };
    expect(viewed.request).not.toHaveProperty('name');
    expect(viewed.request).not.toHaveProperty('email');
    expect(viewed.request).not.toHaveProperty('address');

    const cancel = await h.app.request(`${PATH}/${created.confirmationCode}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { request: { status: string; cancelReason: string } }).request).toMatchObject({
      status: 'cancelled',
      cancelReason: 'resident',
    });
    expect((await h.deps.stock.forCampaign('lockton')).get('_mail')!.cable).toBe(stockBefore + 1);

    // Cancelling ends the household's claim: the same home may ask again.
    const again = await postJson(h.app, PATH, { ...body, name: 'Test Resident again' });
    expect(again.status).toBe(201);
  });

  it('deletes personal data after the retention days: TTL is set when final, and reads ignore expired items', async () => {
    const created = (await (await postJson(h.app, PATH, mailRequest())).json()) as Created;
    const staff = staffHeaders;
    const shipped = await h.app.request(`/api/staff/campaigns/lockton/lock-requests/${created.confirmationCode}/status`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ status: 'shipped' }),
    });
    expect(shipped.status).toBe(200);
    const item = (await h.items('lock_request')).find((i) => i.code === created.confirmationCode)!;
    expect(item.expiresAt).toBe(Math.floor(h.clock.now().getTime() / 1000) + 90 * 86_400);

    const clock = h.clock;
    clock.advanceDays(91);
    try {
      const gone = await h.app.request(`${PATH}/${created.confirmationCode}`, { headers: { authorization: `Bearer ${secretOf(created.statusUrl)}` } });
      expect(gone.status).toBe(404);
      const list = (await (await h.app.request('/api/staff/campaigns/lockton/lock-requests?status=shipped', { headers: staff })).json()) as {
        requests: { confirmationCode?: string; code?: string }[];
      };
      expect(list.requests.map((r) => r.code)).not.toContain(created.confirmationCode);
    } finally {
      clock.advanceDays(-91);
    }
  });
});
