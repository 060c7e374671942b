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
 * How long one DynamoDB call may take, retries included (decision 0018). The API function has 10
 * seconds; a request makes a few calls in a row, and the app's request deadline (8 s) answers 503
 * before Lambda would cut it off. One call gives up after at most three attempts:
 * - an attempt that cannot connect in 1 s, or has no answer 2 s after it was sent, fails as
 *   `TimeoutError` (the SDK only warns about a late answer unless `throwOnRequestTimeout` is set:
 *   without it a hung endpoint holds the request forever);
 * - throttling, 5xx, timeouts and dropped connections are retried by the SDK's standard mode
 *   (jittered backoff of up to 1 s, then 2 s, for throttling; 50 ms, then 100 ms, for the rest),
 *   within its retry quota, so a dead endpoint stops being retried after a few dozen failures;
 * so a hung table costs a request at most about 3 x 2 s plus backoff, a dead one a few
 * milliseconds. What is still failing after that is answered 503 with Retry-After.
 */
export const DYNAMO_LIMITS = {
  maxAttempts: 3,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 2000,
} as const;

/**
 * One client per process (created at cold start). With an emulator endpoint the SDK still needs
 * credentials, so fixed dummy ones are used; on AWS the default provider chain (the Lambda role)
 * applies.
 */
export function createDynamoClients(options: DynamoClientOptions) {
  const client = new DynamoDBClient({
    region: options.region,
    maxAttempts: DYNAMO_LIMITS.maxAttempts,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: DYNAMO_LIMITS.connectionTimeoutMs,
      requestTimeout: DYNAMO_LIMITS.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
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
