import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../clock.ts';
import { queryAll } from '../dynamo/query.ts';
import type { Item, Table, TransactItem } from '../dynamo/table.ts';
import { shardOf } from '../../domain/shard.ts';
import { OUTBOX_KEY_PREFIX, OUTBOX_SORT_KEY } from './stream-filter.ts';

/**
 * One message waiting to go out. It names what it is about (`topic`, `kind`, `ref`) and never
 * holds the message itself or anything personal: the handler reads what it needs when it sends,
 * so data deleted in the meantime (TTL, a deletion request) is never sent.
 */
export interface OutboxEntry {
  id: string;
  /** The capability's topic, e.g. `lock-request`. */
  topic: string;
  /** The message kind within the topic, e.g. `confirmation`. */
  kind: string;
  /** What the message is about, in the topic's own format (e.g. a confirmation code). */
  ref: string;
  /** The campaign it belongs to: staff see only their campaigns' failed messages. */
  campaign: string;
  attempts: number;
  createdAt: string;
  /** The error's name only: never a message, which could quote an address. */
  lastError?: string;
}

export type OutboxState = 'pending' | 'dead';

/**
 * The queue's index partitions per state. Every message writes its state's index three times
 * (queued, claimed, deleted): a launch spike of 5,000 submissions a second is 15,000 index writes a
 * second, 750 per shard with 20, under DynamoDB's 1,000 per partition (docs/data-model.md).
 */
export const OUTBOX_SHARDS = 20;

const outboxKeys = (id: string, state: OutboxState, dueAt: string) => ({
  ...outboxKey(id),
  gsi1pk: byStateKey(state, id),
  gsi1sk: `${dueAt}#${id}`,
});
function outboxKey(id: string) {
  return { pk: `${OUTBOX_KEY_PREFIX}${id}`, sk: OUTBOX_SORT_KEY };
}
const stateShardKey = (state: OutboxState, shard: number) => `OUTBOX#${state}#${String(shard).padStart(2, '0')}`;
/** The index partition an entry is listed under in a state: its id names its shard. */
const byStateKey = (state: OutboxState, id: string) => stateShardKey(state, shardOf(id, OUTBOX_SHARDS));

const toEntry = (item: Item): OutboxEntry => ({
  id: String(item.id),
  topic: String(item.topic),
  kind: String(item.kind),
  ref: String(item.ref),
  campaign: String(item.campaign),
  attempts: Number(item.attempts ?? 0),
  createdAt: String(item.createdAt),
  ...(item.lastError ? { lastError: String(item.lastError) } : {}),
});

/**
 * A new entry is sent within a second or so by the table's stream consumer; the sweep, the safety
 * net, picks it up only after this grace period. Claims (below) keep the two from sending one
 * message twice even when their timing overlaps.
 */
export const GRACE_MS = 2 * 60_000;

/**
 * How long a claim holds an entry: whoever claimed it is sending it. A sender that dies mid-way
 * leaves the entry to be claimed again after this, so a crash delays a message but never loses it.
 */
export const LEASE_MS = 2 * 60_000;

export interface OutboxStore {
  /** The item that queues an entry, written in the transaction of the change it reports. */
  putItem(entry: OutboxEntry): TransactItem;
  /** Pending entries whose time has come, oldest first. */
  due(): Promise<OutboxEntry[]>;
  /** Entries that failed every attempt, kept for staff. */
  dead(): Promise<OutboxEntry[]>;
  /**
   * Takes a pending entry for sending, with one conditional write: null when it is gone (sent),
   * dead, or claimed by another sender whose lease has not run out, or (`firstAttemptOnly`, the
   * stream's claims) when it has failed before and waits for its retry time.
   */
  claim(id: string, options?: { firstAttemptOnly?: boolean }): Promise<OutboxEntry | null>;
  sent(id: string): Promise<void>;
  /** Records a failed attempt: retried at `retryAt`, or dead when it is null. */
  failed(entry: OutboxEntry, errorName: string, retryAt: string | null): Promise<void>;
  /** Puts a dead entry back in the queue; false when there is no such dead entry. */
  requeue(id: string): Promise<boolean>;
}

export function dynamoOutboxStore(table: Table, clock: Clock): OutboxStore {
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  /** Every shard of a state (in parallel), merged oldest first by when each is due. */
  const byState = async (state: OutboxState, upTo?: string) => {
    const shards = await Promise.all(
      Array.from({ length: OUTBOX_SHARDS }, (_, shard) =>
        queryAll(
          table.doc,
          {
            TableName: table.name,
            IndexName: 'gsi1',
            KeyConditionExpression: upTo ? 'gsi1pk = :pk AND gsi1sk <= :upTo' : 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': stateShardKey(state, shard), ...(upTo ? { ':upTo': `${upTo}~` } : {}) },
          },
          nowSeconds(),
        ),
      ),
    );
    return shards
      .flat()
      .sort((a, b) => (String(a.gsi1sk) < String(b.gsi1sk) ? -1 : String(a.gsi1sk) > String(b.gsi1sk) ? 1 : 0))
      .map(toEntry);
  };

  return {
    putItem(entry) {
      const dueAt = new Date(Date.parse(entry.createdAt) + GRACE_MS).toISOString();
      return {
        Put: {
          TableName: table.name,
          Item: { ...outboxKeys(entry.id, 'pending', dueAt), entity: 'outbox', version: 2, ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    },

    due: () => byState('pending', clock.now().toISOString()),

    async claim(id, { firstAttemptOnly = false } = {}) {
      const now = clock.now();
      try {
        const { Attributes } = await table.doc.send(
          new UpdateCommand({
            TableName: table.name,
            Key: outboxKey(id),
            UpdateExpression: 'SET leaseUntil = :until',
            ConditionExpression: `gsi1pk = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)${firstAttemptOnly ? ' AND attempts = :zero' : ''}`,
            ExpressionAttributeValues: {
              ':pending': byStateKey('pending', id),
              ...(firstAttemptOnly ? { ':zero': 0 } : {}),
              ':now': now.toISOString(),
              ':until': new Date(now.getTime() + LEASE_MS).toISOString(),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toEntry(Attributes) : null;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return null;
        throw error;
      }
    },
    dead: () => byState('dead'),

    async sent(id) {
      await table.doc.send(new DeleteCommand({ TableName: table.name, Key: outboxKey(id) }));
    },

    async failed(entry, errorName, retryAt) {
      const state: OutboxState = retryAt ? 'pending' : 'dead';
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName: table.name,
            Key: outboxKey(entry.id),
            UpdateExpression: 'SET attempts = :attempts, lastError = :error, gsi1pk = :pk, gsi1sk = :sk, updatedAt = :at REMOVE leaseUntil',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ':attempts': entry.attempts + 1,
              ':error': errorName,
              ':pk': byStateKey(state, entry.id),
              ':sk': `${retryAt ?? clock.now().toISOString()}#${entry.id}`,
              ':at': clock.now().toISOString(),
            },
          }),
        );
      } catch (error) {
        // Sent and deleted by someone else meanwhile: nothing left to record.
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    },

    async requeue(id) {
      try {
        await table.doc.send(
          new UpdateCommand({
            TableName: table.name,
            Key: outboxKey(id),
            UpdateExpression: 'SET gsi1pk = :pending, gsi1sk = :sk, attempts = :zero REMOVE leaseUntil',
            ConditionExpression: 'gsi1pk = :dead',
            ExpressionAttributeValues: {
              ':pending': byStateKey('pending', id),
              ':dead': byStateKey('dead', id),
              ':sk': `${clock.now().toISOString()}#${id}`,
              ':zero': 0,
            },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
