import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LOCK_TYPES, type Stock } from '../../domain/pickup-site.ts';
import type { Clock } from '../../platform/clock.ts';
import { queryAll } from '../../platform/dynamo/query.ts';
import type { Table } from '../../platform/dynamo/table.ts';
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
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: stockKeys(slug, pool),
            UpdateExpression: 'SET stock.#t = if_not_exists(stock.#t, :zero) + :q, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#t': lockType },
            ExpressionAttributeValues: { ':zero': 0, ':q': quantity, ':at': clock.now().toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return ((out.Attributes?.stock ?? {}) as Stock)[lockType] ?? 0;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return null;
        throw error;
      }
    },
  };
}
