import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations, openPage, useBrowser } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/**
 * JavaScript is off by default: the site needs none. Checks that run code in the page (axe,
 * reading document.activeElement) switch it on; they test the same static HTML.
 */
async function page(options: { js?: boolean; width?: number } = {}): Promise<Page> {
  return openPage(browser(), { javaScriptEnabled: options.js ?? false, viewport: { width: options.width ?? 360, height: 640 } });
}

const locales = [
  { locale: 'en', prefix: '', problem: 'There is a problem', button: 'Find my state’s law', stateButton: 'Show this state', zipLabel: 'ZIP code' },
  { locale: 'es', prefix: '/es', problem: 'Hay un problema', button: 'Buscar la ley de mi estado', stateButton: 'Ver este estado', zipLabel: 'Código postal (ZIP)' },
] as const;

describe.each(locales)('red-flag law finder ($locale)', ({ locale, prefix, problem, button, stateButton, zipLabel }) => {
  it.each([false, true])('takes a ZIP code to its state page (JavaScript on: %s)', async (js) => {
    const p = await page({ js });
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/`);
    await p.getByLabel(zipLabel).fill('98101');
    await p.getByRole('button', { name: button }).click();
    await p.waitForURL(`**${prefix}/red-flag-laws/wa/`);
    expect(await p.getAttribute('html', 'lang')).toBe(locale);
    await expect(p.locator('h1').textContent()).resolves.toContain('Washington');
    // The ZIP never appears in the address bar or the page.
    expect(p.url()).not.toContain('98101');
    await p.context().close();
  });

  it('works with the keyboard alone: Tab to the ZIP field, type, Enter', async () => {
    const p = await page();
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/`);
    for (let i = 0; i < 40; i++) {
      await p.keyboard.press('Tab');
      if ((await p.locator('#zip:focus').count()) === 1) break;
    }
    expect(await p.locator('#zip:focus').count()).toBe(1);
    await p.keyboard.type('98101');
    await p.keyboard.press('Enter');
    await p.waitForURL(`**${prefix}/red-flag-laws/wa/`);
    await p.context().close();
  });

  it('takes a chosen state to its page without JavaScript', async () => {
    const p = await page();
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/`);
    await p.locator('#state').selectOption('TX');
    await p.getByRole('button', { name: stateButton }).click();
    await p.waitForURL(`**${prefix}/red-flag-laws/tx/`);
    expect(await p.locator('[data-status]').getAttribute('data-status')).toBe('prohibited');
    await p.context().close();
  });

  it('shows the GOV.UK error pattern for a malformed ZIP, focused, with zero axe violations', async () => {
    const noJs = await page();
    await noJs.goto(`${baseUrl}${prefix}/red-flag-laws/`);
    await noJs.getByLabel(zipLabel).fill('12');
    await noJs.getByRole('button', { name: button }).click();
    await noJs.waitForURL(`**${prefix}/red-flag-laws/zip-error/invalid/`);
    await expect(noJs.locator('[data-error-summary]').isVisible()).resolves.toBe(true);
    await noJs.context().close();

    const p = await page({ js: true });
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/`);
    await p.getByLabel(zipLabel).fill('123');
    await p.getByRole('button', { name: button }).click();
    await p.waitForURL(`**${prefix}/red-flag-laws/zip-error/invalid/`);
    expect(await p.title()).toMatch(/^Error: /);
    const summary = p.locator('[data-error-summary]');
    await expect(summary.locator('h2').textContent()).resolves.toBe(problem);
    expect(await p.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    const link = summary.locator('a');
    expect(await link.getAttribute('href')).toBe('#zip');
    const message = (await link.textContent())!.trim();
    await expect(p.locator('#zip-error').textContent()).resolves.toContain(message);
    expect(await p.locator('#zip').getAttribute('aria-describedby')).toContain('zip-error');
    expect(await p.locator('#zip').getAttribute('aria-invalid')).toBe('true');
    await link.click();
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('zip');
    expect(await axeViolations(p)).toEqual([]);
    await p.context().close();
  });

  it.each([
    ['99999', 'not-found'],
    ['00601', 'outside'],
  ])('sends ZIP %s to the %s error page', async (zip, kind) => {
    const p = await page();
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/`);
    await p.getByLabel(zipLabel).fill(zip);
    await p.getByRole('button', { name: button }).click();
    await p.waitForURL(`**${prefix}/red-flag-laws/zip-error/${kind}/`);
    await expect(p.locator('[data-error-summary]').isVisible()).resolves.toBe(true);
    await p.context().close();
  });

  it.each(['wa', 'tx', 'al', 'ct', 'or'])('state page %s: sources, review date, quick exit, crisis banner, zero axe violations', async (code) => {
    const p = await page({ js: true });
    const scripts: string[] = [];
    p.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/${code}/`);
    await expect(p.locator('[data-crisis-banner]').isVisible()).resolves.toBe(true);
    expect(await p.locator('#sources ~ ul a, section.sources a[href^="http"]').count()).toBeGreaterThan(0);
    await expect(p.locator('[data-last-reviewed] time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await p.locator('[data-quick-exit] a').getAttribute('href')).toBe('https://www.weather.gov/');
    await expect(p.locator('[data-hope]').isVisible()).resolves.toBe(true);
    expect(scripts).toEqual([]);
    expect(await axeViolations(p)).toEqual([]);
    await p.context().close();
  });

  it('lists sources primary first, each with its kind in words', async () => {
    const p = await page();
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/ct/`);
    const order = ['statute', 'court', 'agency', 'research', 'news', 'advocacy'];
    const kinds = await p.locator('section.sources li[data-source-kind]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-source-kind')!));
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.map((k) => order.indexOf(k))).toEqual([...kinds.map((k) => order.indexOf(k))].sort((a, b) => a - b));
    expect(['statute', 'court']).toContain(kinds[0]);
    const label = (await p.locator('section.sources li .source-kind').first().textContent())!;
    expect(label).toMatch(locale === 'es' ? /^(Ley \(estatuto\)|Corte):$/ : /^(Law \(statute\)|Court):$/);
    await p.context().close();
  });

  it('shows who can file and who can only ask for an investigation as separate lists', async () => {
    const p = await page();
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/ct/`);
    const petitioners = await p.locator('[data-petitioners] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-petitioner')));
    const requesters = await p.locator('[data-requesters] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-requester')));
    expect(petitioners).toEqual(expect.arrayContaining(['law_enforcement', 'prosecutor']));
    expect(petitioners).not.toContain('family');
    expect(requesters).toEqual(expect.arrayContaining(['family', 'medical_professional']));
    await expect(p.locator('#who-asks').textContent()).resolves.toBe(locale === 'es' ? 'Quién puede pedir una investigación' : 'Who can ask for an investigation');
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/wa/`);
    expect(await p.locator('[data-requesters]').count()).toBe(0);
    await p.context().close();
  });

  it('labels an emergency order that lasts unless contested, and only there', async () => {
    const p = await page();
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/or/`);
    const dd = p.locator('[data-emergency-ends]');
    expect(await dd.getAttribute('data-emergency-ends')).toBe('unless_contested');
    await expect(dd.textContent()).resolves.toContain(locale === 'es' ? 'a menos que la persona pida una audiencia' : 'unless the person asks for a hearing');
    await expect(p.locator('[data-unless-contested]').isVisible()).resolves.toBe(true);
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/wa/`);
    expect(await p.locator('[data-emergency-ends]').getAttribute('data-emergency-ends')).toBe('at_hearing');
    expect(await p.locator('[data-unless-contested]').count()).toBe(0);
    await p.context().close();
  });

  it('lists every state and DC on the index page with zero axe violations, desktop and phone', async () => {
    const p = await page({ js: true });
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/`);
    expect(await p.locator('[data-status-group] a').count()).toBe(51);
    expect(await axeViolations(p)).toEqual([]);
    await p.setViewportSize({ width: 1280, height: 800 });
    expect(await axeViolations(p)).toEqual([]);
    await p.context().close();
  });

  it('guides from a situation to 911, 988, storage, ERPO or a protective order', async () => {
    const p = await page({ js: true });
    await p.goto(`${baseUrl}${prefix}/red-flag-laws/which-option/`);
    const hrefs = await p.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['tel:911', 'tel:988', 'tel:18007997233', `${prefix}/red-flag-laws/`]));
    expect(await p.locator('main h2').count()).toBeGreaterThanOrEqual(5);
    expect(await axeViolations(p)).toEqual([]);
    await p.context().close();
  });

  it('shows a city campaign’s local help on its state view, marked as a sample', async () => {
    const p = await page({ js: true });
    await p.goto(`${baseUrl}${prefix}/c/demo-city/red-flag-laws/`);
    await expect(p.locator('[data-demo-notice]').isVisible()).resolves.toBe(true);
    expect(await p.locator('[data-local-resources] li').count()).toBe(2);
    expect(await p.locator('[data-local-resources] a[href^="tel:"]').count()).toBe(2);
    await expect(p.locator('h1').textContent()).resolves.toContain('Washington');
    expect(await axeViolations(p)).toEqual([]);
    await p.context().close();
  });
});

