import type { Campaign } from '../../domain/campaign.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { LockType } from '../../domain/pickup-site.ts';
import type { StatusChange } from '../ports.ts';
import { MAIL_POOL, type CancelReason, type LockEmailKind, type LockRequestRecord, type RequestStatus } from '../rules/lifecycle.ts';
import { planMove, planServe, waitingLine } from '../rules/plan.ts';
import { LOCK_TOPIC, type LockServiceDeps } from './deps.ts';

/**
 * Status changes and stock: every change is written with its stock move and its email in one
 * transaction (the store's `change`; the table's stream then sends the email), and returned stock goes to
 * the waitlist, strictly in arrival order.
 */
export function lockChanges(deps: LockServiceDeps) {
  const { requests, stock, outbox, clock } = deps;

  /** The change with its email queued (when the plan has one). */
  function withEmail(change: Omit<StatusChange, 'email'>, kind: LockEmailKind | null): StatusChange {
    return kind ? { ...change, email: outbox.entry(LOCK_TOPIC, kind, change.record.code, change.record.campaign) } : change;
  }

  /**
   * Whether a change whose answer did not come back (an error after DynamoDB applied it, or a
   * retry that found it done) is in the table: the request carries its status and its time. The
   * read is tried a few times; if it keeps failing, the first error stands.
   */
  async function landed(change: StatusChange): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const now = await requests.get(change.record.campaign, change.record.code);
        return now?.status === change.to && now.updatedAt === change.at;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
    return false;
  }

  /**
   * Writes a change. A change applied with its answer lost still gets what follows it (the email,
   * the household's release, the waitlist): nothing else would do them, since the request has
   * already left the list the sweep works from.
   */
  async function write(change: StatusChange): Promise<'changed' | 'stale' | 'out_of_stock'> {
    try {
      const result = await requests.change(change);
      return result === 'stale' && (await landed(change)) ? 'changed' : result;
    } catch (error) {
      if (await landed(change)) return 'changed';
      throw error;
    }
  }

  /** One status change with everything that goes with it (rules/plan.ts `planMove`). */
  async function move(campaign: Campaign, record: LockRequestRecord, to: RequestStatus, reason?: CancelReason): Promise<void> {
    const plan = planMove(campaign, record, to, clock.now(), reason);
    const change = withEmail(plan.change, plan.email);
    const result = await write(change);
    if (result !== 'changed') throw new ConflictError('This request changed in the meantime. Reload and try again.', 'stale');
    if (plan.releaseHousehold) await requests.releaseHousehold(record);
    if (change.stockDelta && change.stockDelta.quantity > 0) await serveWaitlist(campaign, change.stockDelta.pool, record.lockType);
  }

  /** Serves waitlisted requests for one pool and lock type strictly in arrival order; how many it served. */
  async function serveWaitlist(campaign: Campaign, pool: string, lockType: LockType): Promise<number> {
    const line = waitingLine(await requests.list(campaign.slug, 'waitlisted'), pool, lockType);
    let served = 0;
    for (const record of line) {
      const plan = planServe(campaign, record, clock.now());
      const change = withEmail(plan.change, plan.email);
      const result = await requests.change(change);
      // The first in line needs more than is left: everyone waits for the next locks.
      if (result === 'out_of_stock') break;
      if (result !== 'changed') continue;
      served += 1;
    }
    return served;
  }

  /** Staff add locks to a pool; the waitlist is served from them at once. */
  async function addStock(campaign: Campaign, pool: string, lockType: LockType, quantity: number) {
    const offered =
      pool === MAIL_POOL ? (campaign.locks.mail.enabled ? campaign.locks.mail.lockTypes : []) : campaign.pickupSites.find((s) => s.id === pool)?.lockTypes;
    if (!offered) throw new NotFoundError('There is no such pickup site in this campaign.', 'site_not_found');
    // A message key (../messages.ts): the route answers in the person's language.
    if (!offered.includes(lockType)) throw new ValidationError({ lockType: ['lockType.unavailable'] });
    const after = await stock.add(campaign.slug, pool, lockType, quantity);
    if (after === null) throw new NotFoundError('This site has no stock record yet. Seed the campaign first.', 'site_not_found');
    const served = await serveWaitlist(campaign, pool, lockType);
    const now = (await stock.forCampaign(campaign.slug)).get(pool) ?? {};
    return { pool, lockType, stock: now[lockType] ?? 0, served };
  }

  /** Runs one change; false when it lost a race (someone changed the request meanwhile). */
  async function settle(change: () => Promise<void>): Promise<boolean> {
    try {
      await change();
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  return { move, serveWaitlist, addStock, settle, withEmail };
}

export type LockChanges = ReturnType<typeof lockChanges>;
