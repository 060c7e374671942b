/**
 * The single DynamoDB table, described once. The CDK construct (infra/) and the local set-up
 * (DynamoDB Local) both build the table from this, so keys, indexes and the TTL attribute cannot
 * drift apart. Plain data only: no SDK imports, so infra can import it cheaply.
 * See docs/data-model.md for every access pattern and the key it uses.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds. DynamoDB deletes the item some time after this; reads must also filter it. */
  ttlAttribute: 'expiresAt',
  /**
   * The change stream that sends queued email (decision 0018). Keys only: the consumer needs just
   * the outbox entry's key, so no personal data is copied into the stream.
   */
  streamViewType: 'KEYS_ONLY',
  globalIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ],
} as const;

export type GlobalIndexName = (typeof TABLE.globalIndexes)[number]['indexName'];
