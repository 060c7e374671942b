import type { Page, Response } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { lintPage } from '../../scripts/content-lint.ts';
import { campaignTimeZone } from '../../functions/src/domain/campaign.ts';
import demoCity from '../../site/src/content/campaigns/demo-city.json' with { type: 'json' };
import { axeViolations, openPage, useBrowser } from '../support/browser.ts';
import { signInThroughIssuer } from '../support/staff-sign-in.ts';

/**
 * The free-lock request form, the private status page and the emails, end to end in Chromium, in
 * English and Spanish, with JavaScript on and off (the pages have none of their own: everything is
 * plain HTML forms). The table persists across test files in one run, so every household here has
 * its own email address and street address.
 */

const baseUrl = inject('baseUrl');
const mailUrl = inject('mailUrl');
const staffPassword = inject('staffPassword');
let staffSession: string | undefined;
const browser = useBrowser();

const CODE = /^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/;
/** The e2e platform refuses a form sent less than 1 s after it was shown; a person takes longer. */
const MIN_FILL_MS = 1100;
const RESERVATION_DAYS = 14;

/** The words the tests look for, copied from functions/src/pages/* and domain/lock-request.ts. */
const TEXT = {
  en: {
    prefix: '',
    // Form (pages/lock-request.ts)
    mail: 'By mail',
    pickup: 'Pick it up at a site',
    site: 'Pickup site',
    line1: 'Address line 1',
    city: 'Town or city',
    state: 'State or territory',
    zip: 'ZIP code',
    name: 'Your name',
    email: 'Email address',
    waitlist: 'If there are none left, put me on the waitlist',
    consent: 'You may contact me about this request only',
    send: 'Send my request',
    problem: 'There is a problem',
    // Messages (domain/lock-request.ts, domain/zip.ts)
    formAgain: 'Please check your details and send the form again',
    zipInvalid: 'Enter a ZIP code with 5 digits, like 97201',
    zipState: 'This ZIP code is not in the state you chose',
    stockNone: 'None of these are left here right now',
    // Finder (pages/get-a-lock.ts)
    reserve: 'Reserve a lock here',
    centralLibrary: 'Demo City Central Library (sample site)',
    // Status (pages/lock-status.ts)
    holdUntil: 'Held for you until',
    cancel: 'Cancel my request',
    askAgain: 'Ask for a lock again',
    notFound: 'We could not find that request',
    dateLocale: 'en-US',
    // Emails (email/lock-emails.ts)
    emailSubject: 'Your free lock request',
  },
  es: {
    prefix: '/es',
    mail: 'Por correo',
    pickup: 'Recogerlo en un lugar de entrega',
    site: 'Lugar de entrega',
    line1: 'Dirección, línea 1',
    city: 'Ciudad o pueblo',
    state: 'Estado o territorio',
    zip: 'Código postal (ZIP)',
    name: 'Su nombre',
    email: 'Correo electrónico',
    waitlist: 'Si no quedan, póngame en la lista de espera',
    consent: 'Pueden contactarme solo sobre esta solicitud',
    send: 'Enviar mi solicitud',
    problem: 'Hay un problema',
    formAgain: 'Revise sus datos y envíe el formulario otra vez',
    zipInvalid: 'Escriba un código postal de 5 dígitos, como 97201',
    zipState: 'Este código postal no corresponde al estado que eligió',
    stockNone: 'No quedan de estos aquí por ahora',
    reserve: 'Apartar un candado aquí',
    centralLibrary: 'Biblioteca Central de Demo City (lugar de ejemplo)',
    holdUntil: 'Se lo guardamos hasta',
    cancel: 'Cancelar mi solicitud',
    askAgain: 'Pedir un candado otra vez',
    notFound: 'No encontramos esa solicitud',
    dateLocale: 'es-US',
    emailSubject: 'Su solicitud de candado gratis',
  },
} as const;

