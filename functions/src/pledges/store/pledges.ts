import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyStore } from '../../platform/abuse/idempotency-store.ts';
import type { Clock } from '../../platform/clock.ts';
import { isExpired } from '../../platform/dynamo/query.ts';
import type { Table, TransactItem } from '../../platform/dynamo/table.ts';
import { transact } from '../../platform/dynamo/transact.ts';
import { writeIf } from '../../platform/dynamo/write-if.ts';
import type { OutboxStore } from '../../platform/outbox/outbox-store.ts';
import type { PledgeStore } from '../ports.ts';
import { shardOf } from '../rules/record.ts';
import { pledgeCounts, pledgeCountsPerDay } from './counters.ts';
import { fromItem, ITEM_VERSION } from './item.ts';
import { counterKey, dayCounterKey, pledgeKey, pledgeKeys, pledgeListKey } from './keys.ts';
import { pledgeListPages } from './list.ts';

export interface PledgeStoreDeps {
  table: Table;
  clock: Clock;
  /** Platform stores whose items join the pledge's transactions. */
  outbox: Pick<OutboxStore, 'putItem'>;
  idempotency: IdempotencyStore;
}

export function pledgeRepository({ table, clock, outbox, idempotency }: PledgeStoreDeps): PledgeStore {
  const { doc, name: TableName } = table;
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  async function replayOf(write: { scope: string; keyHash: string }) {
    const answer = await idempotency.get(write.scope, write.keyHash);
    return answer ? { replay: answer } : null;
  }

  return {
    async create({ record, idempotency: replay, email }) {
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            Item: { ...pledgeKeys(record), entity: 'pledge', version: ITEM_VERSION, ...record },
            // An expired pledge (TTL not yet run) is gone: the address may pledge again.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds() },
          },
        },
        idempotency.putItem(replay.scope, replay.keyHash, replay.answer),
        outbox.putItem(email),
      ];
      const failed = await transact(table, items);
      if (!failed) return { kind: 'created' };
      if (failed[1] === 'ConditionalCheckFailed') {
        const answer = await replayOf(replay);
        if (answer) return { kind: 'replay', answer: answer.replay };
      }
      return { kind: 'exists' };
    },

    async get(scope, emailKey) {
      const { Item } = await doc.send(new GetCommand({ TableName, Key: pledgeKey(scope, emailKey), ConsistentRead: true }));
      return Item && !isExpired(Item, nowSeconds()) ? fromItem(Item) : null;
    },

    async repeat({ idempotency: replay, message }) {
      const items: TransactItem[] = [idempotency.putItem(replay.scope, replay.keyHash, replay.answer)];
      if (message) {
        const { existing } = message;
        items.push(
          {
            // The pledge read is still there: the message is about it, not a later one.
            ConditionCheck: {
              TableName,
              Key: pledgeKey(existing.scope, existing.emailKey),
              ConditionExpression: 'nonce = :nonce AND expiresAt > :now',
              ExpressionAttributeValues: { ':nonce': existing.nonce, ':now': nowSeconds() },
            },
          },
          outbox.putItem(message.entry),
        );
      }
      const failed = await transact(table, items);
      if (!failed) return 'done';
      if (failed[0] === 'ConditionalCheckFailed') {
        const answer = await replayOf(replay);
        if (answer) return answer;
      }
      return 'stale';
    },

    markEmailed({ scope, emailKey, nonce, seen, at, by }) {
      return writeIf(
        table,
        new UpdateCommand({
          TableName,
          Key: pledgeKey(scope, emailKey),
          UpdateExpression: 'SET lastEmailedAt = :at, emailedBy = :by',
          // Only if nobody sent one since it was read (or this message did): at most one email a day.
          ConditionExpression: 'nonce = :nonce AND expiresAt > :now AND (lastEmailedAt = :seen OR emailedBy = :by)',
          ExpressionAttributeValues: { ':at': at, ':by': by, ':nonce': nonce, ':seen': seen, ':now': nowSeconds() },
        }),
      );
    },

    async confirm({ scope, emailKey, nonce, at, expiresAt }) {
      const shard = shardOf(emailKey);
      const failed = await transact(table, [
        {
          Update: {
            TableName,
            Key: pledgeKey(scope, emailKey),
            UpdateExpression: 'SET #status = :confirmed, confirmedAt = :at, expiresAt = :expiresAt, gsi1pk = :list',
            ConditionExpression: 'attribute_exists(pk) AND nonce = :nonce AND #status = :unconfirmed AND expiresAt > :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':confirmed': 'confirmed',
              ':unconfirmed': 'unconfirmed',
              ':at': at,
              ':expiresAt': expiresAt,
              ':list': pledgeListKey(scope, 'confirmed', shard),
              ':nonce': nonce,
              ':now': nowSeconds(),
            },
          },
        },
        {
          // The count and the status change are one write: a pledge is counted once, or not at all.
          Update: {
            TableName,
            Key: counterKey(scope, shard),
            UpdateExpression: 'ADD confirmed :one SET entity = :entity, #scope = :scope',
            ExpressionAttributeNames: { '#scope': 'scope' },
            ExpressionAttributeValues: { ':one': 1, ':entity': 'pledge_count', ':scope': scope },
          },
        },
        {
          // And counted on its day, for the staff chart.
          Update: {
            TableName,
            Key: dayCounterKey(scope, shard, at.slice(0, 10)),
            UpdateExpression: 'ADD confirmed :one SET entity = :entity, #scope = :scope',
            ExpressionAttributeNames: { '#scope': 'scope' },
            ExpressionAttributeValues: { ':one': 1, ':entity': 'pledge_day_count', ':scope': scope },
          },
        },
      ]);
      return failed === null;
    },

    unsubscribe({ scope, emailKey, nonce, at }) {
      return writeIf(
        table,
        new UpdateCommand({
          TableName,
          Key: pledgeKey(scope, emailKey),
          UpdateExpression: 'SET updates = :no, unsubscribedAt = if_not_exists(unsubscribedAt, :at)',
          ConditionExpression: 'attribute_exists(pk) AND nonce = :nonce AND expiresAt > :now',
          ExpressionAttributeValues: { ':no': false, ':at': at, ':nonce': nonce, ':now': nowSeconds() },
        }),
      );
    },

    remove({ scope, emailKey, nonce }) {
      return writeIf(table, new DeleteCommand({ TableName, Key: pledgeKey(scope, emailKey), ConditionExpression: 'nonce = :nonce', ExpressionAttributeValues: { ':nonce': nonce } }));
    },

    counts: (scopes) => pledgeCounts(table, scopes),
    confirmedPerDay: (scope, days) => pledgeCountsPerDay(table, scope, days),
    listPages: (q, pageSize) => pledgeListPages(table, nowSeconds(), q, pageSize),
  };
}
