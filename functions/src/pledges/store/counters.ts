import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../platform/dynamo/table.ts';
import { PLEDGE_SHARDS } from '../rules/record.ts';
import { counterKey } from './keys.ts';

const BATCH = 100;
const MAX_ATTEMPTS = 8;

/**
 * Confirmed pledges per scope: every shard of every scope read with BatchGetItem (100 keys a call,
 * the calls in parallel, unprocessed keys retried), and summed. A shard never written reads as 0.
 */
export async function pledgeCounts(table: Table, scopes: readonly string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>(scopes.map((s) => [s, 0]));
  const keys = [...new Set(scopes)].flatMap((scope) => Array.from({ length: PLEDGE_SHARDS }, (_, shard) => counterKey(scope, shard)));
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += BATCH) batches.push(keys.slice(i, i + BATCH));

  await Promise.all(
    batches.map(async (batch) => {
      let pending: Record<string, unknown>[] | undefined = batch;
      for (let attempt = 0; pending?.length; attempt += 1) {
        if (attempt >= MAX_ATTEMPTS) throw Object.assign(new Error('counts unavailable'), { name: 'PledgeCountsUnavailable' });
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        const out = await table.doc.send(
          new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ProjectionExpression: '#scope, confirmed', ExpressionAttributeNames: { '#scope': 'scope' } } } }),
        );
        for (const item of out.Responses?.[table.name] ?? []) {
          const scope = String(item.scope);
          if (totals.has(scope)) totals.set(scope, totals.get(scope)! + Number(item.confirmed ?? 0));
        }
        pending = out.UnprocessedKeys?.[table.name]?.Keys as Record<string, unknown>[] | undefined;
      }
    }),
  );
  return totals;
}
