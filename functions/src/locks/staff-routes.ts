import type { Context } from 'hono';
import { z } from 'zod';
import type { Campaign } from '../domain/campaign.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { LOCK_TYPES } from '../domain/pickup-site.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { apiLocale } from '../platform/http/locale.ts';
import { PLATFORM_MESSAGES } from '../platform/http/messages.ts';
import { parseInput, queryObject } from '../platform/http/validate.ts';
import { csvExportRoute, dateRangeSchema, isoRange } from '../staff/for-staff.ts';
import type { CsvColumn, StaffRoute } from '../staff/index.ts';
import { localizeFieldErrors } from './messages.ts';
import type { LockService } from './service/lock-service.ts';
import { parseConfirmationCode } from './rules/codes.ts';
import { MAIL_POOL, REQUEST_STATUSES, STAFF_TARGETS, type LockRequestRecord } from './rules/lifecycle.ts';
import type { LockRequestRows } from './store/request-rows.ts';

/** Requests per page of the JSON list: a page stays far below Lambda's 6 MB response limit. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const listQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    site: z.string().max(40).optional(),
    /** Where the page starts: the `nextCursor` of the page before (opaque, signed). */
    cursor: z.string().min(1).max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  })
  .strict();

const statusBodySchema = z.object({ status: z.enum(STAFF_TARGETS) }).strict();

const stockBodySchema = z
  .object({
    /** A pickup site's id, or "mail" for the mail programme. */
    site: z.string().min(1).max(40),
    lockType: z.enum(LOCK_TYPES),
    quantity: z.number().int().min(1).max(10_000),
  })
  .strict();

/** The pools a campaign's requests come from, as staff name them: its pickup sites' ids, and `mail`. */
export const poolsOf = (campaign: Campaign): string[] => [...campaign.pickupSites.map((s) => s.id), ...(campaign.locks.mail.enabled ? ['mail'] : [])];

/** Everything staff need to fulfil a request, and nothing they don't (no hashes). */
export function staffView(r: LockRequestRecord) {
  const { householdKeys: _keys, ...rest } = r;
  return rest;
}

export const parseCode = (raw: string | undefined) => {
  const code = parseConfirmationCode(raw ?? '');
  if (!code) throw new NotFoundError('There is no such request.', 'request_not_found');
  return code;
};

const exportFilter = dateRangeSchema
  .extend({
    /** Default: requests waiting to be sent. `all`: every status. */
    status: z.enum([...REQUEST_STATUSES, 'all']).default('requested'),
    /** Default: the shipping list (mail only). */
    delivery: z.enum(['mail', 'pickup', 'all']).default('mail'),
  })
  .strict();

/** The shipping list's columns, named as mailing and organizing tools name them (docs/operations.md). */
export const LOCK_REQUEST_COLUMNS: readonly CsvColumn<LockRequestRecord>[] = [
  { header: 'confirmation_code', cell: (r) => r.code },
  { header: 'name', cell: (r) => r.name },
  { header: 'address1', cell: (r) => r.address?.line1 },
  { header: 'address2', cell: (r) => r.address?.line2 },
  { header: 'city', cell: (r) => r.address?.city },
  { header: 'state', cell: (r) => r.address?.state },
  { header: 'zip', cell: (r) => r.address?.zip },
  { header: 'country', cell: (r) => (r.address ? 'US' : '') },
  { header: 'lock_type', cell: (r) => r.lockType },
  { header: 'quantity', cell: (r) => r.quantity },
  { header: 'delivery', cell: (r) => r.delivery },
  { header: 'pickup_site', cell: (r) => r.siteId ?? '' },
  { header: 'status', cell: (r) => r.status },
  { header: 'created_at', cell: (r) => r.createdAt },
  // An earlier request of the same household this period (decision 0012): check before shipping.
  { header: 'possible_duplicate_of', cell: (r) => r.possibleDuplicateOf ?? '' },
  // The language the person chose for messages: a campaign's added language (emails go in English) tells staff how to reach them.
  { header: 'language', cell: (r) => r.language },
];

