import type { Campaign } from '../../domain/campaign.ts';
import { neutralizeCell } from '../../domain/csv.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { poolOf, staffMayMove, type LockRequestRecord, type RequestStatus, type StaffTarget } from '../rules/lifecycle.ts';
import type { LockChanges } from './changes.ts';
import type { LockServiceDeps } from './deps.ts';

/** Open requests first, then those that are done. */
const LIST_ORDER: readonly RequestStatus[] = ['requested', 'ready', 'waitlisted', 'shipped', 'picked_up', 'cancelled'];

/** What campaign staff do with lock requests: list them, move them on, and print the shipping list. */
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

  async function list(campaign: Campaign, filter: { status?: RequestStatus; siteId?: string }) {
    const statuses: readonly RequestStatus[] = filter.status ? [filter.status] : LIST_ORDER;
    const all = (await Promise.all(statuses.map((s) => requests.list(campaign.slug, s)))).flat();
    return filter.siteId ? all.filter((r) => poolOf(r) === filter.siteId) : all;
  }

  /** Mail requests waiting to ship: only what a shipping label needs. */
  async function shippingCsv(campaign: Campaign): Promise<string> {
    const rows = (await requests.list(campaign.slug, 'requested')).filter((r) => r.delivery === 'mail' && r.address);
    // Loaded with the first shipping list (its own chunk in the Lambda bundle), not at every cold start.
    const { stringify } = await import('csv-stringify/sync');
    return stringify(
      rows.map((r) =>
        [r.code, r.name, r.address!.line1, r.address!.line2 ?? '', r.address!.city, r.address!.state, r.address!.zip, r.lockType, r.quantity, r.possibleDuplicateOf ?? ''].map(
          neutralizeCell,
        ),
      ),
      {
        header: true,
        // `possible_duplicate_of`: an earlier request of the same household this period (check before shipping).
        columns: ['confirmation_code', 'name', 'address_line1', 'address_line2', 'city', 'state', 'zip', 'lock_type', 'quantity', 'possible_duplicate_of'],
        bom: true,
        record_delimiter: 'windows',
      },
    );
  }

  return { staffMove, list, shippingCsv, addStock: changes.addStock };
}
