import { beforeAll, describe, expect, it } from 'vitest';
import { MAIL_POOL } from '../../../functions/src/locks/index.ts';
import { mailRequest, pickupRequest } from '../lock-support.ts';
import { pledgeBody } from '../pledges/support.ts';
import { emailsByRecipient, faultHarness, formToken, type FaultHarness, type Item } from './support.ts';
import type { FaultKind, FaultTiming } from '../../support/fault-injection.ts';
import { hashKey } from '../../../functions/src/platform/abuse/idempotency-store.ts';

/**
 * Issue 15, injected faults: DynamoDB throttling, 5xx, refused and reset connections and timeouts
 * on every call. Every route, read or write, JSON or page, answers 503 with Retry-After (never a
 * 500), in the request's language, pages with the crisis lines; and a submission whose write was
 * refused, or applied with its answer lost, is in the table whole or not at all.
 */
let h: FaultHarness;
let status: { api: string; page: string; esPage: string; secret: string; code: string };
let confirmPath: string;

beforeAll(async () => {
  h = await faultHarness({ seed: 15 });
  const res = await postLock(pickupRequest({ siteId: 'library' }), await formToken(h.app));
  expect(res.status).toBe(201);
  const { confirmationCode, statusUrl } = (await res.json()) as { confirmationCode: string; statusUrl: string };
  const page = new URL(statusUrl).pathname;
  const secret = page.split('/').at(-2)!;
  status = { api: `/api/campaigns/${h.campaign.slug}/lock-requests/${confirmationCode}`, page, esPage: `/es${page}`, secret, code: confirmationCode };
  const pledge = pledgeBody();
  expect((await postJson(`/api/campaigns/${h.campaign.slug}/pledges`, pledge, await formToken(h.app))).status).toBe(202);
  h.clock.advanceMinutes(3); // the sweep sends what is queued (this file reads no stream)
  await h.sweep();
  const mail = (await emailsByRecipient([pledge.email])).get(pledge.email)!;
  confirmPath = new URL(/https?:\/\/\S+\/pledge\/confirm\/\S+?\//.exec(mail.at(-1)?.body.text ?? '')![0]).pathname;
});

function postJson(path: string, body: unknown, token: string, headers: Record<string, string> = {}) {
  return h.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'form-token': token, ...headers }, body: JSON.stringify(body) });
}
const postLock = (body: unknown, token: string, headers: Record<string, string> = {}) => postJson(`/api/campaigns/${h.campaign.slug}/lock-requests`, body, token, headers);

function postForm(path: string, fields: Record<string, string>) {
  return h.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams(fields).toString(),
  });
}

function lockForm(token: string, language: 'en' | 'es'): Record<string, string> {
  const r = mailRequest({ language });
  const a = r.address as Record<string, string>;
  return {
    formToken: token,
    website: '',
    name: String(r.name),
    email: String(r.email),
    delivery: 'mail',
    'address.line1': a.line1!,
    'address.city': a.city!,
    'address.state': a.state!,
    'address.zip': a.zip!,
    lockType: 'cable',
    quantity: '1',
    language,
    consent: 'yes',
  };
}

interface Probe {
  name: string;
  locale: 'en' | 'es';
  as: 'json' | 'page';
  send(token: string): Response | Promise<Response>;
}

const slug = () => h.campaign.slug;
const es = { 'accept-language': 'es-US,es;q=0.9' };
const PROBES: Probe[] = [
  // Reads
  { name: 'campaign list', locale: 'en', as: 'json', send: () => h.app.request('/api/campaigns') },
  { name: 'pickup sites near a ZIP (es)', locale: 'es', as: 'json', send: () => h.app.request(`/api/campaigns/${slug()}/pickup-sites?zip=97201`, { headers: es }) },
  { name: 'red-flag lookup by ZIP', locale: 'en', as: 'json', send: () => h.app.request('/api/erpo/lookup?zip=97201') },
  { name: 'red-flag state (es)', locale: 'es', as: 'json', send: () => h.app.request('/api/erpo/states/OR', { headers: es }) },
  { name: 'request status (JSON)', locale: 'en', as: 'json', send: () => h.app.request(status.api, { headers: { authorization: `Bearer ${status.secret}` } }) },
  { name: 'pledge count', locale: 'en', as: 'json', send: () => h.app.request(`/api/campaigns/${slug()}/pledges/count`) },
  { name: 'finder page', locale: 'en', as: 'page', send: () => h.app.request('/get-a-lock/?zip=97201') },
  { name: 'campaign finder page (es)', locale: 'es', as: 'page', send: () => h.app.request(`/es/c/${slug()}/get-a-lock/`) },
  { name: 'request form page', locale: 'en', as: 'page', send: () => h.app.request(`/c/${slug()}/get-a-lock/request/`) },
  { name: 'status page (es)', locale: 'es', as: 'page', send: () => h.app.request(status.esPage) },
  { name: 'campaign pledge page', locale: 'en', as: 'page', send: () => h.app.request(`/c/${slug()}/pledge/`) },
  { name: 'campaign pledge count frame (es)', locale: 'es', as: 'page', send: () => h.app.request(`/es/c/${slug()}/pledge-count/`) },
  // Writes
  { name: 'lock request (JSON)', locale: 'en', as: 'json', send: (t) => postLock(mailRequest(), t) },
  { name: 'lock request (JSON, es)', locale: 'es', as: 'json', send: (t) => postLock(pickupRequest({ language: 'es' }), t, es) },
  { name: 'lock request (form post to the page, es)', locale: 'es', as: 'page', send: (t) => postForm(`/es/c/${slug()}/get-a-lock/request/`, lockForm(t, 'es')) },
  { name: 'lock request (form post to the API, es)', locale: 'es', as: 'page', send: (t) => postForm(`/api/campaigns/${slug()}/lock-requests`, lockForm(t, 'es')) },
  { name: 'pledge (JSON, es)', locale: 'es', as: 'json', send: (t) => postJson(`/api/campaigns/${slug()}/pledges`, pledgeBody({ language: 'es' }), t, es) },
  {
    name: 'national pledge (form post)',
    locale: 'en',
    as: 'page',
    send: (t) => {
      const { name, email, zip, language } = pledgeBody();
      return postForm('/pledge/', { formToken: t, website: '', name, email, zip, language });
    },
  },
  { name: 'pledge confirm button', locale: 'en', as: 'page', send: () => postForm(confirmPath, {}) },
  { name: 'cancel button on the status page', locale: 'en', as: 'page', send: () => postForm(`${status.page}cancel`, {}) },
  { name: 'cancel (JSON)', locale: 'en', as: 'json', send: () => h.app.request(`${status.api}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${status.secret}` } }) },
];

