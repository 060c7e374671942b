import { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent } from 'aws-lambda';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/src/app.ts';
import { sweep } from '../../functions/src/compose.ts';
import { sesEventsHandler } from '../../functions/src/platform/email/ses-events-handler.ts';
import type { Mailer } from '../../functions/src/platform/email/mailer.ts';
import { cloudWatchMetrics } from '../../functions/src/platform/metrics.ts';
import { csrfToken } from '../../functions/src/staff/sign-in/session.ts';
import { PLATFORM_ADMIN_GROUP } from '../../functions/src/staff/index.ts';
import { fuzzHarness, type FuzzHarness } from './fuzz/harness.ts';
import { testClock } from './lock-support.ts';

/**
 * Privacy canaries: distinctive personal data (a name, an email address, a street address, a
 * phone number, free-text notes, a client's IPv4 and IPv6 address) sent through every route that
 * takes personal data, good and bad, and through the sweep, the outbox (with every send failing),
 * the email-event handler and errors thrown by a failing dependency. None of it may appear, in any
 * encoding, in a log line, a metric, a staff audit record or an error answer. The one allowed echo:
 * a re-rendered form puts a person's own value back into the same field, for them.
 */
const CANARY = {
  name: 'Zqxcanary Vollmerhaus',
  email: 'canary.7f3k@example.test',
  line1: '4417 Canarywood Lane',
  phone: '+1 505 555 0199',
  notes: 'Zqxnote: my brother talks about ending it',
  ipv4: '203.0.113.77',
  ipv6: '2001:db8:77::1',
};

/** Every spelling of every canary we look for: plain and lower-cased (by a case-blind search), URL-encoded, JSON-escaped, base64, hex, and parts. */
function needles(): { what: string; text: string; exact?: boolean }[] {
  const out: { what: string; text: string; exact?: boolean }[] = [];
  const add = (what: string, text: string, exact = false) => out.push({ what, text, exact });
  for (const [what, value] of Object.entries(CANARY)) {
    add(what, value);
    add(`${what} url-encoded`, encodeURIComponent(value));
    add(`${what} form-encoded`, new URLSearchParams({ v: value }).toString().slice(2));
    add(`${what} json-escaped`, JSON.stringify(value).slice(1, -1));
    for (const v of [value, value.toLowerCase()]) {
      add(`${what} base64`, Buffer.from(v).toString('base64').replace(/=+$/, ''), true);
      add(`${what} base64url`, Buffer.from(v).toString('base64url'), true);
      add(`${what} hex`, Buffer.from(v).toString('hex'));
    }
  }
  for (const part of ['Zqxcanary', 'Vollmerhaus', 'canary.7f3k', 'Canarywood', 'Zqxnote', 'brother talks', '5550199', '555 0199', '555-0199', '505 555', '(505)']) add('part', part);
  // The client addresses, also as their rate-limit bucket's text (/24 of IPv4, /64 of IPv6).
  for (const prefix of ['203.0.113', '203-0-113', '2001:db8:77', '2001:0db8:0077']) add('address prefix', prefix);
  return out;
}

const NEEDLES = needles();

function leaksIn(text: string): string[] {
  const lower = text.toLowerCase();
  return NEEDLES.filter((n) => (n.exact ? text.includes(n.text) : lower.includes(n.text.toLowerCase()))).map((n) => `${n.what}: ${n.text}`);
}

interface Captured {
  label: string;
  status: number;
  body: string;
  headers: string;
  /** Form fields this request sent, whose own values a re-rendered form may show back. */
  sent: Record<string, string>;
}

const answers: Captured[] = [];
let output = '';
let h: FuzzHarness;
let clock: ReturnType<typeof testClock>;
const restore: (() => void)[] = [];

/** Every line the process writes (the Powertools logger and metrics write to stdout/stderr). */
function captureProcessOutput() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      output += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
}

/** A mailer that always fails, with an error that quotes the address and subject (as SES's can). */
const failingMailer: Mailer = {
  async send(message) {
    throw Object.assign(new Error(`Email address is not verified: ${message.to} (${message.subject})\n${message.to}`), { name: 'MessageRejected' });
  },
};

let ip = 0;
/** The client address headers the app trusts (CloudFront's), alternating IPv4 and IPv6, and a forwarded-for it does not. */
const client = () => ({ 'cloudfront-viewer-address': (ip++ % 2 ? `${CANARY.ipv6}:443` : `${CANARY.ipv4}:443`), 'x-forwarded-for': CANARY.ipv4, 'sec-fetch-site': 'same-origin' });

