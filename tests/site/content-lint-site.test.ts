import { describe, expect, it } from 'vitest';
import { SITE_DIST } from '../../functions/src/local/paths.ts';
import { lintBuiltSite } from '../../scripts/content-lint.ts';

// Reads the built site: `npm test` builds it first. Rules and thresholds: docs/content-rules.md.
describe('content linter over every built page, both languages', () => {
  const reports = lintBuiltSite(SITE_DIST);

  it('covers the whole site in both languages', () => {
    expect(reports.filter((r) => r.locale === 'en').length).toBeGreaterThan(50);
    expect(reports.filter((r) => r.locale === 'es').length).toBeGreaterThan(50);
  });

  it.each(reports.map((r) => [r.page, r]))('%s follows the safe-messaging and structure rules', (_page, report) => {
    expect(report.findings).toEqual([]);
  });
});
