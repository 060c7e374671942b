import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const WRITES = ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand'];

/**
 * A DynamoDB client middleware for benchmarks: counts every call by operation and sums the write
 * capacity DynamoDB reports for each write (it asks for `ReturnConsumedCapacity: TOTAL`).
 */
export function capacityMeter() {
  const units = new Map<string, { calls: number; wcu: number }>();
  const calls = new Map<string, number>();
  let transactItems = 0;
  const configure = (client: DynamoDBClient) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        const name = context.commandName ?? 'unknown';
        const write = WRITES.includes(name);
        if (write) input.ReturnConsumedCapacity = 'TOTAL';
        if (name === 'TransactWriteItemsCommand') transactItems += (input.TransactItems as unknown[]).length;
        calls.set(name, (calls.get(name) ?? 0) + 1);
        const result = await next(args);
        if (write) {
          const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
          const total = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
          const row = units.get(name) ?? { calls: 0, wcu: 0 };
          units.set(name, { calls: row.calls + 1, wcu: row.wcu + total });
        }
        return result;
      },
      { step: 'initialize', name: 'capacityMeter' },
    );
  };
  return {
    units,
    /** Every call by operation, reads included. */
    calls,
    configure,
    transactItems: () => transactItems,
    reset: () => {
      units.clear();
      calls.clear();
      transactItems = 0;
    },
  };
}

export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
