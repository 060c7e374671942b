import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../clock.ts';
import { isExpired } from '../dynamo/query.ts';
import type { Table, TransactItem } from '../dynamo/table.ts';

/**
 * What a submission answered, kept for 24 hours under a hash of its Idempotency-Key (or form
 * token), so a double click, a retry or a resent form gets the same answer and writes nothing.
 * `response` is the capability's own answer and must hold nothing secret: a table or backup reader
 * sees it (a status link is derived again when the answer is replayed, never stored).
 */
export interface StoredAnswer {
  /** A keyed digest of the input it answered (abuse/fingerprint.ts). */
  fingerprint: string;
  response: Record<string, unknown>;
}

export const IDEMPOTENCY_HOURS = 24;

/** Client-chosen keys: visible ASCII, long enough to be unguessable in practice. */
export const isIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{8,200}$/.test(key);

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('base64url');


const idempotencyKeys = (scope: string, keyHash: string) => ({ pk: `IDEMPOTENCY#${scope}#${keyHash}`, sk: 'IDEMPOTENCY' });

export interface IdempotencyStore {
  get(scope: string, keyHash: string): Promise<StoredAnswer | null>;
  /** The item to write in the same transaction as the record it answers for. */
  putItem(scope: string, keyHash: string, answer: StoredAnswer): TransactItem;
}

export function dynamoIdempotencyStore(table: Table, clock: Clock): IdempotencyStore {
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  return {
    async get(scope, keyHash) {
      const { Item } = await table.doc.send(new GetCommand({ TableName: table.name, Key: idempotencyKeys(scope, keyHash), ConsistentRead: true }));
      if (!Item || isExpired(Item, nowSeconds())) return null;
      return { fingerprint: String(Item.fingerprint), response: Item.response as Record<string, unknown> };
    },
    putItem(scope, keyHash, answer) {
      return {
        Put: {
          TableName: table.name,
          Item: {
            ...idempotencyKeys(scope, keyHash),
            entity: 'idempotency',
            fingerprint: answer.fingerprint,
            response: answer.response,
            expiresAt: nowSeconds() + IDEMPOTENCY_HOURS * 3600,
          },
          // An expired key (TTL not yet run) may be taken again.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': nowSeconds() },
        },
      };
    },
  };
}
