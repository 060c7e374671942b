import type { LockChanges } from './changes.ts';
import type { LockServiceDeps } from './deps.ts';
import { atRetentionCeiling, isOverdue, linesWithStock } from '../rules/plan.ts';

/**
 * The lock capability's part of the periodic sweep: end open requests at their retention ceiling
 * (nothing happened for the campaign's retention days: stock and line places go back, the data is
 * deleted), lapse pickup reservations past their date (live and ended campaigns), close the
 * waitlists of ended campaigns, and serve any line that has stock (a change that failed half way,
 * or a request that joined the line just as stock returned).
 */
export function lockSweep(deps: LockServiceDeps, changes: LockChanges) {
  const { campaigns, requests, stock, clock } = deps;

  return async function sweep(): Promise<{ expired: number; lapsed: number; closed: number; served: number }> {
    let expired = 0;
    let lapsed = 0;
    let closed = 0;
    let served = 0;
    const [live, ended] = await Promise.all([campaigns.listLive(), campaigns.listByStatus('ended')]);
    for (const campaign of [...live, ...ended]) {
      for (const status of ['requested', 'ready', 'waitlisted'] as const) {
        for (const record of await requests.list(campaign.slug, status)) {
          if (!atRetentionCeiling(record, clock.now())) continue;
          if (await changes.settle(() => changes.move(campaign, record, 'cancelled', 'expired'))) expired += 1;
        }
      }
      const holding = [...(await requests.list(campaign.slug, 'requested')), ...(await requests.list(campaign.slug, 'ready'))];
      for (const record of holding) {
        if (!isOverdue(record, clock.now())) continue;
        if (await changes.settle(() => changes.move(campaign, record, 'cancelled', 'lapsed'))) lapsed += 1;
      }
    }
    for (const campaign of ended) {
      for (const record of await requests.list(campaign.slug, 'waitlisted')) {
        if (await changes.settle(() => changes.move(campaign, record, 'cancelled', 'ended'))) closed += 1;
      }
    }
    for (const campaign of live) {
      const waiting = await requests.list(campaign.slug, 'waitlisted');
      if (!waiting.length) continue;
      for (const line of linesWithStock(waiting, await stock.forCampaign(campaign.slug))) {
        served += await changes.serveWaitlist(campaign, line.pool, line.lockType);
      }
    }
    return { expired, lapsed, closed, served };
  };
}
