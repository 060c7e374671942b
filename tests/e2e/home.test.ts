import { describe, expect, inject, it } from 'vitest';
import { axeViolations, openPage, useBrowser } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const pages = [
  { locale: 'en', path: '/', other: '/', toggle: 'Español', heading: /Store firearms safely/, call: 'Call 988', ctl: 'Crisis Text Line: text HOME to 741741' },
  { locale: 'es', path: '/es/', other: '/es/', toggle: 'English', heading: /Guarde las armas/, call: 'Llame al 988', ctl: 'Crisis Text Line: envíe AYUDA al 741741' },
] as const;

describe.each(pages)('home page ($locale)', ({ locale, path, toggle, heading, call, ctl }) => {
  it('shows the crisis banner with working links inside the first 360x640 viewport', async () => {
    const page = await openPage(browser());
    await page.goto(`${baseUrl}${path}`);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    await expect(page.locator('h1').textContent()).resolves.toMatch(heading);

    const banner = page.locator('[data-crisis-banner]');
    const box = await banner.boundingBox();
    expect(box).not.toBeNull();
    // The banner comes before the main content and its links fit in the first screen.
    expect(box!.y).toBeLessThan(20);
    const expected = ['tel:988', locale === 'es' ? 'sms:988?&body=AYUDA' : 'sms:988', 'https://988lifeline.org/chat/', 'tel:911'];
    const hrefs = await banner.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toEqual(expect.arrayContaining(expected));
    expect(hrefs.some((h) => h.startsWith('sms:741741'))).toBe(true);
    // On a phone the banner is compact: call, text and 911 are on screen, the rest one tap away
    // (tests/e2e/crisis-banner.test.ts covers the folded part).
    const links = banner.locator('[data-crisis-primary]');
    expect(await links.count()).toBe(3);
    for (let i = 0; i < (await links.count()); i++) {
      const link = links.nth(i);
      const linkBox = await link.boundingBox();
      expect(linkBox!.y + linkBox!.height, `${await link.textContent()} is below the fold`).toBeLessThanOrEqual(640);
      expect(linkBox!.height).toBeGreaterThanOrEqual(24);
      await expect(link.isVisible()).resolves.toBe(true);
    }
    await expect(banner.getByRole('link', { name: call }).isVisible()).resolves.toBe(true);
    expect(await banner.getByRole('link', { name: ctl, includeHidden: true }).count()).toBe(1);

    const mainTop = (await page.locator('main h1').boundingBox())!.y;
    expect(mainTop).toBeGreaterThan(box!.y + box!.height - 1);
    await page.context().close();
  });

  it('has zero axe-core violations (WCAG 2.2 A/AA)', async () => {
    const page = await openPage(browser());
    await page.goto(`${baseUrl}${path}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('ships no JavaScript and pairs the languages with hreflang and a toggle', async () => {
    const page = await openPage(browser());
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${baseUrl}${path}`);
    expect(scripts).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);

    const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) =>
      Object.fromEntries(ls.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href')!).pathname])),
    );
    expect(alternates).toEqual({ en: '/', es: '/es/', 'x-default': '/' });

    await page.getByRole('link', { name: toggle === 'Español' ? 'Ver esta página en español' : 'View this page in English' }).click();
    expect(new URL(page.url()).pathname).toBe(locale === 'en' ? '/es/' : '/');
    await page.context().close();
  });

  it('offers a skip link as the first stop for keyboard users', async () => {
    const page = await openPage(browser());
    await page.goto(`${baseUrl}${path}`);
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.getAttribute('href')).toBe('#main');
    await expect(focused.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });
});

describe('not-found page', () => {
  it.each([
    ['/no-such-page/', 'en', 'Page not found'],
    ['/es/no-existe/', 'es', 'No encontramos esta página'],
  ])('answers %s with a 404 in %s that still shows the crisis banner', async (path, locale, title) => {
    const page = await openPage(browser());
    const response = await page.goto(`${baseUrl}${path}`);
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    await expect(page.locator('h1').textContent()).resolves.toBe(title);
    await expect(page.locator('[data-crisis-banner]').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('site responses', () => {
  it('carry the site security headers and the API answers under /api on the same origin', async () => {
    const home = await fetch(`${baseUrl}/`);
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(home.headers.get('strict-transport-security')).toContain('max-age=31536000');
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
