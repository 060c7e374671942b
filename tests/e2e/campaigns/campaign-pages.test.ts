import type { Page } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, inject, it } from 'vitest';
import { CAMPAIGN_SHARED_PAGES, sharedPagePath } from '../../../functions/src/domain/campaign-paths.ts';
import { axeViolations, openPage, useBrowser } from '../../support/browser.ts';

/**
 * City campaign pages in headless Chromium: every demo campaign's pages in every language pass
 * axe-core with the crisis banner first; request-time pages carry the brand; no theme changes the
 * crisis banner or the footer's crisis lines; the flyer's QR code decodes to the campaign's URL.
 */
const baseUrl = inject('baseUrl');
const browser = useBrowser();
// The address the build wrote into the flyers (astro.config.mjs reads the same variable).
const siteUrl = process.env.LOCKLINE_SITE_URL ?? 'http://127.0.0.1:8787';

const DEMOS = [
  { slug: 'demo-city', languages: ['en', 'es'], status: 'live', primary: 'rgb(11, 46, 79)' },
  { slug: 'mesa-alta', languages: ['en', 'es'], status: 'live', primary: 'rgb(27, 31, 59)' },
  { slug: 'pine-hollow', languages: ['en', 'es', 'vi'], status: 'live', primary: 'rgb(246, 211, 101)' },
  { slug: 'harbor-point', languages: ['en', 'es'], status: 'ended', primary: 'rgb(11, 46, 79)' },
] as const;

const prefix = (language: string) => (language === 'en' ? '' : `/${language}`);
/** The static pages a campaign builds again in an added language, in English: the shared pages its pages link to. */
const sharedPagesIn = (slug: string, language: string) => CAMPAIGN_SHARED_PAGES.map((page) => sharedPagePath(slug, language, page));
const pagesOf = (demo: (typeof DEMOS)[number]) =>
  demo.languages.flatMap((language) => [
    `${prefix(language)}/c/${demo.slug}/`,
    ...(demo.status === 'live' ? [`${prefix(language)}/c/${demo.slug}/flyer/`] : []),
    `${prefix(language)}/c/${demo.slug}/red-flag-laws/`,
    ...(language === 'vi' ? sharedPagesIn(demo.slug, language) : []),
    // The pages the API renders, in every language of the campaign (an added one in English with its notice).
    ...(demo.status === 'live'
      ? [`${prefix(language)}/c/${demo.slug}/get-a-lock/`, `${prefix(language)}/c/${demo.slug}/get-a-lock/request/`, `${prefix(language)}/c/${demo.slug}/pledge/`]
      : []),
  ]);

async function crisisFirst(p: Page) {
  // The skip link, then the crisis banner, before the header, the campaign band and <main>.
  const order = await p.evaluate(() => [...document.body.children].map((el) => el.getAttribute('data-crisis-banner') !== null ? 'banner' : el.tagName.toLowerCase()));
  expect(order.slice(0, 4)).toEqual(['a', 'banner', 'header', 'main']);
  const box = await p.locator('[data-crisis-banner]').boundingBox();
  expect(box!.y).toBeLessThan(80);
}

