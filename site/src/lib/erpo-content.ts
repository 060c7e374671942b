import { getCollection } from 'astro:content';
import { datasetProblems, type ErpoRecord, type ErpoStatus } from '#domain/erpo';
import type { SiteLocale } from '../i18n/ui.ts';

/** Every record, sorted by state code; the build fails if a state or DC is missing or doubled. */
export async function getErpoRecords(): Promise<ErpoRecord[]> {
  const records = (await getCollection('erpoStates')).map((entry) => entry.data);
  const problems = datasetProblems(records);
  if (problems.length) throw new Error(`Red-flag dataset incomplete: ${problems.join('; ')}`);
  return records.sort((a, b) => a.state.localeCompare(b.state));
}

/** States in alphabetical order of their name in the page's language. */
export function byName(records: ErpoRecord[], locale: SiteLocale): ErpoRecord[] {
  return [...records].sort((a, b) => a.name[locale].localeCompare(b.name[locale], locale));
}

export function groupByStatus(records: ErpoRecord[]): Record<ErpoStatus, ErpoRecord[]> {
  return {
    in_force: records.filter((r) => r.status === 'in_force'),
    none: records.filter((r) => r.status === 'none'),
    prohibited: records.filter((r) => r.status === 'prohibited'),
  };
}

export function latestReview(records: ErpoRecord[]): string {
  return records.map((r) => r.lastReviewed).sort().at(-1) ?? '';
}

export function statePath(locale: SiteLocale, code: string): string {
  return `${locale === 'es' ? '/es' : ''}/red-flag-laws/${code.toLowerCase()}/`;
}
