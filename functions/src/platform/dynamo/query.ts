import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLE } from './table-definition.ts';

type Item = Record<string, unknown>;

/** True when an item's TTL has passed. DynamoDB deletes expired items lazily (often days later). */
export function isExpired(item: Item, nowEpochSeconds: number): boolean {
  const ttl = item[TABLE.ttlAttribute];
  return typeof ttl === 'number' && ttl <= nowEpochSeconds;
}

/**
 * A query page by page, to the end, with expired items dropped: for lists too long to hold in
 * memory (exports). Each page is at most `pageSize` items (before the TTL filter).
 */
export async function* queryPages(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  nowEpochSeconds: number,
  pageSize?: number,
): AsyncGenerator<Item[]> {
  for await (const page of paginateQuery({ client: doc, ...(pageSize ? { pageSize } : {}) }, input)) {
    yield (page.Items ?? []).filter((item) => !isExpired(item, nowEpochSeconds));
  }
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
  for await (const page of queryPages(doc, input, nowEpochSeconds, pageSize)) items.push(...page);
  return items;
}