describe.each(DEMOS)('campaign $slug', (demo) => {
  it.each(pagesOf(demo))('%s: zero axe violations, crisis banner first, sample label, brand', async (path) => {
    const p = await openPage(browser());
    const response = await p.goto(`${baseUrl}${path}`);
    expect(response?.status()).toBe(200);
    expect(await axeViolations(p)).toEqual([]);
    await crisisFirst(p);
    await expect(p.locator('[data-demo-badge]').first().isVisible()).resolves.toBe(true);
    if (!path.includes('/flyer/')) {
      expect(await p.locator('link[rel="stylesheet"][href$="/theme.css"]').getAttribute('href')).toBe(`/c/${demo.slug}/theme.css`);
      expect(await p.locator('[data-campaign-band]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(demo.primary);
    }
    await p.context().close();
  });
});

describe('campaign pages in an added language', () => {
  it('show the English page with a notice in that language and the campaign’s own words in it', async () => {
    const p = await openPage(browser());
    await p.goto(`${baseUrl}/vi/c/pine-hollow/`);
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    const notice = p.locator('[data-fallback-notice]');
    expect(await notice.getAttribute('lang')).toBe('vi');
    expect(await notice.textContent()).toContain('tiếng Anh');
    expect(await p.locator('[data-campaign-message] blockquote').getAttribute('lang')).toBe('vi');
    await p.context().close();
  });

  it('lead from the home page only to pages that say so too, through the lock and pledge pages', async () => {
    const p = await openPage(browser());
    await p.goto(`${baseUrl}/vi/c/pine-hollow/`);
    // Every link in the page's content (the language list leads, on purpose, to the other languages).
    const links = [...new Set(await p.locator('main a[href^="/"]').evaluateAll((as) => as.filter((a) => !a.closest('.campaign-languages')).map((a) => a.getAttribute('href')!)))];
    const actions = await p.locator('main form[method="get"]').evaluateAll((fs) => fs.map((f) => f.getAttribute('action')!));
    const targets = [...links, ...actions.map((a) => `${a}?zip=30303`)];
    expect(targets.length).toBeGreaterThan(12);
    for (const target of targets) {
      expect(target, target).toMatch(/^\/vi\/c\/pine-hollow\//);
      expect((await p.goto(`${baseUrl}${target}`))?.status(), target).toBe(200);
      expect(await p.getAttribute('html', 'lang'), target).toBe('en');
      expect(await p.locator('main [data-fallback-notice][lang="vi"]').count(), target).toBe(1);
    }
    await p.context().close();
  });

  it('keep a pledge sent without JavaScript in the language, to "check your email"', async () => {
    const p = await openPage(browser(), { javaScriptEnabled: false });
    await p.goto(`${baseUrl}/vi/c/pine-hollow/pledge/`);
    await p.getByLabel('Your name').fill('Added Language Pledger');
    await p.getByLabel('Email address').fill(`vi-e2e-${Date.now()}@example.com`);
    await p.getByLabel('ZIP code').fill('30303');
    // The form token asks for a second between showing the form and sending it.
    await p.waitForTimeout(1100);
    await Promise.all([p.waitForURL('**/check-email/'), p.getByRole('button', { name: 'Sign the pledge' }).click()]);
    expect(new URL(p.url()).pathname).toBe('/vi/c/pine-hollow/pledge/check-email/');
    expect(await p.locator('main > :first-child').getAttribute('lang')).toBe('vi');
    await p.context().close();
    // axe-core needs JavaScript in the page; the HTML is the same either way.
    const q = await openPage(browser());
    await q.goto(`${baseUrl}/vi/c/pine-hollow/pledge/check-email/`);
    expect(await axeViolations(q)).toEqual([]);
    await q.context().close();
  });

  // Each static page built again in Vietnamese, with its English original: the campaign's own guide, or the site's page.
  it.each([['/vi/c/pine-hollow/red-flag-laws/', '/c/pine-hollow/red-flag-laws/'], ...CAMPAIGN_SHARED_PAGES.map((page) => [sharedPagePath('pine-hollow', 'vi', page), page])])(
    '%s: English with the notice in Vietnamese first, a way back to the campaign, and the original as canonical and in the language list',
    async (path, original) => {
      const p = await openPage(browser());
      expect((await p.goto(`${baseUrl}${path}`))?.status()).toBe(200);
      expect(await p.getAttribute('html', 'lang')).toBe('en');
      const first = p.locator('main > :first-child');
      expect(await first.getAttribute('data-fallback-notice')).toBe('');
      expect(await first.getAttribute('lang')).toBe('vi');
      expect(await p.locator('main nav.breadcrumbs a[href="/vi/c/pine-hollow/"]').count()).toBe(1);
      expect(new URL((await p.getAttribute('link[rel="canonical"]', 'href'))!).pathname).toBe(original);
      expect(await p.locator('.campaign-languages a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([original, `/es${original}`]);
      await p.context().close();
    },
  );
});

describe('the crisis banner and footer under every theme', () => {
  const styleOf = (p: Page, selector: string) =>
    p.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const s = getComputedStyle(el);
        return ['display', 'visibility', 'position', 'color', 'background-color', 'border-color', 'font-size', 'font-weight', 'opacity', 'order', 'outline-color']
          .map((name) => `${name}:${s.getPropertyValue(name)}`)
          .join(';');
      }),
    );
  const snapshot = async (path: string) => {
    const p = await openPage(browser(), { viewport: { width: 1000, height: 800 } });
    await p.goto(`${baseUrl}${path}`);
    const result = {
      banner: await styleOf(p, '[data-crisis-banner], [data-crisis-banner] a, [data-crisis-banner] h2'),
      footer: await styleOf(p, '.site-footer, .site-footer__crisis a'),
      top: (await p.locator('[data-crisis-banner]').boundingBox())!.y,
    };
    await p.context().close();
    return result;
  };

  it('look exactly the same on every campaign’s pages as on a page without a theme', async () => {
    const plain = await snapshot('/about/');
    expect(plain.banner.length).toBeGreaterThan(5);
    for (const path of ['/c/demo-city/', '/c/mesa-alta/', '/c/pine-hollow/', '/es/c/pine-hollow/', '/c/harbor-point/', '/c/pine-hollow/get-a-lock/', '/c/mesa-alta/get-a-lock/request/']) {
      expect(await snapshot(path), path).toEqual(await snapshot(path.startsWith('/es/') ? '/es/about/' : '/about/'));
    }
  });
});

describe('the flyer', () => {
  it.each([
    ['demo-city', 'en'],
    ['demo-city', 'es'],
    ['pine-hollow', 'vi'],
  ])('%s (%s): the QR code decodes to the campaign page at the configured site URL', async (slug, language) => {
    const p = await openPage(browser(), { viewport: { width: 900, height: 1200 } });
    await p.goto(`${baseUrl}${prefix(language)}/c/${slug}/flyer/`);
    const png = PNG.sync.read(await p.locator('[data-flyer-qr] svg').screenshot());
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(new URL(`${prefix(language)}/c/${slug}/`, siteUrl).href);
    await p.context().close();
  });

  it('prints on one US Letter page, in black and white, with the crisis lines', async () => {
    const p = await openPage(browser(), { viewport: { width: 900, height: 1200 } });
    await p.goto(`${baseUrl}/c/mesa-alta/flyer/`);
    await p.emulateMedia({ media: 'print' });
    const colours = await p.locator('[data-flyer] *').evaluateAll((els) =>
      els.flatMap((el) => {
        const s = getComputedStyle(el);
        return [s.color, s.backgroundColor, s.borderTopColor].filter((c) => {
          const [r, g, b, a] = (c.match(/[\d.]+/g) ?? []).map(Number);
          return a !== 0 && !(r === g && g === b);
        });
      }),
    );
    expect(colours).toEqual([]);
    const crisis = await p.locator('[data-flyer-crisis] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(crisis).toEqual(expect.arrayContaining(['tel:988', 'tel:911']));
    const pdf = await p.pdf({ preferCSSPageSize: true, printBackground: false });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 612 792\s*\]/);
    await p.context().close();
  });
});

describe('a draft campaign', () => {
  it('has no page, no flyer, no request form and no theme', async () => {
    for (const path of ['/c/riverside-draft/', '/es/c/riverside-draft/', '/c/riverside-draft/flyer/', '/c/riverside-draft/theme.css', '/c/riverside-draft/get-a-lock/']) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});
