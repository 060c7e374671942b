/**
 * The safe-storage pledge: signing with double opt-in that mail scanners cannot trigger, sharded
 * counts (campaign and national), one-click unsubscribe, deletion, and the staff export. Folder map:
 *   rules/     pure rules (input, the pledge's life, link tokens, scopes and paths)
 *   service/   the rules carried out over the ports (sign, links, counts, emails sent, export)
 *   store/     DynamoDB access patterns and keys (pledges, counter shards, the export index)
 *   views/     request-time pages (form, link pages, count fragment); emails/: the emails
 *   *-routes   HTTP: JSON API and pages; ports.ts: what the service needs from storage
 * Other capabilities and the composition root import only from this file.
 */
export { pledgeApiRoutes } from './api-routes.ts';
export { PLEDGE_COUNT_FRAMES, PLEDGE_PAGES } from './pages.ts';
export { pledgePageNotFound, pledgePageRoutes } from './page-routes.ts';
export type { PledgeStore } from './ports.ts';
export type { LockPrefill, PledgeRouteDeps } from './route-deps.ts';
export { NATIONAL_SCOPE } from './rules/scope.ts';
export { PLEDGE_TOPIC } from './service/deps.ts';
export { pledgeExport, type PledgeExportFilter, type PledgeExportRow } from './service/export.ts';
export { pledgeService, type PledgeService } from './service/pledge-service.ts';
export { pledgeRepository } from './store/pledges.ts';