async function send(label: string, path: string, init: RequestInit & { form?: Record<string, string>; json?: unknown } = {}, app = h.app) {
  const headers: Record<string, string> = { ...client(), ...(init.headers as Record<string, string>) };
  let body = init.body;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await app.request(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  // A GET form's fields are its query string: the finder shows a person's ZIP back in its field.
  const query = Object.fromEntries(new URL(`http://localhost${path}`).searchParams);
  answers.push({ label, status: response.status, body: text, headers: JSON.stringify([...response.headers]), sent: { ...query, ...init.form } });
  return { status: response.status, text, location: response.headers.get('location') };
}

const token = () => h.formToken();
const person = { name: CANARY.name, email: CANARY.email, phone: CANARY.phone };
const address = { line1: CANARY.line1, line2: CANARY.notes.slice(0, 40), city: 'Portland', state: 'OR', zip: '97201' };
const bearer = async () => ({ authorization: `Bearer ${await h.staffToken([PLATFORM_ADMIN_GROUP])}` });

beforeAll(async () => {
  clock = testClock();
  h = await fuzzHarness({
    clock,
    logger: new Logger({ serviceName: 'lockline-canary', logLevel: 'DEBUG' }),
    config: { clientIpHeader: 'cloudfront-viewer-address', logLevel: 'DEBUG' },
    overrides: { metrics: cloudWatchMetrics('test'), mailer: failingMailer },
  });
  captureProcessOutput();
});

afterAll(() => {
  for (const undo of restore) undo();
});

describe('privacy canaries', () => {
  it('go through every lock request route, good and bad', async () => {
    const good = await send('lock json', '/api/campaigns/lockton/lock-requests', { headers: { 'form-token': await token() }, json: { ...person, delivery: 'mail', address, lockType: 'cable', quantity: 1, language: 'en', consent: true } });
    expect(good.status).toBe(201);
    const [, code, secret] = /status\/([^/]+)\/([^/]+)\/$/.exec((JSON.parse(good.text) as { statusUrl: string }).statusUrl)!;
    const bad = [
      { ...person, delivery: 'mail', address, lockType: 'cable', quantity: 1, language: 'en', consent: true, notes: CANARY.notes },
      { ...person, delivery: 'mail', address: { ...address, zip: CANARY.email, state: CANARY.name }, lockType: CANARY.name, quantity: CANARY.phone, language: CANARY.name, consent: CANARY.notes },
      { name: CANARY.email, email: CANARY.name, phone: CANARY.notes, delivery: CANARY.line1, siteId: CANARY.name, waitlist: CANARY.phone },
      { ...person, name: `${CANARY.name} `.repeat(10), delivery: 'pickup', siteId: 'library', lockType: 'cable', quantity: 1, language: 'en', consent: true },
    ];
    for (const body of bad) for (const lang of ['en', 'es']) await send('lock json invalid', '/api/campaigns/lockton/lock-requests', { headers: { 'form-token': await token(), 'accept-language': lang }, json: body });
    await send('lock body not json', '/api/campaigns/lockton/lock-requests', { headers: { 'form-token': await token(), 'content-type': 'application/json' }, body: `{"name": "${CANARY.name}", ${CANARY.notes}` });
    await send('lock oversize', '/api/campaigns/lockton/lock-requests', { headers: { 'form-token': await token() }, json: { ...person, notes: CANARY.notes.repeat(300) } });
    await send('lock wrong type', '/api/campaigns/lockton/lock-requests', { headers: { 'form-token': await token(), 'content-type': 'text/plain' }, body: CANARY.notes });
    const form = { name: CANARY.name, email: CANARY.email, phone: CANARY.phone, delivery: 'mail', 'address.line1': CANARY.line1, 'address.city': 'Portland', 'address.state': 'OR', 'address.zip': CANARY.phone, lockType: 'cable', quantity: '1', language: 'es', consent: 'yes', notes: CANARY.notes, website: '' };
    for (const path of ['/c/lockton/get-a-lock/request/', '/es/c/lockton/get-a-lock/request/', '/api/campaigns/lockton/lock-requests']) {
      await send('lock form invalid', path, { form: { ...form, formToken: await token() } });
      await send('lock form refused', path, { form: { ...form, formToken: 'not-a-token', website: CANARY.name } });
    }
    const { notes: _n, ...valid } = form;
    await send('lock form good', '/c/lockton/get-a-lock/request/', { form: { ...valid, email: `x.${CANARY.email}`, 'address.zip': '97201', formToken: await token() } });
    // The resident's own status, API and page, with the right and a wrong secret; then cancel.
    for (const s of [secret!, 'A'.repeat(32)]) {
      await send('status api', `/api/campaigns/lockton/lock-requests/${code}`, { headers: { authorization: `Bearer ${s}` } });
      await send('status page', `/c/lockton/get-a-lock/status/${code}/${s}/`);
    }
    await send('status api wrong', `/api/campaigns/lockton/lock-requests/${encodeURIComponent(CANARY.name)}`, { headers: { authorization: `Bearer ${CANARY.email}` } });
    await send('cancel page', `/c/lockton/get-a-lock/status/${code}/${secret}/cancel`, { method: 'POST', headers: { 'idempotency-key': CANARY.email } });
    await send('cancel api', `/api/campaigns/lockton/lock-requests/${code}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
  });

  it('go through pledges: sign, confirm, leave', async () => {
    const pledge = { name: CANARY.name, email: CANARY.email, zip: '97201', language: 'en', updates: true };
    await send('pledge json', '/api/campaigns/lockton/pledges', { headers: { 'form-token': await token() }, json: pledge });
    await send('pledge json national', '/api/pledges', { headers: { 'form-token': await token() }, json: { ...pledge, wantsLock: true } });
    for (const body of [{ ...pledge, zip: CANARY.phone, notes: CANARY.notes }, { ...pledge, name: CANARY.name.repeat(6), email: CANARY.name, language: CANARY.email, updates: CANARY.line1 }]) {
      for (const lang of ['en', 'es']) await send('pledge json invalid', '/api/pledges', { headers: { 'form-token': await token(), 'accept-language': lang }, json: body });
    }
    const form = { name: CANARY.name, email: CANARY.email, zip: CANARY.line1, language: 'en', updates: 'yes', notes: CANARY.notes, website: '' };
    for (const path of ['/pledge/', '/es/c/lockton/pledge/', '/api/campaigns/lockton/pledges']) {
      await send('pledge form invalid', path, { form: { ...form, formToken: await token() } });
    }
    await send('pledge form good', '/c/lockton/pledge/', { form: { ...form, zip: '97201', notes: '', email: `y.${CANARY.email}`, formToken: await token(), wantsLock: 'yes' } });
    // The links: genuine ones (the fixture pledge's), then altered ones carrying the canaries.
    const links = h.fixtures.links.lockton!;
    for (const kind of ['confirm', 'unsubscribe', 'delete'] as const) {
      await send(`pledge ${kind} page`, `/c/lockton/pledge/${kind}/${links[kind]}/`);
      await send(`pledge ${kind}`, `/c/lockton/pledge/${kind}/${links[kind]}/`, { method: 'POST', headers: { 'idempotency-key': CANARY.email } });
      await send(`pledge ${kind}`, `/c/lockton/pledge/${kind}/${links[kind]}/`, { method: 'POST' });
      await send(`pledge ${kind} forged`, `/c/lockton/pledge/${kind}/${encodeURIComponent(CANARY.email)}/`, { method: 'POST', form: { email: CANARY.email } });
    }
  });

  it('go through red-flag lookups, the finder and campaign pages', async () => {
    for (const q of [CANARY.name, CANARY.email, CANARY.phone]) {
      const v = encodeURIComponent(q);
      await send('erpo lookup', `/api/erpo/lookup?zip=${v}`, { headers: { 'accept-language': 'es' } });
      await send('erpo lookup extra', `/api/erpo/lookup?zip=97201&note=${v}`);
      await send('erpo lookup twice', `/api/erpo/lookup?zip=${v}&zip=${v}`);
      await send('erpo state', `/api/erpo/states/${v}`);
      await send('erpo find', '/api/erpo/find', { form: { zip: q, lang: 'es' } });
      await send('erpo find extra', '/api/erpo/find', { form: { zip: '97201', lang: q, name: q } });
      await send('pickup sites', `/api/campaigns/lockton/pickup-sites?zip=${v}`);
      await send('finder', `/get-a-lock/?zip=${v}`);
      await send('finder es', `/es/c/lockton/get-a-lock/?zip=${v}`);
      await send('campaign api', `/api/campaigns/${v}`);
      await send('campaign page', `/c/${v}/get-a-lock/`);
      await send('campaign pledge page', `/es/c/${v}/pledge/`);
      await send('pledge check email', `/pledge/check-email/?next=${v}`);
    }
  });

  it('go through the staff routes: lists, fulfilment, stock, exports, audit, the console', async () => {
    const staff = await bearer();
    const listed = (await (await h.app.request('/api/staff/campaigns/lockton/lock-requests', { headers: staff })).json()) as { requests: { code: string; name: string }[] };
    const mine = listed.requests.find((r) => r.name === CANARY.name)!;
    for (const q of ['', `?site=${encodeURIComponent(CANARY.name)}`, `?status=${encodeURIComponent(CANARY.email)}`, `?site=${encodeURIComponent(CANARY.name.toLowerCase())}`]) {
      await send('staff list', `/api/staff/campaigns/lockton/lock-requests${q}`, { headers: staff });
    }
    await send('staff move', `/api/staff/campaigns/lockton/lock-requests/${mine.code}/status`, { headers: staff, json: { status: 'ready' } });
    await send('staff move bad', `/api/staff/campaigns/lockton/lock-requests/${encodeURIComponent(CANARY.name)}/status`, { headers: staff, json: { status: CANARY.notes } });
    await send('staff stock', '/api/staff/campaigns/lockton/stock', { headers: staff, json: { site: CANARY.name, lockType: 'cable', quantity: 1 } });
    await send('staff stock good', '/api/staff/campaigns/lockton/stock', { headers: staff, json: { site: 'library', lockType: 'cable', quantity: 1 } });
    for (const path of ['lock-requests.csv?status=all&delivery=all', 'pledges.csv', `lock-requests.csv?from=${encodeURIComponent(CANARY.phone)}`, `pledges.csv?status=${encodeURIComponent(CANARY.email)}`]) {
      await send('staff export', `/api/staff/campaigns/lockton/${path}`, { headers: staff });
    }
    await send('staff audit bad', `/api/staff/campaigns/lockton/audit?cursor=${encodeURIComponent(CANARY.email)}`, { headers: staff });
    await send('staff failed emails', '/api/staff/campaigns/lockton/emails/failed', { headers: staff });
    await send('staff unauthenticated', '/api/staff/campaigns/lockton/lock-requests', { headers: { authorization: `Bearer ${CANARY.email}`, cookie: `lockline-staff=${encodeURIComponent(CANARY.name)}` } });
    // The console, with a session and its CSRF token.
    const session = await h.staffToken([PLATFORM_ADMIN_GROUP]);
    const cookie = { cookie: `lockline-staff=${session}` };
    const csrf = await csrfToken(h.deps.keyRing, session);
    for (const q of ['', `?site=${encodeURIComponent(CANARY.name)}&status=${encodeURIComponent(CANARY.email)}`, `?site=${encodeURIComponent(CANARY.name.toLowerCase())}`]) {
      await send('console requests', `/staff/c/lockton/requests/${q}`, { headers: cookie });
    }
    await send('console move', `/staff/c/lockton/requests/${mine.code}`, { headers: cookie, form: { status: 'shipped', back: `?site=${CANARY.name}`, csrf } });
    await send('console move bad', `/es/staff/c/lockton/requests/${encodeURIComponent(CANARY.name)}`, { headers: cookie, form: { status: CANARY.email, csrf } });
    await send('console stock bad', '/es/staff/c/lockton/stock/', { headers: cookie, form: { site: CANARY.name, lockType: CANARY.email, quantity: CANARY.phone, csrf } });
    await send('console no csrf', '/staff/c/lockton/stock/', { headers: cookie, form: { site: 'library', lockType: 'cable', quantity: '1', csrf: CANARY.name } });
    await send('console sign out', '/staff/sign-out', { headers: cookie, form: { csrf: CANARY.email } });
    await send('console callback', `/staff/callback?state=${encodeURIComponent(CANARY.email)}&code=${encodeURIComponent(CANARY.name)}`);
    await send('staff audit', '/api/staff/campaigns/lockton/audit', { headers: staff });
  });

  it('go through errors: unknown paths and methods, and a dependency that fails with the data in its message', async () => {
    await send('404 api', `/api/${encodeURIComponent(CANARY.name)}`);
    await send('404 page', `/${encodeURIComponent(CANARY.email)}/get-a-lock/`);
    await send('405', '/api/campaigns/lockton/lock-requests', { method: 'DELETE', json: person });
    await send('405 page', '/pledge/', { method: 'PUT', form: { name: CANARY.name } });
    const failure = () => Promise.reject(Object.assign(new Error(`Item {name: ${CANARY.name}, email: ${CANARY.email}}\nfor ${CANARY.ipv4} at ${CANARY.line1}`), { name: 'ValidationException' }));
    const broken = createApp({
      ...h.deps,
      erpo: { list: failure, get: failure, putAll: failure },
      campaigns: { ...h.deps.campaigns, get: failure, listLive: failure },
    });
    await send('thrown api', `/api/erpo/lookup?zip=97201`, {}, broken);
    await send('thrown page', '/c/lockton/get-a-lock/', {}, broken);
    await send('thrown post', '/api/campaigns/lockton/lock-requests', { headers: { 'form-token': await token() }, json: person }, broken);
  });

  it('go through the email-event handler, the outbox retries and the sweep', async () => {
    const handler = sesEventsHandler({ suppressions: h.deps.suppressions, logger: h.deps.logger });
    const sns = (message: string): SNSEvent => ({ Records: [{ Sns: { Message: message } }] }) as unknown as SNSEvent;
    const recipients = [{ emailAddress: CANARY.email, diagnosticCode: `smtp; 550 ${CANARY.email} unknown (${CANARY.name})` }];
    for (const message of [
      JSON.stringify({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: recipients }, mail: { destination: [CANARY.email], commonHeaders: { subject: CANARY.name } } }),
      JSON.stringify({ eventType: 'Complaint', complaint: { complainedRecipients: recipients } }),
      JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: recipients } }),
      `not json ${CANARY.email} ${CANARY.name}`,
    ]) {
      await handler(sns(message));
    }
    // Every send failed (failingMailer): the sweep retries them until they are kept for staff.
    for (const minutes of [3, 2, 6, 31, 121, 60 * 24 * 3]) {
      clock.advanceMinutes(minutes);
      await sweep(h.services, h.deps.metrics);
    }
    await send('staff failed emails after', '/api/staff/campaigns/lockton/emails/failed', { headers: await bearer() });
    await send('console failed emails', '/staff/c/lockton/emails/', { headers: { cookie: `lockline-staff=${await h.staffToken([PLATFORM_ADMIN_GROUP])}` } });
  });

  it('appear in no log line, metric, audit record or error answer', async () => {
    for (const undo of restore) undo();
    // The capture saw the logs and metrics: the check is not vacuous.
    expect(output).toContain('"message":"request"');
    expect(output).toContain('"message":"message failed, will retry"');
    expect(output).toContain('"_aws"');
    expect(output).toContain('RefusedSubmissions');
    const leakyLines = output.split('\n').filter((line) => leaksIn(line).length);
    expect(leakyLines.map((line) => line.slice(0, 300)), 'in the logs and metrics').toEqual([]);

    const snapshot = await h.snapshot();
    const audit = [...snapshot.values()].filter((item) => item.includes('"entity":"audit"'));
    expect(audit.length).toBeGreaterThan(5);
    expect(audit.flatMap(leaksIn), 'in the audit records').toEqual([]);
    const kept = [...snapshot.values()].filter((item) => /"entity":"(suppression|outbox|rate|idempotency|household)"/.test(item));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.flatMap(leaksIn), 'in suppression, outbox, rate, idempotency and household items').toEqual([]);

    const errors = answers.filter((a) => a.status >= 400);
    expect(errors.length).toBeGreaterThan(60);
    const found = errors.flatMap((a) => leaksIn(withoutOwnValues(a)).map((leak) => `${a.label} (${a.status}): ${leak}`));
    expect(found, 'in error answers').toEqual([]);
    // Headers of every answer (a Location must not carry what was typed).
    expect(answers.flatMap((a) => leaksIn(a.headers).map((leak) => `${a.label}: ${leak}`)), 'in answer headers').toEqual([]);
    // Where the audit list itself is answered, it holds none either.
    const auditAnswer = answers.find((a) => a.label === 'staff audit')!;
    expect(auditAnswer.status).toBe(200);
    expect(leaksIn(auditAnswer.body)).toEqual([]);
  });
});

/**
 * An error answer without the one allowed echo: a re-rendered page may put a person's own value
 * back into the `value` of the same field. Error text, the error summary and JSON never may.
 */
function withoutOwnValues(answer: Captured): string {
  if (!answer.body.trimStart().startsWith('<')) return answer.body;
  const root = parse(answer.body);
  for (const input of root.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    if (name && answer.sent[name] !== undefined && input.getAttribute('value') === answer.sent[name]) input.removeAttribute('value');
  }
  return root.toString();
}
