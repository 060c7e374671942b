import { loadedOnFirstSend } from '../../platform/outbox/outbox.ts';
import { pledgeCounting } from './counts.ts';
import { PLEDGE_TOPIC, type PledgeServiceDeps } from './deps.ts';
import { pledgeExport } from './export.ts';
import { pledgeManagement } from './manage.ts';
import { pledgeSigning } from './sign.ts';

/**
 * The safe-storage pledge end to end (issue 10): signing (double opt-in), the links in its emails
 * (confirm, unsubscribe, delete), the sharded counts, and the staff export. Registers the
 * capability's email handler on the platform outbox, which owns sending, retries and dead letters.
 */
export function pledgeService(deps: PledgeServiceDeps) {
  // The emails' code is loaded by the first send: the API only queues them.
  deps.outbox.register(PLEDGE_TOPIC, loadedOnFirstSend(() => import('./notify.ts').then(({ pledgeEmailHandler }) => pledgeEmailHandler(deps))));
  const counts = pledgeCounting(deps);
  const { sign } = pledgeSigning(deps);
  const manage = pledgeManagement(deps, counts.forget);
  return { sign, ...manage, counts, export: pledgeExport(deps) };
}

export type PledgeService = ReturnType<typeof pledgeService>;
