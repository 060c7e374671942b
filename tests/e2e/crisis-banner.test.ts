import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations, openPage, useBrowser } from '../support/browser.ts';

/**
 * The crisis banner on a phone (issue 14): compact, at most 120 px tall at 360x640, with Call 988,
 * Text 988 and 911 visible at once and the rest one tap (or one key) further; the whole banner on
 * wide screens and on the in-a-crisis page.
 */
const baseUrl = inject('baseUrl');
const browser = useBrowser();

const PHONE = { width: 360, height: 640 };
const WIDE = { width: 1280, height: 800 };
const MAX_COMPACT_HEIGHT = 120;

const pages = [
  { kind: 'home', locale: 'en', path: '/', primary: ['Call 988', 'Text 988', 'Emergency: 911'], more: 'More ways to get help' },
  { kind: 'education page', locale: 'en', path: '/safe-storage/', primary: ['Call 988', 'Text 988', 'Emergency: 911'], more: 'More ways to get help' },
  { kind: 'red-flag state page', locale: 'en', path: '/red-flag-laws/wa/', primary: ['Call 988', 'Text 988', 'Emergency: 911'], more: 'More ways to get help' },
  { kind: 'home', locale: 'es', path: '/es/', primary: ['Llame al 988', 'Envíe AYUDA al 988', 'Emergencia: 911'], more: 'Más formas de recibir ayuda' },
  { kind: 'education page', locale: 'es', path: '/es/safe-storage/', primary: ['Llame al 988', 'Envíe AYUDA al 988', 'Emergencia: 911'], more: 'Más formas de recibir ayuda' },
  { kind: 'red-flag state page', locale: 'es', path: '/es/red-flag-laws/wa/', primary: ['Llame al 988', 'Envíe AYUDA al 988', 'Emergencia: 911'], more: 'Más formas de recibir ayuda' },
] as const;

async function open(path: string, viewport = PHONE, hasTouch = false): Promise<Page> {
  const page = await openPage(browser(), { viewport, hasTouch });
  await page.goto(`${baseUrl}${path}`);
  return page;
}

const banner = (page: Page) => page.locator('[data-crisis-banner]');

/** Every visible link and summary in the banner is at least 44 x 44 px (WCAG 2.2 target size). */
async function expectTouchTargets(page: Page) {
  const targets = banner(page).locator('a, summary');
  for (let i = 0; i < (await targets.count()); i++) {
    const target = targets.nth(i);
    if (!(await target.isVisible())) continue;
    const box = (await target.boundingBox())!;
    const name = await target.textContent();
    expect(box.height, `${name} height`).toBeGreaterThanOrEqual(44);
    expect(box.width, `${name} width`).toBeGreaterThanOrEqual(44);
  }
}

async function hiddenLinks(locator: Locator): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < (await locator.count()); i++) {
    if (!(await locator.nth(i).isVisible())) out.push((await locator.nth(i).textContent())!.trim());
  }
  return out;
}

