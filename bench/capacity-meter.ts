import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const WRITES = ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand'];
const READS = ['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'TransactGetItemsCommand'];

/**
 * A DynamoDB client middleware for benchmarks: counts every call by operation and sums the
 * capacity DynamoDB reports for each write (WCU) and each read (RCU): it asks for
 * `ReturnConsumedCapacity: TOTAL`.
 */
export function capacityMeter() {
  const units = new Map<string, { calls: number; wcu: number; rcu: number }>();
  const calls = new Map<string, number>();
  let transactItems = 0;
  const configure = (client: DynamoDBClient) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        const name = context.commandName ?? 'unknown';
        const write = WRITES.includes(name);
        const metered = write || READS.includes(name);
        if (metered) input.ReturnConsumedCapacity = 'TOTAL';
        if (name === 'TransactWriteItemsCommand') transactItems += (input.TransactItems as unknown[]).length;
        calls.set(name, (calls.get(name) ?? 0) + 1);
        const result = await next(args);
        if (metered) {
          const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
          const total = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
          const row = units.get(name) ?? { calls: 0, wcu: 0, rcu: 0 };
          units.set(name, { calls: row.calls + 1, wcu: row.wcu + (write ? total : 0), rcu: row.rcu + (write ? 0 : total) });
        }
        return result;
      },
      { step: 'initialize', name: 'capacityMeter' },
    );
  };
  return {
    units,
    /** Every call by operation. */
    calls,
    configure,
    transactItems: () => transactItems,
    /** Per request: each operation's calls, WCU and RCU over `requests`. */
    perRequest: (requests: number) => [...units.entries()].map(([op, r]) => ({ op, calls: r.calls / requests, wcu: r.wcu / requests, rcu: r.rcu / requests })),
    reset: () => {
      units.clear();
      calls.clear();
      transactItems = 0;
    },
  };
}

export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
