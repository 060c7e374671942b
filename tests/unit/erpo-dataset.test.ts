import { describe, expect, it } from 'vitest';
import { datasetProblems, erpoRecordSchema, PETITIONERS } from '../../functions/src/domain/erpo.ts';
import { STATES_AND_DC } from '../../functions/src/domain/us-states.ts';
import { loadErpoFiles } from '../../functions/src/local/seed.ts';
import { buildErpoRecord } from '../support/builders.ts';

function problems(input: unknown): string[] {
  const result = erpoRecordSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('red-flag record schema', () => {
  it('accepts a complete in-force record', () => {
    expect(problems(buildErpoRecord())).toEqual([]);
  });

  it('rejects a petitioner outside the fixed vocabulary, naming the field', () => {
    const [problem] = problems(buildErpoRecord({ petitioners: ['neighbour' as never] }));
    expect(problem).toMatch(/^petitioners\.0: Invalid enum value/);
    expect(problem).toContain(PETITIONERS.join("' | '"));
  });

  it('requires an explanation for "other" petitioners and for orders with no fixed end', () => {
    expect(problems(buildErpoRecord({ petitioners: ['family', 'other'] }))).toEqual([
      'petitionersNote: Explain who "other" petitioners are.',
    ]);
    expect(problems(buildErpoRecord({ finalOrderMaxDays: null }))).toEqual([
      'durationNote: Explain in a note why the final order has no fixed end.',
    ]);
  });

  it('requires a law name, year, citation, petitioners and steps when a law is in force', () => {
    const found = problems(buildErpoRecord({ lawName: null, enacted: null, citation: null, petitioners: [], steps: [] }));
    expect(found.map((p) => p.split(':')[0])).toEqual(['lawName', 'enacted', 'citation', 'petitioners', 'steps']);
  });

  it('requires alternatives, and forbids petitioners and durations, where a state has no such order', () => {
    const none = buildErpoRecord({
      status: 'prohibited',
      lawName: null,
      enacted: null,
      effective: null,
      citation: null,
      petitioners: ['family'],
      requesters: ['medical_professional'],
      alternatives: [],
    });
    expect(problems(none)).toEqual([
      'petitioners: Only a state with a law in force has petitioners.',
      'requesters: Only a state with a law in force has requesters.',
      'emergencyOrderEnds: Only a state with a law in force has an emergency order; use null.',
      'finalOrderMaxDays: Only a state with a law in force has order durations.',
      'alternatives: Say what a worried family can still do where there is no such order.',
    ]);
  });

  it('rejects unknown fields, missing Spanish, a bad date, and a record with no sources', () => {
    expect(problems({ ...buildErpoRecord(), rating: 5 }).join()).toMatch(/Unrecognized key\(s\) in object: 'rating'/);
    expect(problems(buildErpoRecord({ summary: { en: 'Only English' } as never })).join()).toMatch(/^summary\.es: Required/);
    expect(problems(buildErpoRecord({ lastReviewed: '25/11/2026' })).join()).toMatch(/lastReviewed: Use a date like 2026-11-25/);
    expect(problems(buildErpoRecord({ sources: [] })).join()).toMatch(/^sources: Array must contain at least 1/);
    expect(problems(buildErpoRecord({ state: 'PR' as never })).join()).toMatch(/^state: Use the USPS code of a state or DC/);
  });

  it('reports a missing or duplicated state in a dataset', () => {
    const records = STATES_AND_DC.filter((s) => s !== 'WY').map((state) => buildErpoRecord({ state }));
    records.push(buildErpoRecord({ state: 'OR' }));
    expect(datasetProblems(records)).toEqual(['OR: 2 records (expected one)', 'WY: missing record']);
  });
});

describe('the published dataset (site/src/content/erpo-states)', () => {
  const records = loadErpoFiles();

  it('has one valid record for each of the 50 states and DC', () => {
    expect(records).toHaveLength(51);
    expect(datasetProblems(records)).toEqual([]);
  });

  it('links only to web addresses, and says so when it has no verified official link', () => {
    for (const r of records) {
      for (const link of [...r.sources, ...r.officialLinks]) expect(link.url, `${r.state}`).toMatch(/^https?:\/\//);
      if (r.officialLinks.length === 0) expect(r.unverified, `${r.state}`).toContain('officialLinks');
    }
  });

  it('was reviewed within the last 12 months', () => {
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    for (const r of records) expect(r.lastReviewed >= yearAgo, `${r.state} last reviewed ${r.lastReviewed}`).toBe(true);
  });
});
