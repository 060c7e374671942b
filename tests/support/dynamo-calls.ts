import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** One DynamoDB call as the app made it: the operation and its (marshalled) input. */
export interface RecordedCall {
  command: string;
  input: Record<string, unknown>;
}

/**
 * Records every DynamoDB call an app client makes, in order, with its input exactly as sent (the
 * serialized request body, which for DynamoDB's JSON protocol is the low-level input with every
 * attribute marshalled). The benches replay the calls directly (the raw floor a route is measured
 * against); the round-trip tests compare what a first and a repeat submission send. `take()`
 * returns the calls since the last take; `during(fn)` returns only the calls `fn` itself made
 * (its async context), not those of anything running meanwhile on the same client (the stream's
 * email sender, in the integration harness). Hooked at the build step: an SDK retry of one call is
 * recorded once.
 */
export function callRecorder() {
  let calls: RecordedCall[] = [];
  const scope = new AsyncLocalStorage<RecordedCall[]>();
  const configure = (client: DynamoDBClient) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const body = (args.request as { body?: unknown }).body;
        // The SDK's idempotency token of a transaction is the SDK's own: a replay gets a new one.
        const text = body instanceof Uint8Array ? new TextDecoder().decode(body) : String(body);
        const { ClientRequestToken: _token, ...input } = JSON.parse(text) as Record<string, unknown>;
        (scope.getStore() ?? calls).push({ command: context.commandName ?? 'unknown', input });
        return next(args);
      },
      { step: 'build', name: 'callRecorder' },
    );
  };
  return {
    configure,
    take(): RecordedCall[] {
      const taken = calls;
      calls = [];
      return taken;
    },
    async during<T>(fn: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> {
      const own: RecordedCall[] = [];
      const result = await scope.run(own, fn);
      return { result, calls: own };
    },
  };
}

export type CallRecorder = ReturnType<typeof callRecorder>;

/** The operations of a list of calls, in order: `['UpdateItem', 'GetItem', 'TransactWriteItems']`. */
export const operationsOf = (calls: readonly RecordedCall[]): string[] => calls.map((c) => c.command.replace(/Command$/, ''));