async function expectUnavailable(probe: Probe, res: Response) {
  const where = `${probe.name}: `;
  expect(res.status, `${where}status`).toBe(503);
  expect(res.headers.get('retry-after'), `${where}Retry-After`).toBe('5');
  expect(res.headers.get('cache-control'), `${where}Cache-Control`).toContain('no-store');
  const text = await res.text();
  if (probe.as === 'json') {
    expect(res.headers.get('content-type'), where).toContain('application/json');
    const body = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code, where).toBe('unavailable');
    expect(body.error.requestId, where).toBe(res.headers.get('x-request-id'));
    expect(body.error.message, where).toMatch(probe.locale === 'es' ? /Inténtelo de nuevo|Envíelo otra vez/ : /try again|send it again/);
    return;
  }
  expect(res.headers.get('content-type'), where).toContain('text/html');
  expect(text, where).toContain(`<html lang="${probe.locale}"`);
  expect(text, `${where}crisis banner`).toContain('href="tel:988"');
  expect(text, where).toContain(probe.locale === 'es' ? 'No pudimos terminar esto ahora' : 'We could not finish this just now');
}

describe('every route when DynamoDB fails', () => {
  const cases: [FaultKind, FaultTiming][] = [
    ['internal-server-error', 'before'],
    ['connection-refused', 'before'],
    ['timeout', 'after'],
    ['transaction-throttled', 'before'],
  ];
  for (const [kind, timing] of cases) {
    it(`answers 503 with Retry-After in the request's language, never 500 (${kind}, ${timing} the call)`, async () => {
      const answers: string[] = [];
      for (const probe of PROBES) {
        const token = await formToken(h.app);
        // Past the warm function's campaign cache, so every probe reads the table (CAMPAIGN_CACHE_MS).
        h.clock.advanceMinutes(2);
        // A transaction-only fault lets reads through: those answer normally.
        h.faults.set({ rate: 1, kinds: [kind], timing: [timing] });
        const res = await probe.send(token);
        h.faults.off();
        answers.push(`${probe.name}: ${res.status}`);
        expect(res.status, probe.name).not.toBe(500);
        if (kind === 'transaction-throttled' && res.status !== 503) {
          expect(res.status, probe.name).toBeLessThan(500);
          continue;
        }
        await expectUnavailable(probe, res);
      }
      expect(answers.some((a) => a.endsWith(': 503'))).toBe(true);
    });
  }

  it('answers 503 while DynamoDB throttles every call, after the SDK backs off and gives up', async () => {
    const probes = PROBES.filter((p) => ['pickup sites near a ZIP (es)', 'lock request (JSON, es)', 'status page (es)', 'national pledge (form post)'].includes(p.name));
    for (const probe of probes) {
      const token = await formToken(h.app);
      h.faults.set({ rate: 1, kinds: ['throttling', 'provisioned-throughput', 'request-limit'], timing: ['before'] });
      const res = await probe.send(token);
      h.faults.off();
      await expectUnavailable(probe, res);
    }
  });
});

/** Every item a lock request writes, found by its code (and the idempotency record by the key's hash). */
function lockFamily(items: Item[], code: string) {
  return {
    request: items.filter((i) => i.entity === 'lock_request' && i.code === code).length,
    households: items.filter((i) => i.entity === 'household' && i.code === code).length,
    outbox: items.filter((i) => i.entity === 'outbox' && i.ref === code).length,
  };
}

