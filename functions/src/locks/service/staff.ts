import type { Campaign } from '../../domain/campaign.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { staffMayMove, type LockRequestRecord, type RequestStatus, type StaffTarget } from '../rules/lifecycle.ts';
import type { LockChanges } from './changes.ts';
import { decodeCursor, encodeCursor, type ListScope } from './list-cursor.ts';
import type { LockServiceDeps } from './deps.ts';

/** Open requests first, then those that are done. */
const LIST_ORDER: readonly RequestStatus[] = ['requested', 'ready', 'waitlisted', 'shipped', 'picked_up', 'cancelled'];

/** What campaign staff do with lock requests: list them and move them on (exports: staff/exports). */
export function staffActions(deps: LockServiceDeps, changes: LockChanges) {
  const { requests } = deps;

  async function staffMove(campaign: Campaign, code: string, to: StaffTarget): Promise<LockRequestRecord> {
    const record = await requests.get(campaign.slug, code);
    if (!record) throw new NotFoundError('There is no such request.', 'request_not_found');
    if (record.status === to) return record;
    if (!staffMayMove(record.delivery, record.status, to)) {
      throw new ConflictError(`A ${record.delivery} request that is ${record.status} cannot be marked ${to}.`, 'invalid_transition');
    }
    await changes.move(campaign, record, to, to === 'cancelled' ? 'staff' : undefined);
    return (await requests.get(campaign.slug, code)) ?? record;
  }

  /**
   * One page of the list staff see, read page by page from DynamoDB: without a status filter it
   * walks the statuses' partitions in `LIST_ORDER` (each in arrival order), so a page can end in
   * one status and the next start in the same or a later one. The cursor is signed and bound to
   * the campaign and filters (list-cursor.ts).
   */
  async function listPage(campaign: Campaign, filter: { status?: RequestStatus; siteId?: string }, page: { limit: number; cursor?: string }) {
    const scope: ListScope = { campaign: campaign.slug, status: filter.status ?? '', pool: filter.siteId ?? '' };
    const from = page.cursor ? await decodeCursor(deps.keyRing, scope, page.cursor) : undefined;
    const statuses: readonly RequestStatus[] = filter.status ? [filter.status] : LIST_ORDER;
    const { records, next } = await requests.page(campaign.slug, statuses, { limit: page.limit, ...(from ? { from } : {}), ...(filter.siteId ? { pool: filter.siteId } : {}) });
    return { records, nextCursor: next ? await encodeCursor(deps.keyRing, scope, next) : null };
  }

  return { staffMove, listPage, addStock: changes.addStock };
}
