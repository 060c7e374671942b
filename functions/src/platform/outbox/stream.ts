import type { Outbox } from './outbox.ts';
import { OUTBOX_KEY_PREFIX, OUTBOX_SORT_KEY } from './stream-filter.ts';

/**
 * The table's change stream as the outbox reads it (decision 0018). A record is worth acting on
 * when it reports a new item under an outbox key; everything else in the table (requests, pledges,
 * counters, and the outbox's own updates and deletions) passes by. The stream carries keys only,
 * so the record names the entry and `outbox.send(id)` claims and reads it.
 *
 * The shape is the one AWS Lambda hands a stream consumer and the one DynamoDB Streams' GetRecords
 * answers (the local poller), so both share this reader.
 */
export interface StreamRecordKeys {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string } | undefined> };
}

/** The outbox entry id a stream record announces, or null when it announces nothing to send. */
export function outboxIdOf(record: StreamRecordKeys): string | null {
  if (record.eventName !== 'INSERT') return null;
  const pk = record.dynamodb?.Keys?.pk?.S;
  if (!pk?.startsWith(OUTBOX_KEY_PREFIX) || record.dynamodb?.Keys?.sk?.S !== OUTBOX_SORT_KEY) return null;
  return pk.slice(OUTBOX_KEY_PREFIX.length) || null;
}

/**
 * The consumer both the stream Lambda and the local poller run: sends the entry a record
 * announces. Throws only when the table could not be reached, so the record is handed over again.
 */
export const sendAnnounced =
  (outbox: Pick<Outbox, 'send'>) =>
  async (record: StreamRecordKeys): Promise<void> => {
    const id = outboxIdOf(record);
    if (id) await outbox.send(id);
  };
