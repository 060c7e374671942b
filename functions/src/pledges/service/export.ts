import { contactKeys } from '../../platform/email/suppressions.ts';
import type { PledgeRange, PledgeStore } from '../ports.ts';
import { PLEDGE_SHARDS, type PledgeRecord, type PledgeStatus } from '../rules/record.ts';
import type { PledgeServiceDeps } from './deps.ts';
import { mergePages, readAhead } from './merge.ts';

/** One row of a staff export of a campaign's pledges (the staff console writes the CSV). */
export interface PledgeExportRow {
  pledgedAt: string;
  confirmedAt?: string;
  name: string;
  email: string;
  zip: string;
  language: string;
  pledgeVersion: number;
  updates: boolean;
}

export interface PledgeExportFilter {
  /** ISO date (`2026-11-01`, the whole day) or date-time, inclusive, on when the pledge was signed. */
  from?: string;
  to?: string;
  status?: PledgeStatus;
  /** Only confirmed people who consented to updates and are neither unsubscribed nor suppressed. */
  outreachOnly: boolean;
}

/**
 * Items per Query page: a fifth of the round trips of 100-item pages, and within DynamoDB's 1 MB
 * page (a pledge item is well under 2 KB; a page that reached 1 MB would end there, and pagination
 * goes on). The export holds at most two pages per shard and status (the one being merged and the
 * next, read ahead, in flight or waiting): 20 shards × 2 × 500 = 20,000 pledges for the outreach
 * export (about 1.3 KB of heap each), twice that when both statuses are exported. That bound does
 * not depend on the number of rows.
 */
export const EXPORT_PAGE_SIZE = 500;

const toRow = (r: PledgeRecord): PledgeExportRow => ({
  pledgedAt: r.pledgedAt,
  ...(r.confirmedAt ? { confirmedAt: r.confirmedAt } : {}),
  name: r.name,
  email: r.email,
  zip: r.zip,
  language: r.language,
  pledgeVersion: r.pledgeVersion,
  updates: r.updates,
});

type Row = { sortKey: string; record: PledgeRecord };

/** The rows of a page whose address is not on the suppression list: one lookup per 100 keys. */
async function unsuppressed(deps: ExportDeps, page: Row[]): Promise<Row[]> {
  const keys = await Promise.all(page.map((row) => contactKeys(deps.keyRing, row.record.email)));
  const suppressed = await deps.suppressions.suppressedKeys(keys.flat());
  return suppressed.size ? page.filter((_, i) => !keys[i]!.some((k) => suppressed.has(k))) : page;
}

/** One shard's pages; with `outreachOnly`, each page is checked against the suppression list at once. */
async function* checkedPages(deps: ExportDeps, pages: AsyncIterable<Row[]>, outreachOnly: boolean): AsyncGenerator<Row[]> {
  for await (const page of pages) yield outreachOnly && page.length ? await unsuppressed(deps, page) : page;
}

type ExportDeps = Pick<PledgeServiceDeps, 'keyRing' | 'suppressions'> & { pledges: Pick<PledgeStore, 'listPages' | 'confirmedPerDay'> };

/**
 * The staff export of a campaign's pledges (or the national pledge: `NATIONAL_SCOPE`), streamed
 * page by page from DynamoDB with Queries on gsi1 (one per index shard and status, merged oldest
 * first), every page to the end, expired pledges skipped. Each shard reads (and checks) its next
 * page while the merge works through the one before, so the shards' round trips overlap instead
 * of running one after another. Memory does not grow with the list (EXPORT_PAGE_SIZE).
 */
export function pledgeExport(deps: ExportDeps, options: { pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  return {
    async *rows(campaign: string, filter: PledgeExportFilter): AsyncIterable<PledgeExportRow> {
      const statuses: PledgeStatus[] = filter.outreachOnly
        ? filter.status === 'unconfirmed' ? [] : ['confirmed']
        : filter.status ? [filter.status] : ['confirmed', 'unconfirmed'];
      const range: PledgeRange = { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) };
      const sources = statuses.flatMap((status) =>
        Array.from({ length: PLEDGE_SHARDS }, (_, shard) => {
          const pages = deps.pledges.listPages({ scope: campaign, status, shard, range, outreachOnly: filter.outreachOnly }, pageSize);
          return readAhead(checkedPages(deps, pages, filter.outreachOnly));
        }),
      );
      for await (const run of mergePages(sources, (row) => row.sortKey)) for (const row of run) yield toRow(row.record);
    },
    /** Pledges confirmed on each day (UTC), from the day counters: no pledge is read. */
    confirmedPerDay: (campaign: string, days: readonly string[]) => deps.pledges.confirmedPerDay(campaign, days),
  };
}
