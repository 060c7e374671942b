import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SITE_DIST } from '../../functions/src/local/paths.ts';
import { builtPages } from '../../scripts/content-lint.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';

/**
 * Every built page, both languages: zero axe-core violations (WCAG 2.0-2.2 A/AA), the crisis
 * banner visible in the first 360x640 screen, and no horizontal scrolling at 320 px (reflow).
 */
const baseUrl = inject('baseUrl');
// The 404 pages are served for unknown paths (tests/e2e/home.test.ts covers them).
const pages = builtPages(SITE_DIST).filter((p) => !['/404.html', '/es/404/'].includes(p.page));
let browser: Browser;
let phone: Page;
let narrow: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  phone = await (await browser.newContext({ viewport: { width: 360, height: 640 } })).newPage();
  narrow = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('every page of the built site', () => {
  it('includes both languages of every page', () => {
    const en = new Set(pages.filter((p) => p.language === 'en').map((p) => p.page));
    const es = new Set(pages.filter((p) => p.language === 'es').map((p) => p.page.replace(/^\/es/, '')));
    expect([...en].filter((p) => !es.has(p))).toEqual([]);
    expect([...es].filter((p) => !en.has(p))).toEqual([]);
    expect(pages.length).toBeGreaterThan(100);
  });

  it.each(pages.map((p) => p.page))('%s: zero axe violations, crisis banner in the first screen, reflows at 320 px', async (path) => {
    await phone.goto(`${baseUrl}${path}`);
    expect(await axeViolations(phone)).toEqual([]);
    const box = await phone.locator('[data-crisis-banner]').boundingBox();
    expect(box, 'crisis banner').not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(640);

    await narrow.goto(`${baseUrl}${path}`);
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal scroll at 320 px').toBeLessThanOrEqual(0);
  });
});