describe.each(pages)('crisis banner at 360x640: $kind ($locale)', ({ locale, path, primary, more }) => {
  it(`fits in ${MAX_COMPACT_HEIGHT} px with Call 988, Text 988 and 911 visible without opening anything`, async () => {
    const page = await open(path);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    const box = (await banner(page).boundingBox())!;
    expect(box.y).toBe(0);
    expect(box.height).toBeLessThanOrEqual(MAX_COMPACT_HEIGHT);

    const shown = banner(page).locator('[data-crisis-primary]');
    // innerText: what is on the screen (the long 911 label is in the HTML for wide screens).
    expect(await shown.evaluateAll((as) => as.map((a) => (a as HTMLElement).innerText.replace(/\s+/g, ' ').trim()))).toEqual([...primary]);
    for (const name of primary) {
      const link = banner(page).getByRole('link', { name, exact: true });
      await expect(link.isVisible(), name).resolves.toBe(true);
      const linkBox = (await link.boundingBox())!;
      expect(linkBox.y + linkBox.height, `${name} is inside the banner`).toBeLessThanOrEqual(box.y + box.height);
    }
    expect(await shown.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'tel:988',
      locale === 'es' ? 'sms:988?&body=AYUDA' : 'sms:988',
      'tel:911',
    ]);

    // The rest is folded: in the HTML, not on the screen.
    const details = banner(page).locator('details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await expect(banner(page).getByText(more, { exact: true }).isVisible()).resolves.toBe(true);
    const folded = details.locator('a');
    expect(await folded.count()).toBeGreaterThanOrEqual(2);
    expect(await hiddenLinks(folded)).toHaveLength(await folded.count());
    await expectTouchTargets(page);
    await page.context().close();
  });

  it('opens the rest with one tap: chat, Crisis Text Line and the language and veterans options', async () => {
    const page = await open(path, PHONE, true);
    await banner(page).locator('summary').tap();
    const folded = banner(page).locator('details a');
    expect(await hiddenLinks(folded)).toEqual([]);
    const hrefs = await folded.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('https://988lifeline.org/chat/');
    expect(hrefs).toContain(locale === 'es' ? 'sms:741741?&body=AYUDA' : 'sms:741741?&body=HOME');
    if (locale === 'en') {
      const spanish = banner(page).locator('details a[lang="es"]');
      expect(await spanish.getAttribute('href')).toBe('sms:988?&body=AYUDA');
      await expect(spanish.textContent()).resolves.toContain('AYUDA');
    }
    const note = banner(page).locator('details .crisis__note');
    await expect(note.isVisible()).resolves.toBe(true);
    await expect(note.textContent()).resolves.toMatch(locale === 'es' ? /marque 2.*marque 1/ : /press 1.*press 2/);
    await expectTouchTargets(page);
    await page.context().close();
  });

  it('reaches the rest by keyboard, with a visible focus ring on every stop', async () => {
    const page = await open(path);
    const stops: { text: string; outline: string }[] = [];
    // Skip link, the three buttons, then the summary.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return { text: el.innerText.replace(/\s+/g, ' ').trim(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
        }),
      );
    }
    expect(stops.slice(1, 4).map((s) => s.text)).toEqual([...primary]);
    expect(stops[4]!.text).toBe(more);
    for (const stop of stops.slice(1)) expect(stop.outline, stop.text).toMatch(/^solid [3-9]/);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.evaluate((el) => el.closest('details') !== null)).toBe(true);
    await expect(focused.isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('has zero axe-core violations with the rest folded and unfolded', async () => {
    const page = await open(path);
    expect(await axeViolations(page)).toEqual([]);
    await banner(page).locator('summary').click();
    expect(await banner(page).locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe.each(['/', '/es/'])('crisis banner on a wide screen (%s)', (path) => {
  it('shows the whole banner: heading, every line and the 988 options, no toggle', async () => {
    const page = await open(path, WIDE);
    await expect(banner(page).locator('h2').isVisible()).resolves.toBe(true);
    await expect(banner(page).locator('summary').isVisible()).resolves.toBe(false);
    const links = banner(page).locator('a');
    expect(await links.count()).toBeGreaterThanOrEqual(5);
    expect(await hiddenLinks(links)).toEqual([]);
    await expect(banner(page).getByRole('link', { name: path === '/' ? 'In immediate danger, call 911' : 'Si hay peligro inmediato, llame al 911' }).isVisible()).resolves.toBe(true);
    await expect(banner(page).locator('.crisis__note').isVisible()).resolves.toBe(true);
    await expectTouchTargets(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe.each([
  ['/in-a-crisis/', 'en'],
  ['/es/in-a-crisis/', 'es'],
])('crisis banner on the in-a-crisis page %s', (path, locale) => {
  it('is the whole banner even on a phone, with nothing folded', async () => {
    const page = await open(path);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await banner(page).getAttribute('data-crisis-banner')).toBe('full');
    expect(await banner(page).locator('details').count()).toBe(0);
    await expect(banner(page).locator('h2').isVisible()).resolves.toBe(true);
    const links = banner(page).locator('a');
    expect(await hiddenLinks(links)).toEqual([]);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['tel:988', 'tel:911', 'https://988lifeline.org/chat/']));
    expect(hrefs).toContain(locale === 'es' ? 'sms:988?&body=AYUDA' : 'sms:988');
    await expectTouchTargets(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
