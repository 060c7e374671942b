import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LOCK_TYPES, type Stock } from '../../domain/pickup-site.ts';
import type { Clock } from '../../platform/clock.ts';
import { queryAll } from '../../platform/dynamo/query.ts';
import type { Table } from '../../platform/dynamo/table.ts';
import { transact } from '../../platform/dynamo/transact.ts';
import type { StockRepository } from '../ports.ts';
import { POOL_PREFIX, stockKeys, stockPartition } from './keys.ts';

const ITEM_VERSION = 1;

export function stockRepository(table: Table, clock: Clock): StockRepository {
  const { doc, name: tableName } = table;
  return {
    async seedInitial(slug, pools) {
      let created = 0;
      for (const site of pools) {
        try {
          await doc.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...stockKeys(slug, site.id),
                entity: 'stock',
                version: ITEM_VERSION,
                stock: Object.fromEntries(LOCK_TYPES.map((t) => [t, site.initialStock[t] ?? 0])),
                updatedAt: clock.now().toISOString(),
              },
              // Stock changes at run time (requests, restocks): a re-seed must never reset it.
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          created += 1;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      return created;
    },

    async forCampaign(slug) {
      const items = await queryAll(
        doc,
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': stockPartition(slug), ':prefix': POOL_PREFIX },
        },
        Math.floor(clock.now().getTime() / 1000),
      );
      return new Map(items.map((item) => [String(item.sk).slice(POOL_PREFIX.length), (item.stock ?? {}) as Stock]));
    },

    async add(slug, pool, lockType, quantity) {
      // A one-item transaction, not an UpdateItem: when an answer is lost on the way back, the SDK
      // sends the same call again with the same ClientRequestToken, which DynamoDB applies once. A
      // retried UpdateItem would add the locks twice.
      const failed = await transact(table, [
        {
          Update: {
            TableName: tableName,
            Key: stockKeys(slug, pool),
            UpdateExpression: 'SET stock.#t = if_not_exists(stock.#t, :zero) + :q, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#t': lockType },
            ExpressionAttributeValues: { ':zero': 0, ':q': quantity, ':at': clock.now().toISOString() },
          },
        },
      ]);
      if (failed) return null;
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: stockKeys(slug, pool), ConsistentRead: true }));
      return ((Item?.stock ?? {}) as Stock)[lockType] ?? 0;
    },
  };
}
