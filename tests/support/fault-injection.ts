import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { FinalizeHandler, FinalizeHandlerArguments, HandlerExecutionContext, MetadataBearer } from '@smithy/types';

/**
 * DynamoDB failing the way AWS fails, injected into a real client (AWS SDK v3 middleware), so the
 * app's own code, the SDK's retries included, meets them. Attach it to the client the app's deps
 * use (`createDeps(config, { configureDynamo: faults.attach })`): the document client shares its
 * middleware stack, so every store is covered.
 *
 * The middleware sits in the `finalizeRequest` step after the SDK's retry middleware and the
 * request signer, so it runs once per attempt, where the HTTP call would: the SDK classifies what
 * it throws exactly as it would classify AWS's answer (throttling and 5xx and dropped connections
 * are retried, with backoff, within maxAttempts and the retry quota).
 *
 * - `before`: the call never reaches DynamoDB (throttled, refused, reset on the way out);
 * - `after`: DynamoDB applied the call and the answer was lost (connection reset, timeout, or a
 *   500 for a call that went through), which is the case that creates duplicates when the caller,
 *   or the SDK, sends it again.
 */
export type FaultKind =
  | 'throttling'
  | 'provisioned-throughput'
  | 'request-limit'
  | 'internal-server-error'
  | 'transaction-throttled'
  | 'connection-reset'
  | 'connection-refused'
  | 'timeout';

export type FaultTiming = 'before' | 'after';

export const ALL_FAULTS: readonly FaultKind[] = [
  'throttling',
  'provisioned-throughput',
  'request-limit',
  'internal-server-error',
  'transaction-throttled',
  'connection-reset',
  'connection-refused',
  'timeout',
];

/** What can follow a call DynamoDB has applied: a lost or broken answer, never a throttle. */
const AFTER_FAULTS: ReadonlySet<FaultKind> = new Set(['internal-server-error', 'connection-reset', 'timeout']);
const TRANSACTIONS = new Set(['TransactWriteItems', 'TransactGetItems']);

export interface FaultPlan {
  /** Share of attempts that fail, 0 to 1. */
  rate: number;
  /** Which faults, one drawn per failing attempt; all of them by default. */
  kinds?: readonly FaultKind[];
  /** Before the call reaches DynamoDB, after it was applied, or either (the default). */
  timing?: readonly FaultTiming[];
  /** DynamoDB operations to fail (`TransactWriteItems`, `GetItem`, ...); every one by default. */
  operations?: readonly string[];
  /** Fail only this many attempts, then let everything through. */
  limit?: number;
}

export interface InjectedFault {
  operation: string;
  kind: FaultKind;
  timing: FaultTiming;
}

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const metadata = (status: number) => ({ httpStatusCode: status, requestId: `fault-${Math.random().toString(36).slice(2, 10)}`, attempts: 1, totalRetryDelay: 0 });

function transactionItems(args: FinalizeHandlerArguments<object>): number {
  try {
    const body = (args.request as { body?: unknown }).body;
    const parsed = JSON.parse(typeof body === 'string' ? body : '{}') as { TransactItems?: unknown[] };
    return Math.max(1, parsed.TransactItems?.length ?? 1);
  } catch {
    return 1;
  }
}

/** The error AWS (or the socket under the SDK) gives for each fault. */
function faultError(kind: FaultKind, args: FinalizeHandlerArguments<object>, random: () => number): Error {
  switch (kind) {
    case 'throttling':
      return new ThrottlingException({ message: 'Throughput exceeds the current capacity of your table or index.', $metadata: metadata(400) });
    case 'provisioned-throughput':
      return new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded.', $metadata: metadata(400) });
    case 'request-limit':
      return new RequestLimitExceeded({ message: 'Throughput exceeds the current throughput limit for your account.', $metadata: metadata(400) });
    case 'internal-server-error':
      return new InternalServerError({ message: 'Internal server error', $metadata: metadata(500) });
    case 'transaction-throttled': {
      const items = transactionItems(args);
      const throttled = Math.floor(random() * items);
      return new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: metadata(400),
        CancellationReasons: Array.from({ length: items }, (_, i) => (i === throttled ? { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity for one or more global secondary indexes.' } : { Code: 'None' })),
      });
    }
    case 'connection-reset':
      return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    case 'connection-refused':
      return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    case 'timeout':
      // What @smithy/node-http-handler throws when requestTimeout passes (throwOnRequestTimeout).
      return Object.assign(new Error('a request has exceeded the configured 2000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
  }
}

export interface FaultInjector {
  /** Adds the middleware to a client; pass it as `configureDynamo`. */
  attach(client: DynamoDBClient): void;
  /** Starts failing by the plan (replacing any earlier plan). */
  set(plan: FaultPlan): void;
  /** Lets every call through again. */
  off(): void;
  /** Every fault injected so far. */
  readonly injected: readonly InjectedFault[];
  /** Attempts seen (failed or not) since the injector was made. */
  readonly attempts: number;
}

export function faultInjector(seed = 1): FaultInjector {
  const random = seededRandom(seed);
  const injected: InjectedFault[] = [];
  let plan: FaultPlan | null = null;
  let planInjected = 0;
  let attempts = 0;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const middleware =
    (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) =>
    async (args: FinalizeHandlerArguments<object>) => {
      attempts += 1;
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const current = plan;
      if (!current || (current.operations && !current.operations.includes(operation))) return next(args);
      if (current.limit !== undefined && planInjected >= current.limit) return next(args);
      if (random() >= current.rate) return next(args);
      const timing: FaultTiming = pick<FaultTiming>(current.timing ?? ['before', 'after']);
      const kinds = (current.kinds ?? ALL_FAULTS).filter(
        (kind) => (timing === 'before' || AFTER_FAULTS.has(kind)) && (kind !== 'transaction-throttled' || TRANSACTIONS.has(operation)),
      );
      if (!kinds.length) return next(args);
      const kind = pick(kinds);
      // The call reaches DynamoDB and is applied; only its answer is lost.
      if (timing === 'after') await next(args);
      injected.push({ operation, kind, timing });
      planInjected += 1;
      throw faultError(kind, args, random);
    };

  return {
    attach(client) {
      client.middlewareStack.add(middleware, { step: 'finalizeRequest', priority: 'low', name: 'lockline-fault-injection' });
    },
    set(next) {
      plan = next;
      planInjected = 0;
    },
    off() {
      plan = null;
    },
    get injected() {
      return injected;
    },
    get attempts() {
      return attempts;
    },
  };
}
