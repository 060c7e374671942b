import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_SHARED_PAGES, sharedPagePath } from '../../functions/src/domain/campaign-paths.ts';
import { SITE_DIST } from '../../functions/src/local/paths.ts';
import { loadCampaignFiles } from '../../functions/src/local/seed.ts';

// Reads the built site: `npm test` builds it first.
const campaigns = loadCampaignFiles();
const published = campaigns.filter((c) => c.status !== 'draft');
const prefix = (language: string) => (language === 'en' ? '' : `/${language}`);
const html = (path: string) => parse(readFileSync(join(SITE_DIST, path, 'index.html'), 'utf8'));

describe('built campaign pages', () => {
  it('has the three demo campaigns, one ended sample and one draft', () => {
    const demos = campaigns.filter((c) => c.demo && c.status === 'live');
    expect(demos.map((c) => c.slug).sort()).toEqual(['demo-city', 'mesa-alta', 'pine-hollow']);
    expect(new Set(demos.map((c) => c.state)).size).toBe(3);
    expect(demos.some((c) => c.languages.length > 2)).toBe(true);
    expect(campaigns.find((c) => c.status === 'ended')?.slug).toBe('harbor-point');
    expect(campaigns.find((c) => c.status === 'draft')?.slug).toBe('riverside-draft');
  });

  it.each(published.flatMap((c) => c.languages.map((l) => [c.slug, l] as const)))('%s (%s): a 1200x630 share image referenced by og:image', (slug, language) => {
    const file = join(SITE_DIST, 'c', slug, `og-${language}.png`);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([1200, 630]);
    const campaign = published.find((c) => c.slug === slug)!;
    if (campaign.status === 'live') {
      const og = html(`${prefix(language)}/c/${slug}/`).querySelector('meta[property="og:image"]')?.getAttribute('content');
      expect(new URL(og!).pathname).toBe(`/c/${slug}/og-${language}.png`);
    }
  });

  it.each(published.map((c) => c.slug))('%s: a theme stylesheet, linked from every page of the campaign', (slug) => {
    expect(readFileSync(join(SITE_DIST, 'c', slug, 'theme.css'), 'utf8')).toMatch(/^main \.campaign-band \{ background: #/m);
    const campaign = published.find((c) => c.slug === slug)!;
    for (const language of campaign.languages) {
      expect(html(`${prefix(language)}/c/${slug}/`).querySelector(`link[rel="stylesheet"][href="/c/${slug}/theme.css"]`), language).not.toBeNull();
    }
  });

  it('a draft campaign has no page, no file and no link anywhere in the site', () => {
    const draft = campaigns.find((c) => c.status === 'draft')!;
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const files = walk(SITE_DIST);
    expect(files.filter((f) => f.includes(draft.slug))).toEqual([]);
    expect(files.filter((f) => /\.(html|xml)$/.test(f) && readFileSync(f, 'utf8').includes(`/c/${draft.slug}/`))).toEqual([]);
  });

  it('a page in an added language links to the campaign in that language, and to its copies of the shared pages, which are built', () => {
    const links = html('/vi/c/pine-hollow/')
      .querySelectorAll('main a[href^="/"], main form[action], main iframe[src]')
      .filter((el) => !el.closest('.campaign-languages'))
      .map((el) => el.getAttribute('href') ?? el.getAttribute('action') ?? el.getAttribute('src'));
    expect(links.filter((href) => !href?.startsWith('/vi/c/pine-hollow/'))).toEqual([]);
    expect(links).toEqual(expect.arrayContaining(['/vi/c/pine-hollow/get-a-lock/', '/vi/c/pine-hollow/pledge/', '/vi/c/pine-hollow/pledge-count/', '/vi/c/pine-hollow/red-flag-laws/']));
    for (const page of CAMPAIGN_SHARED_PAGES) {
      expect(links).toContain(sharedPagePath('pine-hollow', 'vi', page));
      expect(existsSync(join(SITE_DIST, sharedPagePath('pine-hollow', 'vi', page), 'index.html')), page).toBe(true);
    }
  });

  it('a shared page’s copy in an added language links on to the other copies; the site’s own page is unchanged', () => {
    const bodyLinks = (path: string) => html(path).querySelectorAll('[data-page-content] a[href^="/"]').map((a) => a.getAttribute('href'));
    expect(bodyLinks('/vi/c/pine-hollow/parents/')).toEqual(['/vi/c/pine-hollow/safe-storage/', '/vi/c/pine-hollow/warning-signs/', '/vi/c/pine-hollow/in-a-crisis/']);
    expect(bodyLinks('/parents/')).toEqual(['/safe-storage/', '/warning-signs/', '/in-a-crisis/']);
    // A page the campaign does not rebuild is linked as written.
    expect(bodyLinks('/vi/c/pine-hollow/in-a-crisis/')).toContain('/after-an-attempt/');
  });

  it('an ended campaign keeps a closing page (crisis lines, state guide, status links) and has no flyer', () => {
    const page = html('/c/harbor-point/');
    expect(page.querySelector('h1')?.textContent).toMatch(/has ended$/);
    expect(page.querySelector('[data-ended-requests]')?.textContent).toMatch(/link in the email/);
    expect(page.querySelector('main a[href="tel:988"]')).not.toBeNull();
    expect(page.querySelector('main a[href="/c/harbor-point/red-flag-laws/"]')).not.toBeNull();
    expect(existsSync(join(SITE_DIST, 'c', 'harbor-point', 'flyer'))).toBe(false);
    expect(html('/es/c/harbor-point/').querySelector('h1')?.textContent).toMatch(/terminó$/);
  });

  it('a stale storage site says when it was last checked and to call first', () => {
    const sheriff = html('/c/demo-city/').querySelector('[data-storage-site="sample-sheriff"]');
    expect(sheriff?.getAttribute('data-stale')).toBe('true');
    expect(sheriff?.textContent).toContain('Last checked on January 15, 2026, call first.');
    expect(html('/es/c/demo-city/').querySelector('[data-storage-site="sample-sheriff"]')?.textContent).toContain('Revisado por última vez el 15 de enero de 2026; llame antes de ir.');
  });

  it('the home page links the pledge in its language and frames the campaign and national counts', () => {
    expect(html('/c/mesa-alta/').querySelector('[data-pledge] a')?.getAttribute('href')).toBe('/c/mesa-alta/pledge/');
    expect(html('/es/c/mesa-alta/').querySelector('[data-pledge] a')?.getAttribute('href')).toBe('/es/c/mesa-alta/pledge/');
    // The fragment itself (both counts) is tested in tests/unit/pledges/pages.test.ts.
    expect(html('/c/mesa-alta/').querySelector('[data-pledge] iframe.count-frame')?.getAttribute('src')).toBe('/c/mesa-alta/pledge-count/');
    expect(html('/es/c/mesa-alta/').querySelector('[data-pledge] iframe.count-frame')?.getAttribute('src')).toBe('/es/c/mesa-alta/pledge-count/');
  });
});
