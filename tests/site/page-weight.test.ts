import { describe, expect, it } from 'vitest';
import { SITE_DIST } from '../../functions/src/local/paths.ts';
import { builtPages } from '../../scripts/content-lint.ts';
import { PAGE_BUDGET_BYTES, pageWeight } from '../../scripts/page-weight.ts';

// Reads the built site: `npm test` builds it first.
describe('page weight (first load, compressed)', () => {
  const pages = builtPages(SITE_DIST);

  it.each(pages.map((p) => [p.page, p.file]))('%s is within 60 KB and ships no JavaScript', (_page, file) => {
    const weight = pageWeight(SITE_DIST, file);
    expect(weight.scripts).toBe(0);
    expect(weight.total).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  });
});
