import { ValidationError } from '../../domain/errors.ts';
import { hmacWith, matchesKeyedHash, type KeyRing } from '../../platform/secrets/key-ring.ts';
import type { ListPosition } from '../ports.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../rules/lifecycle.ts';

/**
 * The opaque cursor of a staff list of lock requests: where the next page starts (a status's gsi1
 * partition and the sort key to start after), bound to the list it came from (the campaign and the
 * filters) and signed with the signing key. A cursor that was altered is refused; so is one of
 * another campaign or of another filter, so no client can point a query at a partition that is
 * not its list's. It holds no personal data: a date and a confirmation code at most.
 */
export interface ListScope {
  campaign: string;
  /** The filters, as the list was asked for ('' when absent). */
  status: string;
  pool: string;
}

const SIGNATURE_LENGTH = 32;
/** `<createdAt ISO>#<code>`: gsi1sk of a lock request (store/keys.ts). */
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Z0-9-]{4,20}$/;

export const TAMPERED_CURSOR = 'This list position (cursor) is damaged or was altered. Start again from the first page.';
export const FOREIGN_CURSOR = 'This list position (cursor) belongs to another list (another campaign or other filters). Start again from the first page.';

const payloadOf = (scope: ListScope, at: ListPosition) => JSON.stringify([1, scope.campaign, scope.status, scope.pool, at.status, at.after ?? '']);

export async function encodeCursor(keyRing: KeyRing, scope: ListScope, at: ListPosition): Promise<string> {
  const payload = payloadOf(scope, at);
  const signature = hmacWith((await keyRing.keys()).current, 'cursor', payload).slice(0, SIGNATURE_LENGTH);
  return Buffer.from(JSON.stringify([payload, signature])).toString('base64url');
}

const refuse = (message: string) => new ValidationError({ cursor: [message] }, message);

/** The position a cursor names, checked: signed by us (current or previous key), and for this list. */
export async function decodeCursor(keyRing: KeyRing, scope: ListScope, cursor: string): Promise<ListPosition> {
  let payload: unknown;
  let signature: unknown;
  try {
    if (!/^[\w-]{1,1000}$/.test(cursor)) throw new Error('not base64url');
    [payload, signature] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
  } catch {
    throw refuse(TAMPERED_CURSOR);
  }
  if (typeof payload !== 'string' || typeof signature !== 'string' || !(await matchesKeyedHash(keyRing, 'cursor', payload, signature, SIGNATURE_LENGTH))) throw refuse(TAMPERED_CURSOR);
  const [version, campaign, status, pool, at, after] = JSON.parse(payload) as unknown[];
  if (version !== 1 || campaign !== scope.campaign || status !== scope.status || pool !== scope.pool) throw refuse(FOREIGN_CURSOR);
  if (typeof at !== 'string' || !(REQUEST_STATUSES as readonly string[]).includes(at) || (scope.status && at !== scope.status)) throw refuse(FOREIGN_CURSOR);
  if (typeof after !== 'string' || (after !== '' && !SORT_KEY.test(after))) throw refuse(TAMPERED_CURSOR);
  return { status: at as RequestStatus, ...(after ? { after } : {}) };
}
