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

export interface DynamoLimits {
  maxAttempts: number;
  /** An attempt without a connection after this long fails (`TimeoutError`). */
  connectionTimeoutMs: number;
  /** An attempt without an answer this long after it started fails (`TimeoutError`). */
  requestTimeoutMs: number;
}

/**
 * How long one DynamoDB call may take, retries included (decision 0019). Without timeouts the SDK
 * waits for ever on an endpoint that accepts a connection and never answers, and `requestTimeout`
 * alone only logs a warning: `throwOnRequestTimeout` makes it fail the attempt. Throttling, 5xx,
 * timeouts and dropped connections are retried by the SDK's standard mode (jittered backoff of up
 * to 1 s, then 2 s, for throttling; up to 50 ms, then 100 ms, for the rest) within its retry quota,
 * so an endpoint that is down stops being retried after a few dozen failures.
 *
 * - `aws`: DynamoDB answers in milliseconds; a call gives up after at most 3 x 3 s. The API answers
 *   sooner still, at its request deadline (platform/http/deadline.ts), and the sweep (60 s) fails
 *   its run rather than hang.
 * - `emulator` (DynamoDB Local, any endpoint set by hand): the same attempts with room for a
 *   laptop's JVM under the test suite's few hundred concurrent calls, where an attempt takes
 *   seconds (most of it waiting for one of the client's 50 sockets, which both timers count: the
 *   connection timer runs until a socket is assigned). With the AWS timeouts there, slowness
 *   turned into retries that made it slower still (175 of 200 requests of the allocation stress
 *   test answered 503); with a 5 s connection timer, 300 concurrent pledge confirmations on a
 *   loaded CI machine waited longer than that for a socket and failed. A stopped emulator refuses
 *   connections at once, so the longer timer only changes how long a slow one is given. Still
 *   finite: at most 3 x 15 s.
 */
export const DYNAMO_LIMITS = {
  aws: { maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 3000 },
  emulator: { maxAttempts: 3, connectionTimeoutMs: 15_000, requestTimeoutMs: 15_000 },
} as const satisfies Record<string, DynamoLimits>;

export const limitsFor = (endpoint: string | undefined): DynamoLimits => (endpoint ? DYNAMO_LIMITS.emulator : DYNAMO_LIMITS.aws);

/**
 * One client per process (created at cold start). With an emulator endpoint the SDK still needs
 * credentials, so fixed dummy ones are used; on AWS the default provider chain (the Lambda role)
 * applies.
 */
export function createDynamoClients(options: DynamoClientOptions) {
  const limits = limitsFor(options.endpoint);
  const client = new DynamoDBClient({
    region: options.region,
    maxAttempts: limits.maxAttempts,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
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