/**
 * Staff actions on a campaign's lock requests, each with the role it needs, mounted under
 * `/api/staff/campaigns/:slug` behind the one scope check (staff/scope.ts): they never see
 * another campaign's data. Lists, changes and exports are written to the audit log.
 */
export function lockStaffRoutes(deps: { service: LockService; rows: LockRequestRows }): StaffRoute[] {
  const { service } = deps;
  const codeOf = (c: Context<AppEnv>) => parseCode(c.req.param('code'));

  return [
    {
      method: 'GET',
      path: '/lock-requests',
      role: 'fulfilment',
      async handle(c, staff) {
        const query = parseInput(listQuerySchema, queryObject(c));
        // Only a pool of this campaign: the filter goes into the audit log, which never holds free text.
        if (query.site !== undefined && !poolsOf(staff.campaign).includes(query.site)) throw new ValidationError({ site: [PLATFORM_MESSAGES.invalid.en] });
        const site = query.site === 'mail' ? MAIL_POOL : query.site;
        const filter = { ...(query.status ? { status: query.status } : {}), ...(site ? { siteId: site } : {}) };
        const page = await service.listPage(staff.campaign, filter, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        // The filters, never the cursor: the audit log keeps what was asked for, and how many rows were shown.
        const filters = { ...(query.status ? { status: query.status } : {}), ...(query.site ? { site: query.site } : {}) };
        await staff.audit({ action: 'lock_requests.list', filters, rows: page.records.length, outcome: 'done' });
        c.header('Cache-Control', 'private, no-store');
        return c.json({ requests: page.records.map(staffView), nextCursor: page.nextCursor });
      },
    },
    {
      method: 'POST',
      path: '/lock-requests/:code/status',
      role: 'fulfilment',
      async handle(c, staff) {
        const { status } = parseInput(statusBodySchema, await c.req.json().catch(() => null));
        const code = codeOf(c);
        const record = await service.staffMove(staff.campaign, code, status);
        await staff.audit({ action: 'lock_request.status', filters: { code, to: status }, rows: 1, outcome: 'done' });
        c.header('Cache-Control', 'no-store');
        return c.json({ request: staffView(record) });
      },
    },
    {
      method: 'POST',
      path: '/stock',
      role: 'fulfilment',
      async handle(c, staff) {
        const body = parseInput(stockBodySchema, await c.req.json().catch(() => null));
        const result = await service.addStock(staff.campaign, body.site === 'mail' ? MAIL_POOL : body.site, body.lockType, body.quantity).catch((error: unknown) => {
          throw error instanceof ValidationError ? new ValidationError(localizeFieldErrors(error.fields, apiLocale(c))) : error;
        });
        await staff.audit({ action: 'stock.add', filters: { site: body.site, lockType: body.lockType, quantity: String(body.quantity) }, outcome: 'done' });
        c.header('Cache-Control', 'no-store');
        return c.json({ site: body.site, lockType: result.lockType, stock: result.stock, servedFromWaitlist: result.served });
      },
    },
    csvExportRoute({
      path: '/lock-requests.csv',
      role: 'fulfilment',
      action: 'lock_requests.export',
      what: 'lock-requests',
      filter: exportFilter,
      columns: LOCK_REQUEST_COLUMNS,
      rows: (campaign, filter) => onlyDelivery(deps.rows.rows(campaign.slug, { ...isoRange(filter), ...(filter.status === 'all' ? {} : { status: filter.status }) }), filter.delivery),
    }),
  ];
}

async function* onlyDelivery(rows: AsyncIterable<LockRequestRecord>, delivery: 'mail' | 'pickup' | 'all') {
  for await (const row of rows) if (delivery === 'all' || row.delivery === delivery) yield row;
}
