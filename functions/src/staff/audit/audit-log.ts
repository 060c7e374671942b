/**
 * The staff audit log (issue 12): every export, every view of a list with personal data and every
 * change staff make is recorded with who, which campaign, what, the filters, how many rows and
 * when. Never the rows themselves. Records expire after `AUDIT_RETENTION_DAYS` (DynamoDB TTL).
 */
export const AUDIT_ACTIONS = [
  'lock_requests.list',
  'lock_requests.export',
  'lock_request.status',
  'stock.add',
  'pledges.export',
  'emails.failed.list',
  'email.requeue',
  'audit.list',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Thirteen months: a full year for an annual review, and a month to run it. */
export const AUDIT_RETENTION_DAYS = 400;

export type AuditOutcome = 'done' | 'started' | 'failed';

export interface AuditEntry {
  campaign: string;
  /** The staff member's sign-in name. */
  actor: string;
  action: AuditAction;
  /** The query or the change, e.g. `{ status: 'requested' }` or `{ code: 'K7QM-3XPD', to: 'shipped' }`: never personal data. */
  filters: Readonly<Record<string, string>>;
  rows?: number;
  outcome: AuditOutcome;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: string;
}

export interface AuditPage {
  records: AuditRecord[];
  /** Opaque cursor for the next (older) page. */
  next?: string;
}

export interface AuditLog {
  /** Records an entry; returns its record (to finish a long export later). */
  write(entry: AuditEntry): Promise<AuditRecord>;
  /** Sets the row count and outcome of a started entry (an export, once its last row is out). */
  finish(record: AuditRecord, result: { rows: number; outcome: 'done' | 'failed' }): Promise<void>;
  /** Newest first. */
  list(campaign: string, page: { limit: number; cursor?: string }): Promise<AuditPage>;
}
