import { describe, expect, it } from 'vitest';
import { formatDate, localizedPath } from '../../site/src/i18n/ui.ts';

describe('localizedPath', () => {
  it.each([
    ['es', '/', '/es/'],
    ['en', '/es/', '/'],
    ['es', '/red-flag-laws/wa/', '/es/red-flag-laws/wa/'],
    ['en', '/es/red-flag-laws/wa/', '/red-flag-laws/wa/'],
    ['es', '/es/', '/es/'],
    ['en', '/estimates/', '/estimates/'],
  ] as const)('maps %s + %s to %s', (locale, path, expected) => {
    expect(localizedPath(locale, path)).toBe(expected);
  });
});

describe('formatDate', () => {
  it('writes dates in each language', () => {
    expect(formatDate('en', '2026-11-25')).toBe('November 25, 2026');
    expect(formatDate('es', '2026-11-25')).toBe('25 de noviembre de 2026');
  });
});
