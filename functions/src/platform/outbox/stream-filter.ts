/**
 * Which stream records announce a new outbox entry, as plain data: the stream consumer checks each
 * record against it (`stream.ts`), and the CDK event source filter is built from it (infra), so
 * AWS invokes the consumer only for new outbox entries. No imports: infra reads it cheaply.
 */
export const OUTBOX_KEY_PREFIX = 'OUTBOX#';
export const OUTBOX_SORT_KEY = 'OUTBOX';

/** A Lambda event filter pattern (EventBridge pattern syntax) over the stream record. */
export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { pk: { S: [{ prefix: OUTBOX_KEY_PREFIX }] } } },
} as const;
