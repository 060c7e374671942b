import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_DIST } from '../../functions/src/local/paths.ts';

// Reads the built site: `npm test` builds it first.
describe('sitemap', () => {
  const xml = readFileSync(join(SITE_DIST, 'sitemap-0.xml'), 'utf8');
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);

  it('lists every content page in both languages, with hreflang alternates', () => {
    for (const path of ['/', '/es/', '/safe-storage/', '/es/safe-storage/', '/red-flag-laws/wa/', '/es/red-flag-laws/wa/']) {
      expect(locs).toContain(path);
    }
    expect(xml).toContain('hreflang="es"');
    expect(xml).toContain('hreflang="en"');
  });

  it('leaves error pages out, and pages whose canonical is another page', () => {
    expect(locs.filter((p) => p.includes('zip-error') || p.includes('404'))).toEqual([]);
    // A campaign's pages in a language it adds are English pages with a notice (canonical: English).
    expect(locs).toContain('/c/pine-hollow/');
    expect(locs).toContain('/es/c/pine-hollow/red-flag-laws/');
    expect(locs.filter((p) => p.startsWith('/vi/'))).toEqual([]);
  });

  it('is announced in robots.txt', () => {
    expect(readFileSync(join(SITE_DIST, 'robots.txt'), 'utf8')).toMatch(/^Sitemap: https?:\/\/.+\/sitemap-index\.xml$/m);
  });
});
