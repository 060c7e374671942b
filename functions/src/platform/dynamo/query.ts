import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLE } from './table-definition.ts';

type Item = Record<string, unknown>;

/** True when an item's TTL has passed. DynamoDB deletes expired items lazily (often days later). */
export function isExpired(item: Item, nowEpochSeconds: number): boolean {
  const ttl = item[TABLE.ttlAttribute];
  return typeof ttl === 'number' && ttl <= nowEpochSeconds;
}

/**
 * Runs a query to the end (every page, past the 1 MB page limit) and drops expired items, so
 * no caller can forget either rule.
 */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  nowEpochSeconds: number,
  pageSize?: number,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateQuery({ client: doc, ...(pageSize ? { pageSize } : {}) }, input)) {
    for (const item of page.Items ?? []) {
      if (!isExpired(item, nowEpochSeconds)) items.push(item);
    }
  }
  return items;
}
