import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations, openPage, useBrowser } from '../../support/browser.ts';

/**
 * The staff console in Chromium, as a phone (360 px), in both languages: sign in through the local
 * issuer's login page (the production flow: authorization code with PKCE), read the counts and
 * charts, mark a lock request, restock, see the downloads and the audit log; axe-core on every
 * page; and once more with JavaScript off: the console has none and needs none.
 */
const baseUrl = inject('baseUrl');
const password = inject('staffPassword');
const browser = useBrowser();

const TEXT = {
  en: { prefix: '', signIn: 'Sign in', signInTitle: 'Sign in to the staff console', pick: 'Choose a campaign', requests: 'Lock requests', stock: 'Stock', exports: 'Downloads', audit: 'Audit log', save: 'Save', mailed: 'Mailed', restock: 'Add stock', signOut: 'Sign out', charts: 'Counts and charts' },
  es: { prefix: '/es', signIn: 'Iniciar sesión', signInTitle: 'Inicie sesión en la consola del personal', pick: 'Elija una campaña', requests: 'Solicitudes de candados', stock: 'Inventario', exports: 'Descargas', audit: 'Registro de auditoría', save: 'Guardar', mailed: 'Enviada', restock: 'Agregar inventario', signOut: 'Cerrar sesión', charts: 'Cifras y gráficas' },
} as const;

/** A mail request made through the public API (form token, then the post after the minimum fill time). */
async function mailRequest(name: string): Promise<string> {
  const { formToken } = (await (await fetch(`${baseUrl}/api/form-token`)).json()) as { formToken: string };
  await new Promise((r) => setTimeout(r, 1100));
  const res = await fetch(`${baseUrl}/api/campaigns/demo-city/lock-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'form-token': formToken },
    body: JSON.stringify({ name, email: `${name.replace(/\W/g, '')}-${Date.now()}@example.test`, delivery: 'mail', address: { line1: `${Date.now() % 10_000} Console Way`, city: 'Seattle', state: 'WA', zip: '98133' }, lockType: 'cable', quantity: 1, language: 'en', consent: true, waitlist: true }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { confirmationCode: string }).confirmationCode;
}

let checkAxe = true;

async function expectAccessible(page: Page, what: string) {
  // With JavaScript off axe cannot run; those runs check the flow works without it.
  if (!checkAxe) return;
  expect(await axeViolations(page), what).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what}: no sideways scrolling at 360 px`).toBeLessThanOrEqual(0);
}

describe.each([
  ['en', true],
  ['es', true],
  ['es', false],
] as const)('staff console (%s, JavaScript %s)', (locale, javaScript) => {
  const t = TEXT[locale];

  it('signs in through the local issuer, shows charts with tables, moves a request, restocks, and records it all; zero axe violations', async () => {
    checkAxe = javaScript;
    const code = await mailRequest(`Console Tester ${locale}`);
    const page = await openPage(browser(), { javaScriptEnabled: javaScript });
    try {
      await page.goto(`${baseUrl}${t.prefix}/staff/`);
      expect(await page.locator('h1').textContent()).toBe(t.signInTitle);
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      await expectAccessible(page, 'sign-in page');

      await page.getByRole('link', { name: t.signIn, exact: true }).click();
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${baseUrl}${t.prefix}/staff/`);
      expect(await page.getByRole('heading', { name: t.pick }).count()).toBe(1);
      if (javaScript) expect(await page.evaluate(() => Object.keys(localStorage).length + document.cookie.length)).toBe(0);
      const session = (await page.context().cookies()).find((c) => c.name === 'lockline-staff')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      await expectAccessible(page, 'campaign picker');

      await page.getByRole('link', { name: /Demo City/ }).click();
      expect(await page.getByRole('heading', { name: t.charts }).count()).toBe(1);
      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('.staff-chart table').count()).toBe(await charts.count());
      await expectAccessible(page, 'dashboard');

      await page.getByRole('navigation').getByRole('link', { name: t.requests }).click();
      await page.goto(`${page.url()}?status=waitlisted`.replace('requests/?', 'requests/?'));
      const row = page.locator('tr', { has: page.locator(`th:text-is("${code}")`) });
      if ((await row.count()) === 0) await page.goto(`${baseUrl}${t.prefix}/staff/c/demo-city/requests/?status=requested`);
      await expectAccessible(page, 'requests');
      const target = page.locator('tr', { has: page.locator(`th:text-is("${code}")`) });
      expect(await target.count()).toBe(1);
      await target.locator('select').selectOption((await target.locator('option[value="shipped"]').count()) ? 'shipped' : 'cancelled');
      await target.getByRole('button', { name: t.save }).click();
      await page.waitForURL(/\/requests\//);

      await page.goto(`${baseUrl}${t.prefix}/staff/c/demo-city/stock/`);
      await expectAccessible(page, 'stock');
      const card = page.locator('.staff-card').first();
      await card.locator('input[name="quantity"]').fill('3');
      await card.getByRole('button', { name: t.restock }).click();
      await page.waitForURL(/\/stock\/$/);

      await page.goto(`${baseUrl}${t.prefix}/staff/c/demo-city/emails/`);
      await expectAccessible(page, 'failed emails');

      await page.goto(`${baseUrl}${t.prefix}/staff/c/demo-city/exports/`);
      await expectAccessible(page, 'downloads');
      const download = page.waitForEvent('download');
      await page.locator('form[action$="lock-requests.csv"] select[name="status"]').selectOption('all');
      await page.locator('form[action$="lock-requests.csv"] button').click();
      const csv = await download;
      expect(csv.suggestedFilename()).toMatch(/^demo-city-lock-requests-\d{4}-\d{2}-\d{2}\.csv$/);

      await page.goto(`${baseUrl}${t.prefix}/staff/c/demo-city/audit/`);
      await expectAccessible(page, 'audit log');
      const log = await page.locator('main table').textContent();
      expect(log).toContain('lock_request.status');
      expect(log).toContain('stock.add');
      expect(log).toContain('lock_requests.export');
      expect(log).not.toContain(`Console Tester`);

      await page.getByRole('button', { name: t.signOut }).click();
      await page.waitForURL(`${baseUrl}/staff/`);
      await page.goto(`${baseUrl}${t.prefix}/staff/c/demo-city/`);
      expect(await page.locator('h1').textContent()).toBe(t.signInTitle);
    } finally {
      await page.context().close();
    }
  }, 150_000);
});
