import { describe, expect, it } from 'vitest';
import { ADVOCACY_SOURCE_HOSTS } from '../../functions/src/domain/erpo-sources.ts';
import { figureSchema, figuresFileSchema, type Figure } from '../../functions/src/domain/figure.ts';
import { expandFigures } from '../../site/src/lib/figures.ts';
import figuresFile from '../../site/src/content/figures/figures.json' with { type: 'json' };

const figure = (overrides: Partial<Figure> = {}): Figure => ({
  id: 'test-figure',
  value: { en: '9 in 10', es: '9 de cada 10' },
  unit: 'share of something',
  dataYear: '2023',
  source: { title: 'A study, 2024', url: 'https://example.org/study', kind: 'research' },
  status: 'verified',
  ...overrides,
});

const problems = (input: unknown) => {
  const r = figureSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('figures', () => {
  it('rejects a figure without a source or a data year', () => {
    const { source: _s, ...noSource } = figure();
    expect(problems(noSource)).toEqual(['source: Required']);
    expect(problems(figure({ dataYear: 'recent' }))).toEqual(['dataYear: Give the year the data describe, like 2023 or 2007-2014.']);
    expect(problems(figure({ source: { title: 'A study', url: 'not a url', kind: 'research' } }))).toEqual(['source.url: Link the source.']);
  });

  it('says what kind of source a figure rests on, and shows only figures from an agency or research', () => {
    const { kind: _k, ...noKind } = figure().source;
    expect(problems(figure({ source: noKind as Figure['source'] }))).toEqual(['source.kind: Say what kind of source this is: one of agency, research, news.']);
    expect(problems(figure({ source: { ...figure().source, kind: 'advocacy' as never } }))).toHaveLength(1);
    const news = figure({ source: { title: 'A news report', url: 'https://news.example.org/a', kind: 'news' } });
    expect(problems(news)).toEqual([
      'source.kind: A verified figure rests on an agency or research source: find the agency page or the study, or mark the figure unverified.',
    ]);
    expect(problems({ ...news, status: 'unverified' })).toEqual([]);
  });

  it.each(ADVOCACY_SOURCE_HOSTS.map((h) => [h]))('never takes a figure from %s, whatever kind or status it has', (host) => {
    for (const status of ['verified', 'unverified'] as const) {
      const f = figure({ status, source: { title: 'A fact sheet', url: `https://www.${host}/facts`, kind: 'research' } });
      expect(problems(f)).toEqual([
        `source.url: ${host} belongs to a group with a policy position on firearms and is never a figure's source: use the agency or the study itself.`,
      ]);
    }
  });

  it('rejects a duplicated figure id', () => {
    expect(figuresFileSchema.safeParse([figure(), figure()]).success).toBe(false);
  });

  it('expands tokens into the value and a numbered source link, in each language', () => {
    const { html, used } = expandFigures('<p>About {{fig:test-figure}} of people.</p>', [figure()], 'es');
    expect(html).toBe(
      '<p>About <strong class="figure" data-figure="test-figure">9 de cada 10</strong> <span class="figure-source">(<a href="#figure-source-1">fuente 1</a>, datos de 2023)</span> of people.</p>',
    );
    expect(used.map((f) => f.id)).toEqual(['test-figure']);
  });

  it('fails on an unknown or unverified figure', () => {
    expect(() => expandFigures('{{fig:nope}}', [figure()], 'en')).toThrow(/Unknown figure "\{\{fig:nope\}\}"/);
    expect(() => expandFigures('{{fig:test-figure}}', [figure({ status: 'unverified' })], 'en')).toThrow(/not verified/);
  });

  it('keeps the published figures file valid', () => {
    expect(figuresFileSchema.safeParse(figuresFile).success).toBe(true);
  });
});
