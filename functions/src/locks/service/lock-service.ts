import type { Mailer } from '../../platform/email/mailer.ts';
import { loadedOnFirstSend } from '../../platform/outbox/outbox.ts';
import { lockChanges } from './changes.ts';
import { LOCK_TOPIC, type LockServiceDeps } from './deps.ts';
import { residentAccess } from './resident.ts';
import { staffActions } from './staff.ts';
import { lockSubmissions } from './submit.ts';
import { lockSweep } from './sweep.ts';

/**
 * Free-lock requests end to end (issue #3): submission, the resident's status page and cancel,
 * staff changes, restock serving the waitlist in order, lapsing reservations. The rules are the
 * pure plans in ../rules; this carries them out over the ports. Registers the capability's email
 * handler on the platform outbox, which owns sending, retries and dead letters.
 */
export function lockService(deps: LockServiceDeps & { mailer: Mailer }) {
  // The emails' code is loaded by the first send: the API only queues them.
  deps.outbox.register(LOCK_TOPIC, loadedOnFirstSend(() => import('./notify.ts').then(({ lockEmailHandler }) => lockEmailHandler(deps))));
  const changes = lockChanges(deps);
  const { submit } = lockSubmissions(deps, changes);
  const { forResident, cancelByResident } = residentAccess(deps, changes);
  const { staffMove, listPage, addStock } = staffActions(deps, changes);
  return { submit, forResident, cancelByResident, staffMove, listPage, addStock, sweep: lockSweep(deps, changes) };
}

export type LockService = ReturnType<typeof lockService>;