type Locale = keyof typeof TEXT;
type Text = (typeof TEXT)[Locale];

// ---------------------------------------------------------------------------------------------
// People: one household each.

interface Person {
  name: string;
  email: string;
  line1: string;
  city: string;
  state: string;
  zip: string;
}

let households = 0;
function newPerson(label: string): Person {
  households += 1;
  const id = `${Date.now().toString(36)}${households}`;
  return {
    name: `Test ${label} ${id}`,
    email: `e2e-${label}-${id}@example.com`,
    line1: `${households}${Date.now() % 100_000} Test Street`,
    city: 'Demo City',
    state: 'WA',
    zip: '98101',
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const formPath = (t: Text) => `${t.prefix}/c/demo-city/get-a-lock/request/`;
const statusPattern = (t: Text) => new RegExp(`^${t.prefix}/c/demo-city/get-a-lock/status/([^/]+)/([A-Za-z0-9_-]{32})/$`);

const page = (js: boolean, viewport?: { width: number; height: number }): Promise<Page> =>
  openPage(browser(), { javaScriptEnabled: js, ...(viewport ? { viewport } : {}) });

/** When each page last showed a fresh form (and so a fresh form token). */
const shownAt = new WeakMap<Page, number>();

async function openForm(t: Text, js: boolean, viewport?: { width: number; height: number }): Promise<Page> {
  const p = await page(js, viewport);
  const response = await p.goto(`${baseUrl}${formPath(t)}`);
  expect(response?.status()).toBe(200);
  shownAt.set(p, Date.now());
  return p;
}

/** Waits until the form on the page has been shown for longer than the minimum fill time. */
async function waitForFillTime(p: Page): Promise<void> {
  const wait = (shownAt.get(p) ?? 0) + MIN_FILL_MS - Date.now();
  if (wait > 0) await sleep(wait);
}

/**
 * Runs an action that loads a new document (a form post, a link) and waits for it. Returns the
 * status of every main-frame response on the way, e.g. [303, 200] for post-redirect-get.
 */
async function navigate(p: Page, action: () => Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  const onResponse = (r: Response) => {
    if (r.request().isNavigationRequest() && r.frame() === p.mainFrame()) statuses.push(r.status());
  };
  p.on('response', onResponse);
  try {
    const committed = p.waitForEvent('framenavigated', { predicate: (f) => f === p.mainFrame() });
    await action();
    await committed;
    await p.waitForLoadState('load');
  } finally {
    p.off('response', onResponse);
  }
  shownAt.set(p, Date.now());
  return statuses;
}

/** Presses the send button; returns the status of the page it ends on. */
async function submit(p: Page, t: Text): Promise<number> {
  const statuses = await navigate(p, () => p.getByRole('button', { name: t.send }).click());
  return statuses.at(-1) ?? 0;
}

async function fillContact(p: Page, t: Text, person: Person): Promise<void> {
  await p.getByLabel(t.name).fill(person.name);
  await p.getByLabel(t.email).fill(person.email);
  await p.getByLabel(t.consent).check();
}

async function fillMailForm(p: Page, t: Text, person: Person): Promise<void> {
  await p.getByLabel(t.mail).check();
  await p.getByLabel(t.line1).fill(person.line1);
  await p.getByLabel(t.city).fill(person.city);
  await p.getByLabel(t.state).selectOption(person.state);
  await p.getByLabel(t.zip).fill(person.zip);
  await fillContact(p, t, person);
}

async function fillPickupForm(p: Page, t: Text, person: Person, siteId: string): Promise<void> {
  await p.getByLabel(t.pickup).check();
  await p.getByLabel(t.site, { exact: true }).selectOption(siteId);
  await fillContact(p, t, person);
}

/** The code, status and secret shown on a status page. */
async function statusOf(p: Page, t: Text) {
  const match = statusPattern(t).exec(new URL(p.url()).pathname);
  expect(match, `${p.url()} is not a status page`).not.toBeNull();
  return {
    code: (await p.locator('[data-confirmation-code]').textContent())?.trim() ?? '',
    status: await p.locator('[data-request-status]').getAttribute('data-request-status'),
    pathCode: match![1]!,
    secret: match![2]!,
  };
}

const activeId = (p: Page) => p.evaluate(() => document.activeElement?.id ?? '');

// ---------------------------------------------------------------------------------------------
// Outside the browser: the local SES store and the staff API.

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

async function emailsTo(address: string, atLeast = 1): Promise<StoredEmail[]> {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const store = (await (await fetch(`${mailUrl}/store`)).json()) as { emails: StoredEmail[] };
    const found = store.emails.filter((e) => e.destination.to.some((to) => to.includes(address)));
    if (found.length >= atLeast) return found;
    await sleep(100);
  }
  throw new Error(`No email to ${address} arrived at the local SES.`);
}

type StaffRow = { code: string; name: string; status: string; possibleDuplicateOf?: string };

async function staffRequests(): Promise<StaffRow[]> {
  staffSession ??= await signInThroughIssuer({ siteUrl: baseUrl, app: (url, init) => fetch(url, init), username: 'fulfilment', password: staffPassword });
  const res = await fetch(`${baseUrl}/api/staff/campaigns/demo-city/lock-requests`, { headers: { cookie: `lockline-staff=${staffSession}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { requests: StaffRow[] }).requests;
}

/** A date as the status page shows it: in the campaign's own time zone (a hold ends at the end of a local day). */
const longDate = (t: Text, date: Date) =>
  new Intl.DateTimeFormat(t.dateLocale, { dateStyle: 'long', timeZone: campaignTimeZone(demoCity as { state: 'WA'; timeZone?: string }) }).format(date);

// ---------------------------------------------------------------------------------------------

describe.each(['en', 'es'] as const)('lock request (%s)', (locale) => {
  const t = TEXT[locale];

  it.each([false, true])('sends a mail request, lands on the status page in the same language and emails the link (JavaScript on: %s)', async (js) => {
    const person = newPerson('mail');
    const p = await openForm(t, js);
    expect(await p.getAttribute('html', 'lang')).toBe(locale);
    await fillMailForm(p, t, person);
    await waitForFillTime(p);
    const statuses = await navigate(p, () => p.getByRole('button', { name: t.send }).click());
    expect(statuses).toEqual([303, 200]);

    const { code, status, pathCode, secret } = await statusOf(p, t);
    expect(await p.getAttribute('html', 'lang')).toBe(locale);
    expect(code).toMatch(CODE);
    expect(pathCode).toBe(code);
    expect(status).toBe('requested');

    const [email] = await emailsTo(person.email);
    expect(email!.subject).toBe(`${t.emailSubject} ${code}`);
    expect(email!.body.text).toContain(`${baseUrl}${t.prefix}/c/demo-city/get-a-lock/status/${code}/${secret}/`);
    expect(email!.body.text).not.toContain(person.name);
    await p.context().close();
  });

  it('reserves a pickup from the finder: the site comes preselected and the status page shows it and the hold date', async () => {
    const person = newPerson('finder');
    const p = await page(false);
    await p.goto(`${baseUrl}${t.prefix}/c/demo-city/get-a-lock/`);
    await navigate(p, () => p.locator('[data-site="central-library"]').getByRole('link', { name: t.reserve }).click());
    expect(new URL(p.url()).pathname).toBe(formPath(t));
    expect(new URL(p.url()).searchParams.get('site')).toBe('central-library');
    expect(await p.getByLabel(t.site, { exact: true }).inputValue()).toBe('central-library');
    expect(await p.getByLabel(t.pickup).isChecked()).toBe(true);

    await fillContact(p, t, person);
    await waitForFillTime(p);
    const before = longDate(t, new Date(Date.now() + RESERVATION_DAYS * 86_400_000));
    expect(await submit(p, t)).toBe(200);
    const after = longDate(t, new Date(Date.now() + RESERVATION_DAYS * 86_400_000));

    const { status } = await statusOf(p, t);
    expect(status).toBe('requested');
    await expect(p.locator('main').textContent()).resolves.toContain(t.centralLibrary);
    const held = (await p.locator('dt', { hasText: t.holdUntil }).locator('xpath=following-sibling::dd[1]').textContent())?.trim();
    expect([before, after]).toContain(held);
    await p.context().close();
  });

  it.each([false, true])('shows errors with the GOV.UK pattern, keeps what was typed, passes axe (JavaScript on: %s)', async (js) => {
    const person = newPerson('errors');
    const p = await openForm(t, js);
    await waitForFillTime(p);

    // Nothing filled in.
    expect(await submit(p, t)).toBe(400);
    expect(await p.title()).toMatch(/^Error: /);
    const summary = p.locator('[data-error-summary]');
    await expect(summary.locator('h2').textContent()).resolves.toBe(t.problem);
    // Styled like the static pages' summary (global styles, not a component's scoped ones).
    expect(await summary.evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('5px');
    // `autofocus` is plain HTML: the summary takes focus with JavaScript off too.
    expect(await p.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    const first = summary.locator('a').first();
    const target = (await first.getAttribute('href'))?.replace(/^#/, '');
    // Mail is the default choice, so the address comes first; every problem is listed at once.
    expect(target).toBe('address-line1');
    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#address-line1', '#name', '#email', '#consent']));
    await first.click();
    expect(await activeId(p)).toBe(target);

    // A name and a bad ZIP code: both kept, the ZIP code marked.
    await p.getByLabel(t.mail).check();
    await p.getByLabel(t.name).fill(person.name);
    await p.getByLabel(t.zip).fill('123');
    expect(await submit(p, t)).toBe(400);
    expect(await p.getByLabel(t.mail).isChecked()).toBe(true);
    expect(await p.getByLabel(t.name).inputValue()).toBe(person.name);
    expect(await p.getByLabel(t.zip).inputValue()).toBe('123');
    expect(await p.getByLabel(t.zip).getAttribute('aria-invalid')).toBe('true');
    await expect(p.locator('#address-zip-error').textContent()).resolves.toContain(t.zipInvalid);
    // axe-core needs JavaScript in the page (it hangs without); the HTML is the same either way.
    if (js) expect(await axeViolations(p)).toEqual([]);

    // A ZIP code in another state.
    await fillMailForm(p, t, { ...person, state: 'WA', zip: '97201' });
    expect(await submit(p, t)).toBe(400);
    await expect(p.locator('#address-zip-error').textContent()).resolves.toContain(t.zipState);
    await expect(summary.textContent()).resolves.toContain(t.zipState);
    expect(await p.getByLabel(t.line1).inputValue()).toBe(person.line1);
    expect(await p.getByLabel(t.state).inputValue()).toBe('WA');
    expect(await staffRequests()).not.toContainEqual(expect.objectContaining({ name: person.name }));
    await p.context().close();
  });

  it('refuses a filled trap field and a form sent too fast, then takes the same form sent at a person’s pace', async () => {
    const person = newPerson('trap');
    const p = await openForm(t, false);
    await fillPickupForm(p, t, person, 'central-library');
    await p.evaluate(() => {
      (document.getElementById('website') as HTMLInputElement).value = 'https://spam.example/';
    });
    await waitForFillTime(p);
    expect(await submit(p, t)).toBe(400);
    await expect(p.locator('[data-error-summary]').textContent()).resolves.toContain(t.formAgain);
    expect(await p.locator('#website').inputValue()).toBe('');
    expect(await p.getByLabel(t.name).inputValue()).toBe(person.name);
    expect(await staffRequests()).not.toContainEqual(expect.objectContaining({ name: person.name }));

    // Sent again at once: too fast for the fresh token.
    expect(await submit(p, t)).toBe(400);
    await expect(p.locator('[data-error-summary]').textContent()).resolves.toContain(t.formAgain);
    expect(await staffRequests()).not.toContainEqual(expect.objectContaining({ name: person.name }));

    // Sent again after a moment: accepted.
    await waitForFillTime(p);
    expect(await submit(p, t)).toBe(200);
    const { code, status } = await statusOf(p, t);
    expect(status).toBe('requested');
    expect(await staffRequests()).toContainEqual(expect.objectContaining({ name: person.name, code }));
    await p.context().close();
  });

  it('refuses an out-of-stock pickup without the waitlist box (409), then waitlists it when the box is ticked', async () => {
    const person = newPerson('waitlist');
    const p = await openForm(t, true);
    expect(await p.getByLabel(t.waitlist).isChecked()).toBe(true);
    await fillPickupForm(p, t, person, 'eastside-clinic');
    await p.getByLabel(t.waitlist).uncheck();
    await waitForFillTime(p);
    expect(await submit(p, t)).toBe(409);
    expect(await p.title()).toMatch(/^Error: /);
    expect(await p.getByLabel(t.waitlist).getAttribute('aria-invalid')).toBe('true');
    await expect(p.locator('#waitlist-error').textContent()).resolves.toContain(t.stockNone);
    await expect(p.locator('[data-error-summary] a[href="#waitlist"]').count()).resolves.toBe(1);
    expect(await p.getByLabel(t.site, { exact: true }).inputValue()).toBe('eastside-clinic');
    expect(await p.getByLabel(t.waitlist).isChecked()).toBe(false);
    expect(await axeViolations(p)).toEqual([]);

    await p.getByLabel(t.waitlist).check();
    expect(await submit(p, t)).toBe(200);
    const { code, status } = await statusOf(p, t);
    expect(code).toMatch(CODE);
    expect(status).toBe('waitlisted');
    await p.context().close();
  });

  it('has a private, accessible status page whose cancel button works without JavaScript', async () => {
    const person = newPerson('status');
    const p = await openForm(t, false);
    await fillPickupForm(p, t, person, 'central-library');
    await waitForFillTime(p);
    expect(await submit(p, t)).toBe(200);
    const statusUrl = p.url();
    const { code } = await statusOf(p, t);
    expect(await p.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    expect(await p.locator('[data-crisis-banner]').isVisible()).toBe(true);
    expect(lintPage(await p.content(), locale, new URL(statusUrl).pathname).findings).toEqual([]);

    // axe runs with JavaScript on (it hangs without): the same page in a second context, at 320 px.
    const q = await page(true, { width: 320, height: 640 });
    expect((await q.goto(statusUrl))?.status()).toBe(200);
    expect(await q.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await axeViolations(q)).toEqual([]);
    await q.context().close();

    const statuses = await navigate(p, () => p.getByRole('button', { name: t.cancel }).click());
    expect(statuses).toEqual([303, 200]);
    expect(p.url()).toBe(statusUrl);
    expect((await statusOf(p, t)).status).toBe('cancelled');
    expect(await p.getByRole('button', { name: t.cancel }).count()).toBe(0);
    const again = p.getByRole('link', { name: t.askAgain });
    expect(await again.isVisible()).toBe(true);
    expect(await again.getAttribute('href')).toBe(formPath(t));
    expect(await staffRequests()).toContainEqual(expect.objectContaining({ code, status: 'cancelled' }));
    await p.context().close();

    const cancelled = await page(true);
    await cancelled.goto(statusUrl);
    expect((await statusOf(cancelled, t)).status).toBe('cancelled');
    expect(await axeViolations(cancelled)).toEqual([]);
    await cancelled.context().close();

    // A wrong (well-formed) secret and a malformed one: a 404 page, not JSON.
    const wrong = statusUrl.replace(/\/[A-Za-z0-9_-]{32}\/$/, `/${'A'.repeat(32)}/`);
    for (const url of [wrong, statusUrl.replace(/\/[A-Za-z0-9_-]{32}\/$/, '/nope/')]) {
      const res = await fetch(url);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const body = await res.text();
      expect(body).toContain(t.notFound);
      expect(body).toContain('data-crisis-banner');
      expect(lintPage(body, locale).findings).toEqual([]);
    }
    const missing = await page(true);
    expect((await missing.goto(wrong))?.status()).toBe(404);
    expect(await missing.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    expect(await axeViolations(missing)).toEqual([]);
    await missing.context().close();
  });

  it('shows a first-view form with zero axe violations and no content-lint findings', async () => {
    const p = await openForm(t, true);
    expect(await p.locator('[data-crisis-banner]').isVisible()).toBe(true);
    expect(await p.locator('[data-error-summary]').count()).toBe(0);
    expect(await axeViolations(p)).toEqual([]);
    expect(lintPage(await p.content(), locale, formPath(t)).findings).toEqual([]);
    await p.context().close();
  });

  it('answers a second request from the same home exactly like a first one: its own status page, the match shown to staff only', async () => {
    const person = newPerson('dup');
    const p = await openForm(t, false);
    await fillMailForm(p, t, person);
    await waitForFillTime(p);
    expect(await submit(p, t)).toBe(200);
    const first = await statusOf(p, t);
    await p.context().close();

    // Someone else in the home asks with the same address (another name and email).
    const other = { ...newPerson('dup2'), line1: person.line1 };
    const q = await openForm(t, true);
    await fillMailForm(q, t, other);
    await waitForFillTime(q);
    expect(await submit(q, t)).toBe(200);
    const second = await statusOf(q, t);
    expect(second.code).not.toBe(first.code);
    expect(second.status).toBe('requested');
    await expect(q.locator('main').textContent()).resolves.not.toContain(first.code);
    expect(await axeViolations(q)).toEqual([]);
    const staff = await staffRequests();
    expect(staff.find((r) => r.code === second.code)).toMatchObject({ possibleDuplicateOf: first.code });
    // Each person hears only about their own request.
    expect((await emailsTo(other.email, 1)).map((e) => e.subject)).toEqual([`${t.emailSubject} ${second.code}`]);
    expect((await emailsTo(person.email, 1)).every((e) => !e.body.text?.includes(second.code))).toBe(true);
    await q.context().close();
  });

  it('reflows at 320 px without horizontal scrolling', async () => {
    const p = await openForm(t, true, { width: 320, height: 640 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await p.context().close();
  });

  it('can be used with the keyboard: Tab reaches the first radio, arrows choose, Space ticks, Tab reaches the send button', async () => {
    const p = await openForm(t, true);
    let presses = 0;
    const tabUntil = async (reached: () => Promise<boolean>) => {
      while (presses < 60) {
        await p.keyboard.press('Tab');
        presses += 1;
        if (await reached()) return true;
      }
      return false;
    };

    expect(await tabUntil(async () => (await activeId(p)) === 'delivery')).toBe(true);
    expect(await p.getByLabel(t.mail).isChecked()).toBe(true);
    await p.keyboard.press('ArrowDown');
    expect(await p.getByLabel(t.pickup).isChecked()).toBe(true);
    expect(await activeId(p)).toBe('delivery-pickup');

    expect(await tabUntil(async () => (await activeId(p)) === 'consent')).toBe(true);
    await p.keyboard.press('Space');
    expect(await p.getByLabel(t.consent).isChecked()).toBe(true);

    const onSend = () => p.evaluate(() => document.activeElement?.matches('form button[type="submit"]') ?? false);
    expect(await tabUntil(onSend)).toBe(true);
    await expect(p.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(t.send);
    await p.context().close();
  });
});
