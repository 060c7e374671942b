/**
 * Staff: sign-in (Cognito on AWS, the local issuer for `npm start`), roles per campaign (deny by
 * default), the one scope check every campaign staff route passes, the audit log, streamed CSV
 * exports, and the console at `/staff/`. Other capabilities declare their staff routes as
 * `StaffRoute` tables and their charts as `ChartSource`s; they import only from this file.
 */
export { denyAllStaff, signInStaffAccess, type StaffAccess } from './access.ts';
export { AUDIT_ACTIONS, AUDIT_RETENTION_DAYS, type AuditLog, type AuditRecord } from './audit/audit-log.ts';
export { dynamoAuditLog } from './audit/audit-store.ts';
export type { ChartData, ChartSource } from './console/chart-data.ts';
export type { ConsoleLockRequest, ConsoleLocks } from './console/ports.ts';
export { STAFF_PAGES } from './pages.ts';
export { isStaffPath } from './paths.ts';
export type { CsvColumn } from './exports/csv-stream.ts';
export type { PledgeExportRow, PledgeExportSource } from './exports/pledge-export.ts';
export { campaignGroup, PLATFORM_ADMIN_GROUP, STAFF_ROLES, type StaffRole } from './rules/roles.ts';
export type { StaffRoute, StaffRouteContext } from './scope.ts';