const stockOf = (items: Item[], pool: string) => {
  const item = items.find((i) => i.entity === 'stock' && i.sk === `POOL#${pool}`);
  expect(item, `stock of ${pool}`).toBeDefined();
  return item!.stock as Record<string, number>;
};

describe('a submission under faults', () => {
  it('writes nothing when the transaction is refused, and every item at once when its answer is lost; the retry gets the same answer', async () => {
    for (const timing of ['before', 'after'] as const) {
      const before = await h.scan();
      const body = mailRequest();
      const token = await formToken(h.app);
      const key = `fault-${timing}-${Date.now()}`;
      // Every attempt at the transaction fails (the SDK's three included); everything else works.
      h.faults.set({ rate: 1, operations: ['TransactWriteItems'], kinds: ['internal-server-error', 'connection-reset', 'timeout'], timing: [timing] });
      const failed = await postLock(body, token, { 'idempotency-key': key });
      h.faults.off();
      expect(failed.status).toBe(503);
      const during = await h.scan();
      const requests = during.filter((i) => i.entity === 'lock_request' && i.email === body.email);
      const answers = (items: Item[]) => items.filter((i) => i.pk === `IDEMPOTENCY#locks:${slug()}#${hashKey(key)}`).length;
      if (timing === 'before') {
        // Nothing of it: no request, no household claim, no stored answer, no email queued, no stock taken.
        expect(requests).toHaveLength(0);
        expect(answers(during)).toBe(0);
        expect(during.filter((i) => i.entity !== 'rate')).toHaveLength(before.filter((i) => i.entity !== 'rate').length);
        expect(stockOf(during, MAIL_POOL).cable).toBe(stockOf(before, MAIL_POOL).cable);
      } else {
        // All of it: the request, its two household claims (address and email), the stored
        // answer, the queued email, and one lock taken.
        expect(requests).toHaveLength(1);
        const code = String(requests[0]!.code);
        expect(lockFamily(during, code)).toEqual({ request: 1, households: 2, outbox: 1 });
        expect(answers(during)).toBe(1);
        expect(stockOf(during, MAIL_POOL).cable).toBe(stockOf(before, MAIL_POOL).cable! - 1);
      }
      // The client sends the same request again: stored once, the same answer for a lost one.
      const again = await postLock(body, token, { 'idempotency-key': key });
      expect(again.status).toBe(201);
      const after = await h.scan();
      const stored = after.filter((i) => i.entity === 'lock_request' && i.email === body.email);
      expect(stored).toHaveLength(1);
      if (timing === 'after') expect(((await again.json()) as { confirmationCode: string }).confirmationCode).toBe(requests[0]!.code);
      expect(lockFamily(after, String(stored[0]!.code)).households).toBe(2);
      expect(answers(after)).toBe(1);
      expect(stockOf(after, MAIL_POOL).cable).toBe(stockOf(before, MAIL_POOL).cable! - 1);
    }
  });

  it('writes a pledge, its stored answer and its email together or not at all, and confirms it once', async () => {
    for (const timing of ['before', 'after'] as const) {
      const body = pledgeBody();
      const token = await formToken(h.app);
      h.faults.set({ rate: 1, operations: ['TransactWriteItems'], kinds: ['internal-server-error', 'timeout'], timing: [timing] });
      const failed = await postJson(`/api/campaigns/${slug()}/pledges`, body, token);
      h.faults.off();
      expect(failed.status).toBe(503);
      const pledges = (await h.items('pledge')).filter((p) => p.scope === h.campaign.slug);
      const outbox = (await h.items('outbox')).filter((o) => o.topic === 'pledge');
      const count = (items: Item[]) => items.length;
      const again = await postJson(`/api/campaigns/${slug()}/pledges`, body, token);
      expect(again.status).toBe(202);
      const after = (await h.items('pledge')).filter((p) => p.scope === h.campaign.slug);
      expect(count(after)).toBe(timing === 'before' ? count(pledges) + 1 : count(pledges));
      // A lost answer left the pledge and its email entry; the retry added neither. A refused
      // write left nothing, and the retry queued the one entry (this file reads no stream).
      expect(count((await h.items('outbox')).filter((o) => o.topic === 'pledge'))).toBe(timing === 'before' ? count(outbox) + 1 : count(outbox));
      expect(after.filter((p) => p.email === body.email)).toHaveLength(1);
      expect(pledges.filter((p) => p.email === body.email)).toHaveLength(timing === 'after' ? 1 : 0);
    }
    // The confirm button pressed while the answer is lost: counted once, and the page says done.
    const counters = async () => (await h.items('pledge_count')).reduce((sum, c) => sum + Number(c.confirmed ?? 0), 0);
    const before = await counters();
    h.faults.set({ rate: 1, operations: ['TransactWriteItems'], kinds: ['internal-server-error'], timing: ['after'] });
    const lost = await postForm(confirmPath, {});
    h.faults.off();
    expect(lost.status).toBe(503);
    expect(await counters()).toBe(before + 1);
    const retried = await postForm(confirmPath, {});
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toContain('/thanks/');
    expect(await counters()).toBe(before + 1);
  });
});
