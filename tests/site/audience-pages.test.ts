import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
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

// Every built Spanish page, not just the audience pages: a link from a Spanish page to an English
// page that has a Spanish twin sends a reader in crisis to a language they may not read.
const SPANISH_ROOTS = ['es', join('shells', 'es')] as const;

/**
 * Internal targets a Spanish page may link to without an /es/ prefix, because no Spanish version
 * exists or can exist. Each needs a reason; the test also fails if one of them gains a Spanish twin.
 */
const NO_SPANISH_VERSION: Record<string, string> = {
  '/red-flag-laws/data/erpo-states.json': 'the open red-flag dataset: one language-neutral data file, linked as a download',
  '/red-flag-laws/data/erpo-states.csv': 'the same dataset as CSV: one language-neutral data file, linked as a download',
};

const builtPages = (root: string): string[] => {
  const dir = join(SITE_DIST, root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file === 'index.html' || file.endsWith(`${sep}index.html`))
    .map((file) => join(root, file))
    .sort();
};

const SPANISH_PAGES = SPANISH_ROOTS.flatMap(builtPages);

/** The Spanish twin of an English path, if one is built (a static page or a server-rendered shell). */
const spanishTwin = (path: string): string | undefined => {
  const dir = path.endsWith('/') ? path : `${path}/`;
  return SPANISH_ROOTS.some((root) => existsSync(join(SITE_DIST, root, dir, 'index.html'))) ? `/es${dir}` : undefined;
};

describe('every Spanish page links to Spanish pages', () => {
  it('finds the built Spanish pages (npm run build:site)', () => {
    expect(SPANISH_PAGES.length).toBeGreaterThan(50);
    expect(SPANISH_PAGES).toContain(join('es', 'in-a-crisis', 'index.html'));
  });

  it.each(SPANISH_PAGES)('%s', (file) => {
    const links = parse(readFileSync(join(SITE_DIST, file), 'utf8')).querySelectorAll('a[href]');
    const problems: string[] = [];
    for (const a of links) {
      const href = a.getAttribute('href')!;
      if (!href.startsWith('/') || href.startsWith('//')) continue; // external, or a tel:/sms:/mailto: link
      // A language switcher (hreflang other than Spanish) points at another language on purpose.
      const hreflang = a.getAttribute('hreflang');
      if (hreflang && hreflang !== 'es') continue;
      const path = href.split(/[?#]/)[0]!;
      if (path === '/es' || path.startsWith('/es/')) continue;
      if (path in NO_SPANISH_VERSION) continue;
      const twin = spanishTwin(path);
      problems.push(twin ? `${href} -> use ${twin}` : `${href} has no Spanish version: add it to NO_SPANISH_VERSION with a reason`);
    }
    expect(problems).toEqual([]);
  });

  it.each(Object.keys(NO_SPANISH_VERSION))('%s still has no Spanish version', (path) => {
    expect(spanishTwin(path)).toBeUndefined();
  });
});
