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
 * How long one DynamoDB call may take, retries included (decision 0018). Without these the SDK
 * waits for ever on an endpoint that accepts a connection and never answers (and a `requestTimeout`
 * alone only logs a warning: `throwOnRequestTimeout` makes it fail the attempt as `TimeoutError`).
 * - An attempt that has no connection after 3 s, or no answer 5 s after it was started, fails.
 *   Both are far above DynamoDB's own latency (milliseconds) and above what DynamoDB Local takes
 *   under the test suite's few hundred concurrent calls (up to about 4.4 s measured, most of it
 *   waiting for one of the client's 50 sockets, which these timers count).
 * - At most three attempts. Throttling, 5xx, timeouts and dropped connections are retried by the
 *   SDK's standard mode (jittered backoff of up to 1 s, then 2 s, for throttling; up to 50 ms, then
 *   100 ms, for the rest) within its retry quota, so a dead endpoint stops being retried after a
 *   few dozen failures and is then refused at once.
 * So one call gives up after at most about 3 x 5 s; on AWS the API answers sooner still, at its
 * request deadline (platform/http/deadline.ts). Whatever is still failing is answered 503 with
 * Retry-After (platform/http/errors.ts).
 */
export const DYNAMO_LIMITS = {
  maxAttempts: 3,
  connectionTimeoutMs: 3000,
  requestTimeoutMs: 5000,
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
