import { describe, expect, it } from 'vitest';
import { datasetProblems, erpoRecordSchema, PETITIONERS, type ErpoRecord } from '../../functions/src/domain/erpo.ts';
import {
  ADVOCACY_SOURCE_HOSTS,
  BILL_TRACKER_HOSTS,
  sourcePolicyProblems,
  sourcesPrimaryFirst,
  UNACCEPTABLE_SOURCE_HOSTS,
  type ErpoSource,
} from '../../functions/src/domain/erpo-sources.ts';
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

function source(overrides: Partial<ErpoSource> = {}): ErpoSource {
  return { title: 'A source', url: 'https://example.org/page', accessed: '2026-11-28', kind: 'statute', ...overrides };
}

const banned = (overrides: Partial<ErpoRecord>) => ({
  ...buildErpoRecord({ status: 'prohibited', lawName: null, enacted: null, effective: null, citation: null, petitioners: [] }),
  emergencyOrderMaxDays: null,
  emergencyOrderEnds: null,
  finalOrderMaxDays: null,
  ...overrides,
});

describe('who files and who may only ask, and how an emergency order ends', () => {
  it('keeps people who may only ask for an investigation apart from those who file', () => {
    expect(problems(buildErpoRecord({ petitioners: ['law_enforcement', 'prosecutor'], requesters: ['family', 'medical_professional'] }))).toEqual([]);
    expect(problems(buildErpoRecord({ petitioners: ['law_enforcement', 'family'], requesters: ['family'] }))).toEqual([
      'requesters: family may file, so list them only in petitioners, not in requesters.',
    ]);
    expect(problems(buildErpoRecord({ requesters: ['other'] }))).toEqual(['requestersNote: Explain who "other" requesters are.']);
    expect(problems(buildErpoRecord({ requestersNote: { en: 'Note.', es: 'Nota.' } }))).toEqual([
      'requestersNote: A note on requesters needs at least one requester; remove it or list them.',
    ]);
  });

  it('requires saying how an emergency order ends, and a note when it lasts unless contested', () => {
    expect(problems(buildErpoRecord({ emergencyOrderEnds: null }))).toEqual([
      'emergencyOrderEnds: Say how the emergency order ends: "at_hearing" or "unless_contested".',
    ]);
    expect(problems(buildErpoRecord({ emergencyOrderMaxDays: 365, emergencyOrderEnds: 'unless_contested' }))).toEqual([
      'durationNote: Explain in a note how the person can contest an emergency order that lasts unless contested.',
    ]);
    const contested = { emergencyOrderMaxDays: 365, emergencyOrderEnds: 'unless_contested' as const };
    expect(problems(buildErpoRecord({ ...contested, durationNote: { en: 'Ask for a hearing.', es: 'Pida una audiencia.' } }))).toEqual([]);
  });
});

