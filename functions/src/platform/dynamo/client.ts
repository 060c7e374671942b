import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Table } from './table.ts';

export interface DynamoClientOptions {
  region: string;
  /** Only for DynamoDB Local or another emulator. */
  endpoint?: string;
  /** Called once with the new client, e.g. to add a middleware (the benchmark meters write units). */
  configure?: (client: DynamoDBClient) => void;
}

/**
 * One client per process (created at cold start). With an emulator endpoint the SDK still needs
 * credentials, so fixed dummy ones are used; on AWS the default provider chain (the Lambda role)
 * applies.
 */
export function createDynamoClients(options: DynamoClientOptions) {
  const client = new DynamoDBClient({
    region: options.region,
    maxAttempts: 3,
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  options.configure?.(client);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, doc };
}

/** The table as every store sees it. */
export function createTable(options: DynamoClientOptions & { tableName: string }): Table {
  const { client, doc } = createDynamoClients(options);
  return { client, doc, name: options.tableName };
}
