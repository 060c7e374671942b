import { ValidationError } from '../domain/errors.ts';
import { LOCK_TYPES, type LockType } from '../domain/pickup-site.ts';
import type { ConsoleLocks } from '../staff/index.ts';
import type { StockRepository } from './ports.ts';
import { MAIL_POOL, REQUEST_STATUSES, STAFF_TARGETS, staffMayMove, type RequestStatus, type StaffTarget } from './rules/lifecycle.ts';
import type { LockService } from './service/lock-service.ts';
import { parseCode, staffView } from './staff-routes.ts';

const isStatus = (s: string): s is RequestStatus => (REQUEST_STATUSES as readonly string[]).includes(s);
const isTarget = (s: string): s is StaffTarget => (STAFF_TARGETS as readonly string[]).includes(s);

/** The lock service as the staff console's port (staff/console/ports.ts). "mail" names the mail programme. */
export function consoleLocks(service: LockService, stock: StockRepository): ConsoleLocks {
  return {
    statuses: REQUEST_STATUSES,
    async page(campaign, filter, page) {
      const siteId = filter.site === 'mail' ? MAIL_POOL : filter.site;
      const status = filter.status && isStatus(filter.status) ? filter.status : undefined;
      const { records, nextCursor } = await service.listPage(campaign, { ...(status ? { status } : {}), ...(siteId ? { siteId } : {}) }, page);
      return { requests: records.map(staffView), nextCursor };
    },
    moves: (r) => STAFF_TARGETS.filter((to) => isStatus(r.status) && staffMayMove(r.delivery, r.status, to)),
    async move(campaign, code, to) {
      if (!isTarget(to)) throw new ValidationError({ status: ['Choose a status.'] });
      await service.staffMove(campaign, parseCode(code), to);
    },
    stock: (slug) => stock.forCampaign(slug),
    async addStock(campaign, site, lockType, quantity) {
      if (!(LOCK_TYPES as readonly string[]).includes(lockType)) throw new ValidationError({ lockType: ['Choose a kind of lock.'] });
      await service.addStock(campaign, site === 'mail' ? MAIL_POOL : site, lockType as LockType, quantity);
    },
  };
}
