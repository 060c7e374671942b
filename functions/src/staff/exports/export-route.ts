import type { Context } from 'hono';
import { z } from 'zod';
import type { Campaign } from '../../domain/campaign.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { PLATFORM_MESSAGES } from '../../platform/http/messages.ts';
import { parseInput, queryObject } from '../../platform/http/validate.ts';
import type { AuditAction } from '../audit/audit-log.ts';
import type { StaffRole } from '../rules/roles.ts';
import type { StaffRoute } from '../scope.ts';
import { CSV_HEADERS, csvStream, exportFilename, type CsvColumn } from './csv-stream.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-25.');

/** The date range every export takes: whole days (UTC), both ends included. */
export const dateRangeSchema = z.object({ from: day.optional(), to: day.optional() });

/** `from`/`to` days as the ISO timestamps the sources compare with. */
export function isoRange(range: { from?: string; to?: string }): { from?: string; to?: string } {
  return {
    ...(range.from ? { from: `${range.from}T00:00:00.000Z` } : {}),
    ...(range.to ? { to: `${range.to}T23:59:59.999Z` } : {}),
  };
}

export interface CsvExportSpec<Filter extends Record<string, string | undefined>, Row> {
  /** Below `/campaigns/:slug`, ending in `.csv`. */
  path: `${string}.csv`;
  role: StaffRole;
  action: AuditAction;
  /** The file name's middle part: `<campaign>-<what>-<date>.csv`. */
  what: string;
  /** Query parameters, strict: an unknown one is a 400, not silently ignored. */
  filter: z.ZodType<Filter, z.ZodTypeDef, unknown>;
  columns: readonly CsvColumn<Row>[];
  rows(campaign: Campaign, filter: Filter): AsyncIterable<Row>;
}

/**
 * A streamed CSV export as a staff route: the filter is parsed, an audit record is written before
 * the first byte (so an export that breaks off is still on record), the rows stream out, and the
 * record gets its row count and outcome when the last one is out.
 */
export function csvExportRoute<Filter extends Record<string, string | undefined>, Row>(spec: CsvExportSpec<Filter, Row>): StaffRoute {
  return {
    method: 'GET',
    path: spec.path,
    role: spec.role,
    async handle(c: Context<AppEnv>, staff) {
      // An empty form field (a date left blank) means no filter.
      const query = Object.fromEntries(Object.entries(queryObject(c)).filter(([, v]) => v !== ''));
      const filter = parseInput(spec.filter, query);
      // Checked before anything is audited or read: DynamoDB refuses a range that ends before it starts.
      if (typeof filter.from === 'string' && typeof filter.to === 'string' && filter.from > filter.to) {
        throw new ValidationError({ to: [PLATFORM_MESSAGES.dateOrder.en] });
      }
      const filters = Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const rows = spec.rows(staff.campaign, filter);
      const record = await staff.audit({ action: spec.action, filters, outcome: 'started' });
      const logger = c.var.logger;
      const body = csvStream({
        columns: spec.columns,
        rows,
        onFinish: async (rows, ok) => {
          // The security log of exports: the campaign, what and how many rows; nothing from the rows or the filters.
          if (ok) logger?.info('staff export', { event: 'staff.export', campaign: staff.campaign.slug, kind: spec.what, rows });
          else logger?.error('export broke off', { action: spec.action, rows });
          await staff.auditLog.finish(record, { rows, outcome: ok ? 'done' : 'failed' });
        },
      });
      return new Response(body, { status: 200, headers: CSV_HEADERS(exportFilename(staff.campaign.slug, spec.what, new Date(record.at))) });
    },
  };
}
