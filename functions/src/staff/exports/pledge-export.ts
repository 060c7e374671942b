import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.ts';
import type { StaffRoute } from '../scope.ts';
import type { CsvColumn } from './csv-stream.ts';
import { csvExportRoute, dateRangeSchema, isoRange } from './export-route.ts';

/** One pledge as the pledge capability exports it (its `pledgeExport(deps).rows`). */
export interface PledgeExportRow {
  pledgedAt: string;
  confirmedAt?: string;
  name: string;
  email: string;
  zip: string;
  language: string;
  pledgeVersion: string | number;
  /** The person agreed to hear from the campaign. */
  updates: boolean;
}

export interface PledgeExportFilter {
  from?: string;
  to?: string;
  status?: 'confirmed' | 'unconfirmed';
  /** Only people who agreed to updates: always true for the outreach export. */
  outreachOnly: boolean;
}

/**
 * What staff reads of pledges: the pledge capability, wired by the composition root (app.ts).
 * Declared here so staff builds without it; absent, the pledge export answers 404 and the console
 * shows no pledge chart.
 */
export interface PledgeExportSource {
  rows(campaign: string, filter: PledgeExportFilter): AsyncIterable<PledgeExportRow>;
  /** Pledges confirmed on each of these UTC days (`YYYY-MM-DD`), from counters: no personal data. */
  confirmedPerDay(campaign: string, days: readonly string[]): Promise<Map<string, number>>;
}

/** Splits at the first space: what CRMs with separate first and last name fields expect. */
export function splitName(name: string): { first: string; last: string } {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  const at = trimmed.indexOf(' ');
  return at < 0 ? { first: trimmed, last: '' } : { first: trimmed.slice(0, at), last: trimmed.slice(at + 1) };
}

/** Headers named as organizing CRMs name their fields, so an import needs no mapping (docs/operations.md). */
export const PLEDGE_COLUMNS: readonly CsvColumn<PledgeExportRow>[] = [
  { header: 'email', cell: (r) => r.email },
  { header: 'first_name', cell: (r) => splitName(r.name).first },
  { header: 'last_name', cell: (r) => splitName(r.name).last },
  { header: 'zip', cell: (r) => r.zip },
  { header: 'language', cell: (r) => r.language },
  { header: 'created_at', cell: (r) => r.pledgedAt },
  { header: 'confirmed_at', cell: (r) => r.confirmedAt ?? '' },
  { header: 'pledge_version', cell: (r) => r.pledgeVersion },
  { header: 'email_opt_in', cell: (r) => (r.updates ? 'yes' : 'no') },
];

const filterSchema = dateRangeSchema.extend({ status: z.enum(['confirmed', 'unconfirmed']).optional() }).strict();

/** `GET /campaigns/:slug/pledges.csv`: the outreach list, only people who agreed to updates. */
export function pledgeExportRoutes(source: PledgeExportSource | undefined): StaffRoute[] {
  return [
    csvExportRoute({
      path: '/pledges.csv',
      role: 'exporter',
      action: 'pledges.export',
      what: 'pledges',
      filter: filterSchema,
      columns: PLEDGE_COLUMNS,
      rows(campaign, filter) {
        if (!source) throw new NotFoundError('Pledges are not available on this platform yet.');
        const rows = source.rows(campaign.slug, { ...isoRange(filter), ...(filter.status ? { status: filter.status } : {}), outreachOnly: true });
        return onlyConsenting(rows);
      },
    }),
  ];
}

/** Belt and braces: whatever the source does, nobody who said no to updates is in an outreach list. */
async function* onlyConsenting(rows: AsyncIterable<PledgeExportRow>): AsyncIterable<PledgeExportRow> {
  for await (const row of rows) if (row.updates === true) yield row;
}