describe('red-flag pages in print', () => {
  it('keep the crisis lines and drop the quick-exit button and the finder', async () => {
    const p = await page({ width: 800 });
    await p.emulateMedia({ media: 'print' });
    await p.goto(`${baseUrl}/red-flag-laws/wa/`);
    await expect(p.locator('[data-crisis-banner]').isVisible()).resolves.toBe(true);
    await expect(p.locator('[data-quick-exit]').isVisible()).resolves.toBe(false);
    await p.context().close();
  });
});

describe('red-flag data downloads', () => {
  it('publishes the dataset as JSON with its license and review date', async () => {
    const res = await fetch(`${baseUrl}/red-flag-laws/data/erpo-states.json`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { license: { name: string }; lastReviewed: string; states: { state: string; reviewNote?: string }[] };
    expect(body.license.name).toContain('CC BY 4.0');
    expect(body.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.states).toHaveLength(51);
    expect(body.states.some((s) => 'reviewNote' in s)).toBe(false);
    const mi = (body.states as unknown as { state: string; requesters: string[]; emergencyOrderEnds: string | null; sources: { kind: string }[] }[]).find(
      (s) => s.state === 'MI',
    )!;
    expect(mi.emergencyOrderEnds).toBe('unless_contested');
    expect(Array.isArray(mi.requesters)).toBe(true);
    expect(mi.sources.every((s) => typeof s.kind === 'string')).toBe(true);
  });

  it('publishes a spreadsheet-safe CSV with one row per state', async () => {
    const text = await (await fetch(`${baseUrl}/red-flag-laws/data/erpo-states.csv`)).text();
    const { parse } = await import('csv-parse/sync');
    const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(51);
    expect(rows.find((r) => r.state === 'WA')?.status).toBe('in_force');
    const ct = rows.find((r) => r.state === 'CT')!;
    expect(ct.requesters!.split(' | ')).toEqual(expect.arrayContaining(['family', 'medical_professional']));
    expect(rows.find((r) => r.state === 'OR')?.emergency_order_ends).toBe('unless_contested');
    expect(ct.source_kinds!.split(' | ')).toHaveLength(ct.sources!.split(' | ').length);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
