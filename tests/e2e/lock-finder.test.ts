import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { lintPage } from '../../scripts/content-lint.ts';
import { axeViolations, openPage, useBrowser } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const page = (js: boolean): Promise<Page> => openPage(browser(), { javaScriptEnabled: js });

const locales = [
  { locale: 'en', prefix: '', zipLabel: 'ZIP code', button: 'Find sites near me', problem: 'There is a problem', noQuestions: 'No questions asked' },
  { locale: 'es', prefix: '/es', zipLabel: 'Código postal (ZIP)', button: 'Buscar lugares de entrega cerca de mí', problem: 'Hay un problema', noQuestions: 'Sin preguntas' },
] as const;

describe.each(locales)('lock finder ($locale)', ({ locale, prefix, zipLabel, button, problem, noQuestions }) => {
  it.each([false, true])('sorts the campaign’s pickup sites by distance from a ZIP code (JavaScript on: %s)', async (js) => {
    const p = await page(js);
    await p.goto(`${baseUrl}${prefix}/c/demo-city/get-a-lock/`);
    expect(await p.getAttribute('html', 'lang')).toBe(locale);
    await p.getByLabel(zipLabel).fill('98133');
    await p.getByRole('button', { name: button }).click();
    await p.waitForURL(/zip=98133/);
    const ids = await p.locator('[data-site]').evaluateAll((els) => els.map((e) => e.getAttribute('data-site')));
    expect(ids).toEqual(['north-fire-station', 'central-library', 'eastside-clinic']);
    await expect(p.locator('[data-site="eastside-clinic"]').getAttribute('data-in-stock')).resolves.toBe('false');
    await expect(p.locator('[data-site="north-fire-station"]').textContent()).resolves.toContain(noQuestions);
    await expect(p.locator('[data-crisis-banner]').isVisible()).resolves.toBe(true);
    await p.context().close();
  });

  it('shows the GOV.UK error pattern for a bad ZIP code, keeps the value, with zero axe violations', async () => {
    const p = await page(true);
    const response = await p.goto(`${baseUrl}${prefix}/get-a-lock/?zip=12a`);
    expect(response?.status()).toBe(400);
    expect(await p.title()).toMatch(/^Error: /);
    await expect(p.locator('[data-error-summary] h2').textContent()).resolves.toBe(problem);
    expect(await p.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await p.locator('#zip').inputValue()).toBe('12a');
    expect(await p.locator('#zip').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(p)).toEqual([]);
    await p.context().close();
  });

  it('lists every campaign’s sites on the national page, passes axe and the content linter', async () => {
    const p = await page(true);
    const response = await p.goto(`${baseUrl}${prefix}/get-a-lock/?zip=98101`);
    expect(response?.status()).toBe(200);
    expect(await p.locator('[data-site]').count()).toBe(3);
    expect(await p.locator('[data-site]').first().getAttribute('data-site')).toBe('central-library');
    expect(await axeViolations(p)).toEqual([]);
    const report = lintPage(await p.content(), locale, `${prefix}/get-a-lock/`);
    expect(report.findings).toEqual([]);
    const alternates = await p.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) => ls.map((l) => new URL(l.getAttribute('href')!).pathname));
    expect(alternates).toEqual(['/get-a-lock/', '/es/get-a-lock/', '/get-a-lock/']);
    await p.context().close();
  });
});

describe('lock finder responses', () => {
  it('answer 404 with a page (crisis lines included) for an unknown campaign, and redirect the address without a slash', async () => {
    const missing = await fetch(`${baseUrl}/es/c/nowhere/get-a-lock/`);
    expect(missing.status).toBe(404);
    const body = await missing.text();
    expect(body).toContain('No encontramos esa campaña');
    expect(lintPage(body, 'es').findings).toEqual([]);
    const res = await fetch(`${baseUrl}/get-a-lock?zip=98101`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/get-a-lock/?zip=98101');
  });

  it('carry the site’s security headers and are never cached', async () => {
    const res = await fetch(`${baseUrl}/get-a-lock/?zip=98101`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});
