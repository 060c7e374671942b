import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { CRISIS_RESOURCES } from '../../functions/src/domain/crisis-resources.ts';
import { SITE_DIST } from '../../functions/src/local/paths.ts';

// Reads the built site: `npm test` builds it first.
const AUDIENCE_PAGES = [
  'hunters',
  'older-adults',
  'after-an-attempt',
  'after-a-death',
  'clinicians',
  'domestic-violence',
  'lgbtq-youth',
  'latino-and-immigrant-families',
] as const;

const LOCALES = [
  { locale: 'en', prefix: '' },
  { locale: 'es', prefix: '/es' },
] as const;

const page = (path: string) => parse(readFileSync(join(SITE_DIST, path, 'index.html'), 'utf8'));
const mainLinks = (path: string) => page(path).querySelectorAll('main a').map((a) => a.getAttribute('href'));

describe.each(LOCALES)('audience pages ($locale)', ({ prefix }) => {
  it.each(AUDIENCE_PAGES)('%s is built and linked from the home page and the crisis page', (slug) => {
    const path = `${prefix}/${slug}/`;
    expect(existsSync(join(SITE_DIST, path, 'index.html'))).toBe(true);
    expect(mainLinks(`${prefix}/`)).toContain(path);
    expect(mainLinks(`${prefix}/in-a-crisis/`)).toContain(path);
  });

  it.each(AUDIENCE_PAGES)('%s links only to pages in its own language', (slug) => {
    const internal = mainLinks(`${prefix}/${slug}/`).filter((href): href is string => !!href && href.startsWith('/'));
    expect(internal.length).toBeGreaterThan(0);
    for (const href of internal) expect(prefix ? href.startsWith('/es/') : !href.startsWith('/es/')).toBe(true);
  });

  it('domestic-violence opens with the quick-exit link and reads the hotline from the crisis-resources module', () => {
    const main = page(`${prefix}/domestic-violence/`).querySelector('main')!;
    const exit = main.querySelector('[data-quick-exit] a');
    expect(exit?.getAttribute('href')).toBe('https://www.weather.gov/');
    expect(main.innerHTML.indexOf('data-quick-exit')).toBeLessThan(main.innerHTML.indexOf('<h1'));
    const hrefs = main.querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain(CRISIS_RESOURCES.domesticViolence.call.href);
    expect(hrefs).toContain(CRISIS_RESOURCES.domesticViolence.text.href);
  });

  it('other education pages keep no quick-exit link', () => {
    expect(page(`${prefix}/hunters/`).querySelector('[data-quick-exit]')).toBeNull();
  });
});
