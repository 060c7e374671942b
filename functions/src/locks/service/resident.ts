import type { Campaign } from '../../domain/campaign.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { residentMayCancel, type LockRequestRecord } from '../rules/lifecycle.ts';
import { asSeen } from '../rules/plan.ts';
import type { LockChanges } from './changes.ts';
import { opensStatus, type LockServiceDeps } from './deps.ts';

/**
 * The resident's own view of a request, behind the private link: read it, cancel it. A wrong code,
 * a wrong secret, an expired request and no request at all look exactly the same.
 */
export function residentAccess(deps: LockServiceDeps, changes: LockChanges) {
  const { requests, keyRing, clock } = deps;

  async function owned(campaign: Campaign, code: string, secret: string): Promise<LockRequestRecord | null> {
    // The secret is checked before the read, so a guessed code costs no database read either.
    if (!(await opensStatus(keyRing, campaign.slug, code, secret))) return null;
    return requests.get(campaign.slug, code);
  }

  /** The request behind a status link as the resident should see it now, or null. */
  async function forResident(campaign: Campaign, code: string, secret: string): Promise<LockRequestRecord | null> {
    const record = await owned(campaign, code, secret);
    return record ? asSeen(record, clock.now()) : null;
  }

  async function cancelByResident(campaign: Campaign, code: string, secret: string): Promise<LockRequestRecord> {
    const record = await owned(campaign, code, secret);
    if (!record) throw new NotFoundError('We could not find that request.', 'request_not_found');
    const seen = asSeen(record, clock.now());
    if (seen.status === 'cancelled') {
      // Pressed again after an answer that never came back: finish what the first press started
      // (releasing the household's claims is idempotent).
      if (record.status === 'cancelled' && record.cancelReason === 'resident') await requests.releaseHousehold(record);
      return seen;
    }
    if (!residentMayCancel(record.status)) throw new ConflictError('This request can no longer be cancelled.', 'not_cancellable');
    await changes.move(campaign, record, 'cancelled', 'resident');
    return (await requests.get(campaign.slug, code)) ?? record;
  }

  return { forResident, cancelByResident };
}
