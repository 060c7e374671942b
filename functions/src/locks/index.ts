/**
 * Free gun locks: the pickup-site finder, requests by mail or for pickup, the private status page,
 * waitlists and restock, staff fulfilment, and their emails. Folder map:
 *   rules/     pure rules and plans (lifecycle, household matching, codes, the request schema)
 *   service/   the rules carried out over the ports (submit, resident, staff, sweep, emails sent)
 *   store/     DynamoDB access patterns (requests, stock) and their keys
 *   views/     request-time pages (finder, form, status); emails/: the resident's emails
 *   *-routes   HTTP: JSON API, pages, staff; ports.ts: what the service needs from storage
 * Other capabilities and the composition root import only from this file.
 */
export { lockApiRoutes } from './api-routes.ts';
export { prefilledLockForm } from './form-routes.ts';
export { LOCK_PAGES } from './pages.ts';
export { lockPageError, lockPageNotFound, lockPageRefused, lockPageRoutes } from './page-routes.ts';
export type { LockRequestRepository, StockRepository } from './ports.ts';
export type { LockRouteDeps } from './route-deps.ts';
export { MAIL_POOL } from './rules/lifecycle.ts';
export { LOCK_TOPIC } from './service/deps.ts';
export { lockService, type LockService } from './service/lock-service.ts';
export { lockRequestRepository } from './store/lock-requests.ts';
export { lockRequestRows, type LockRequestRows } from './store/request-rows.ts';
export { REQUEST_STATUSES, STAFF_TARGETS, staffMayMove, type LockRequestRecord, type RequestStatus, type StaffTarget } from './rules/lifecycle.ts';
export { stockRepository } from './store/stock.ts';
