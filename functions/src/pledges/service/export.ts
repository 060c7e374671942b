import { contactKeys } from '../../platform/email/suppressions.ts';
import type { PledgeRange, PledgeStore } from '../ports.ts';
import { PLEDGE_SHARDS, type PledgeRecord, type PledgeStatus } from '../rules/record.ts';
import type { PledgeServiceDeps } from './deps.ts';

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

const PAGE_SIZE = 100;

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

/** One shard's rows one at a time; with `outreachOnly`, each page is checked against the suppression list at once. */
async function* shardRows(deps: ExportDeps, pages: AsyncIterable<Row[]>, outreachOnly: boolean): AsyncGenerator<Row> {
  for await (const page of pages) {
    if (!outreachOnly || !page.length) {
      yield* page;
      continue;
    }
    const keys = await Promise.all(page.map((row) => contactKeys(deps.keyRing, row.record.email)));
    const suppressed = await deps.suppressions.suppressedKeys(keys.flat());
    for (const [i, row] of page.entries()) if (!keys[i]!.some((k) => suppressed.has(k))) yield row;
  }
}

/**
 * Merges sorted streams into one, oldest first, holding one row (and one page) per stream: memory
 * stays the same whatever the number of rows.
 */
async function* merged(streams: AsyncGenerator<Row>[]): AsyncGenerator<Row> {
  const heads = await Promise.all(streams.map((s) => s.next()));
  for (;;) {
    let min = -1;
    for (let i = 0; i < heads.length; i += 1) {
      const h = heads[i]!;
      if (!h.done && (min < 0 || h.value.sortKey < (heads[min]!.value as Row).sortKey)) min = i;
    }
    if (min < 0) return;
    yield heads[min]!.value as Row;
    heads[min] = await streams[min]!.next();
  }
}

type ExportDeps = Pick<PledgeServiceDeps, 'keyRing' | 'suppressions'> & { pledges: Pick<PledgeStore, 'listPages' | 'confirmedPerDay'> };

/**
 * The staff export of a campaign's pledges (or the national pledge: `NATIONAL_SCOPE`), streamed
 * page by page from DynamoDB with Queries on gsi1 (one per index shard and status, merged oldest
 * first), every page to the end, expired pledges skipped. Memory does not grow with the list.
 */
export function pledgeExport(deps: ExportDeps, options: { pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  return {
    async *rows(campaign: string, filter: PledgeExportFilter): AsyncIterable<PledgeExportRow> {
      const statuses: PledgeStatus[] = filter.outreachOnly
        ? filter.status === 'unconfirmed' ? [] : ['confirmed']
        : filter.status ? [filter.status] : ['confirmed', 'unconfirmed'];
      const range: PledgeRange = { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) };
      const streams = statuses.flatMap((status) =>
        Array.from({ length: PLEDGE_SHARDS }, (_, shard) =>
          shardRows(deps, deps.pledges.listPages({ scope: campaign, status, shard, range, outreachOnly: filter.outreachOnly }, pageSize), filter.outreachOnly),
        ),
      );
      for await (const row of merged(streams)) yield toRow(row.record);
    },
    /** Pledges confirmed on each day (UTC), from the day counters: no pledge is read. */
    confirmedPerDay: (campaign: string, days: readonly string[]) => deps.pledges.confirmedPerDay(campaign, days),
  };
}