describe('red-flag sourcing policy', () => {
  it('requires a kind for every source, and "why" only on news and advocacy', () => {
    const { kind: _kind, ...noKind } = source();
    expect(problems(buildErpoRecord({ sources: [noKind as never] }))).toEqual([
      'sources.0.kind: Say what kind of source this is: one of statute, court, agency, research, news, advocacy.',
    ]);
    expect(problems(buildErpoRecord({ sources: [source({ why: 'It says more.' })] }))).toEqual([
      'sources.0.why: "why" is only for news and advocacy sources; remove it from this statute source.',
    ]);
  });

  it.each(['news', 'advocacy'] as const)('fails a %s source without "why", and passes it with one', (kind) => {
    const without = buildErpoRecord({ sources: [source(), source({ kind })] });
    expect(sourcePolicyProblems(without)).toEqual([
      expect.stringMatching(new RegExp(`^sources\\.1\\.why: An? ${kind} source needs "why": say what it tells that no statute`)),
    ]);
    expect(sourcePolicyProblems(buildErpoRecord({ sources: [source(), source({ kind, why: '  ' })] }))).toHaveLength(1);
    expect(sourcePolicyProblems(buildErpoRecord({ sources: [source(), source({ kind, why: 'Only report of the signing.' })] }))).toEqual([]);
  });

  it('fails a law in force with no statute or court source', () => {
    const secondary = [source({ kind: 'agency' }), source({ kind: 'research' })];
    expect(sourcePolicyProblems(buildErpoRecord({ sources: secondary }))).toEqual([
      'sources: A law in force needs at least one source of kind "statute" or "court": add the statute on the legislature’s site or the court’s page or form.',
    ]);
    expect(sourcePolicyProblems(buildErpoRecord({ sources: [...secondary, source({ kind: 'court' })] }))).toEqual([]);
    expect(sourcePolicyProblems(buildErpoRecord({ sources: [...secondary, source({ kind: 'statute' })] }))).toEqual([]);
  });

  it('fails a ban on these orders without the statute that bans them', () => {
    expect(problems(banned({}))).toEqual([]);
    expect(sourcePolicyProblems(banned({ sources: [source({ kind: 'court' }), source({ kind: 'research' })] }))).toEqual([
      'sources: A state that forbids these orders needs at least one source of kind "statute": add the law that forbids them (if it is not on the legislature’s site, list "citation" in unverified and say why in reviewNote).',
    ]);
    expect(sourcePolicyProblems(banned({ sources: [source({ kind: 'statute' })] }))).toEqual([]);
    expect(sourcePolicyProblems(banned({ status: 'none', sources: [source({ kind: 'research' })] }))).toEqual([]);
    // Where the statute could not be read on the legislature's site, the page must say the citation is unverified.
    expect(sourcePolicyProblems(banned({ sources: [source({ kind: 'agency' })], unverified: ['citation'] }))).toEqual([]);
  });

  it.each(ADVOCACY_SOURCE_HOSTS.map((h) => [h]))('treats a source on %s as advocacy, whatever kind the record gives it', (host) => {
    for (const kind of ['statute', 'court', 'agency', 'research', 'news'] as const) {
      const url = `https://www.${host}/state/law`;
      expect(sourcePolicyProblems(buildErpoRecord({ sources: [source(), source({ kind, url, ...(kind === 'news' ? { why: 'x' } : {}) })] }))).toEqual([
        `sources.1.kind: ${host} belongs to a group with a policy position on firearms: give it kind "advocacy" and a "why", or replace it with a statute, court, agency or research source.`,
      ]);
    }
    const labelled = source({ kind: 'advocacy', url: `https://${host}/state/law`, why: 'Only source that says this.' });
    expect(sourcePolicyProblems(buildErpoRecord({ sources: [source(), labelled] }))).toEqual([]);
  });

  it('lists advocacy groups of both sides, and the groups the content rules name', () => {
    for (const host of ['everytown.org', 'giffords.org', 'bradyunited.org', 'momsdemandaction.org', 'womenslaw.org', 'disarmdv.org', 'onethingyoucando.org']) {
      expect(ADVOCACY_SOURCE_HOSTS, host).toContain(host);
    }
    for (const host of ['nra.org', 'nraila.org', 'gunowners.org', 'gunowners.com', 'firearmspolicy.org']) expect(ADVOCACY_SOURCE_HOSTS, host).toContain(host);
  });

  it.each(UNACCEPTABLE_SOURCE_HOSTS.map((h) => [h]))('fails a source on %s, whatever its kind', (host) => {
    for (const url of [`https://${host}/law/erpo`, `https://www.${host}/law/erpo`]) {
      expect(sourcePolicyProblems(buildErpoRecord({ sources: [source(), source({ kind: 'research', url })] }))).toEqual([
        `sources.1.url: ${host} is an AI-generated or SEO law site and never a source: replace it with the statute, court or agency page.`,
      ]);
    }
  });

  it('does not mistake a host that merely ends with a listed name for it', () => {
    expect(sourcePolicyProblems(buildErpoRecord({ sources: [source({ url: 'https://notcourtgpt.ai/x' })] }))).toEqual([]);
  });

  it.each(BILL_TRACKER_HOSTS.map((h) => [h]))('keeps a %s bill tracker only as research explained in reviewNote', (host) => {
    const tracker = source({ kind: 'research', url: `https://www.${host}/bill/1` });
    const fails = [
      buildErpoRecord({ sources: [source(), tracker], reviewNote: 'Nothing about it.' }),
      buildErpoRecord({ sources: [source(), { ...tracker, kind: 'statute' }], reviewNote: `${host}: legislature page not found.` }),
    ];
    for (const r of fails) expect(sourcePolicyProblems(r)).toEqual([expect.stringMatching(new RegExp(`^sources\\.1\\.url: ${host} is a bill tracker`))]);
    expect(sourcePolicyProblems(buildErpoRecord({ sources: [source(), tracker], reviewNote: `Kept ${host}: the legislature page was not found.` }))).toEqual([]);
  });

  it('is enforced by the record schema itself, so the build and the seeding refuse a record that breaks it', () => {
    const advocacyOnly = buildErpoRecord({ sources: [source({ kind: 'advocacy', url: 'https://courtgpt.ai/erpo' })] });
    expect(problems(advocacyOnly)).toEqual(sourcePolicyProblems(advocacyOnly));
    expect(problems(advocacyOnly).map((p) => p.split(':')[0])).toEqual(['sources.0.why', 'sources.0.url', 'sources']);
  });

  it('lists sources primary first, keeping the order within a kind', () => {
    const kinds = ['advocacy', 'research', 'statute', 'news', 'court', 'agency', 'statute'] as const;
    const sorted = sourcesPrimaryFirst(kinds.map((kind, i) => source({ kind, title: `${kind} ${i}` })));
    expect(sorted.map((s) => s.title)).toEqual(['statute 2', 'statute 6', 'court 4', 'agency 5', 'research 1', 'news 3', 'advocacy 0']);
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

  it('follows the sourcing policy in every record', () => {
    const found = records.flatMap((r) => sourcePolicyProblems(r).map((p) => `${r.state} ${p}`));
    expect(found).toEqual([]);
  });

  it('cites at least one statute or court source for every law in force, and a statute for every ban (or says its citation is unverified)', () => {
    for (const r of records.filter((x) => x.status === 'in_force')) {
      expect(r.sources.some((s) => s.kind === 'statute' || s.kind === 'court'), r.state).toBe(true);
    }
    for (const r of records.filter((x) => x.status === 'prohibited')) {
      expect(r.sources.some((s) => s.kind === 'statute') || r.unverified.includes('citation'), r.state).toBe(true);
    }
  });

  it('labels the one-year ex parte orders of Michigan and Oregon as lasting unless contested', () => {
    const contested = records.filter((r) => r.emergencyOrderEnds === 'unless_contested').map((r) => r.state);
    expect(contested).toEqual(['MI', 'OR']);
  });

  // Review age (12 months) warns in npm test and fails `npm run check:fresh`: tests/checks/freshness.test.ts.
  it('has no review date in the future', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const r of records) expect(r.lastReviewed <= today, `${r.state} last reviewed ${r.lastReviewed}`).toBe(true);
  });
});
