/**
 * What an SES notification asks of us, read from the JSON SES publishes to SNS: the addresses to
 * suppress. Two shapes exist and both are read: identity notifications carry `notificationType`,
 * configuration-set event publishing carries `eventType` (docs/operations.md). Only a permanent
 * bounce (the address does not exist or refuses us for good) and a complaint (the person marked
 * the mail as spam) suppress; a transient bounce (a full mailbox, a busy server) does not.
 * SES may add fields at any time, so unknown fields are ignored, never refused.
 */
export interface SesSuppression {
  address: string;
  reason: 'bounce' | 'complaint';
}

export type SesEventOutcome =
  | { kind: 'suppress'; suppressions: SesSuppression[] }
  /** Valid, but nothing to do (delivery, send, transient bounce, ...). */
  | { kind: 'ignored'; type: string }
  /** Not an SES notification we can read. */
  | { kind: 'unreadable' };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((r) => (isObject(r) && typeof r.emailAddress === 'string' ? r.emailAddress.trim() : ''))
    .filter((a) => a.includes('@') && a.length <= 320);
}

export function readSesEvent(message: string): SesEventOutcome {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    return { kind: 'unreadable' };
  }
  if (!isObject(body)) return { kind: 'unreadable' };
  const type = typeof body.eventType === 'string' ? body.eventType : typeof body.notificationType === 'string' ? body.notificationType : '';
  if (!type) return { kind: 'unreadable' };
  if (type === 'Bounce') {
    const bounce = body.bounce;
    if (!isObject(bounce)) return { kind: 'unreadable' };
    if (bounce.bounceType !== 'Permanent') return { kind: 'ignored', type: `Bounce/${String(bounce.bounceType ?? 'unknown')}` };
    return { kind: 'suppress', suppressions: addresses(bounce.bouncedRecipients).map((address) => ({ address, reason: 'bounce' })) };
  }
  if (type === 'Complaint') {
    const complaint = body.complaint;
    if (!isObject(complaint)) return { kind: 'unreadable' };
    return { kind: 'suppress', suppressions: addresses(complaint.complainedRecipients).map((address) => ({ address, reason: 'complaint' })) };
  }
  return { kind: 'ignored', type };
}
