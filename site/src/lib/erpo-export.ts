import { stringify } from 'csv-stringify/sync';
import { neutralizeCell } from '#domain/csv';
import { toPublicErpoRecord, type ErpoRecord } from '#domain/erpo';
import { sourcesPrimaryFirst } from '#domain/erpo-sources';

export const ERPO_LICENSE = {
  name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Lockline red-flag law dataset',
};

/** The downloadable JSON: license, review date, and every public record. */
export function erpoJson(records: ErpoRecord[], lastReviewed: string): string {
  return `${JSON.stringify(
    {
      dataset: 'lockline-erpo-states',
      description: 'Red-flag (Extreme Risk Protection Order) laws of the 50 US states and DC, in English and Spanish.',
      license: ERPO_LICENSE,
      lastReviewed,
      count: records.length,
      notice: 'General information, not legal advice. Check each record’s sources and review date.',
      fields: {
        petitioners: 'who may file a petition with the court',
        requesters: 'who may ask the police, a prosecutor or the court for an investigation but cannot file',
        emergencyOrderEnds:
          'at_hearing: the emergency order lasts until a hearing held within emergencyOrderMaxDays; unless_contested: it lasts the full emergencyOrderMaxDays unless the person asks for a hearing',
        sources: 'primary first; kind is statute, court, agency, research, news or advocacy; why says what a news or advocacy source adds',
      },
      states: records.map(toPublicErpoRecord),
    },
    null,
    2,
  )}\n`;
}

const COLUMNS = [
  'state', 'name_en', 'name_es', 'status', 'law_name_en', 'law_name_es', 'enacted', 'effective', 'citation',
  'petitioners', 'requesters', 'requesters_note_en', 'requesters_note_es',
  'emergency_order_max_days', 'emergency_order_ends', 'final_order_max_days', 'duration_note_en', 'duration_note_es',
  'summary_en', 'summary_es', 'official_links', 'sources', 'source_kinds', 'last_reviewed', 'confidence', 'unverified_fields',
  'license',
] as const;

/** One row per state, spreadsheet-safe; lists are joined with " | " (sources and source_kinds in the same order). */
export function erpoCsv(records: ErpoRecord[]): string {
  const rows = records.map((r) => {
    const sources = sourcesPrimaryFirst(r.sources);
    return [
      r.state, r.name.en, r.name.es, r.status, r.lawName?.en, r.lawName?.es, r.enacted, r.effective, r.citation,
      r.petitioners.join(' | '), r.requesters.join(' | '), r.requestersNote?.en, r.requestersNote?.es,
      r.emergencyOrderMaxDays, r.emergencyOrderEnds, r.finalOrderMaxDays, r.durationNote?.en, r.durationNote?.es,
      r.summary.en, r.summary.es, r.officialLinks.map((l) => l.url).join(' | '),
      sources.map((s) => s.url).join(' | '), sources.map((s) => s.kind).join(' | '),
      r.lastReviewed, r.confidence, r.unverified.join(' | '), 'CC BY 4.0',
    ].map(neutralizeCell);
  });
  // A byte-order mark so Excel opens the Spanish text as UTF-8.
  return `\uFEFF${stringify([COLUMNS as unknown as string[], ...rows], { record_delimiter: 'windows' })}`;
}
