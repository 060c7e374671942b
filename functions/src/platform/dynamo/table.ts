import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** The one table, as every store sees it: the clients and its name. */
export interface Table {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  name: string;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type Item = Record<string, unknown>;

/** Attributes that belong to storage (keys, indexes, bookkeeping), never to a record. */
export const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'entity', 'version'] as const;

export function withoutStorageAttributes(item: Item): Item {
  const record = { ...item };
  for (const key of STORAGE_ATTRIBUTES) delete record[key];
  return record;
}
