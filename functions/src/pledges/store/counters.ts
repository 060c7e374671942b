import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../platform/dynamo/table.ts';
import { PLEDGE_SHARDS } from '../rules/record.ts';
import { counterKey, dayCounterKey } from './keys.ts';

const BATCH = 100;
const MAX_ATTEMPTS = 8;

type Key = { pk: string; sk: string };
const shards = Array.from({ length: PLEDGE_SHARDS }, (_, shard) => shard);

/**
 * Confirmed pledges per scope: every shard of every scope read with BatchGetItem, and summed. A
 * shard never written reads as 0.
 */
export async function pledgeCounts(table: Table, scopes: readonly string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>(scopes.map((s) => [s, 0]));
  const keys = [...new Set(scopes)].flatMap((scope) => shards.map((shard) => counterKey(scope, shard)));
  for (const item of await counterItems(table, keys, 'scope')) {
    const scope = String(item.scope);
    if (totals.has(scope)) totals.set(scope, totals.get(scope)! + Number(item.confirmed ?? 0));
  }
  return totals;
}

/** Confirmations of one scope on each of these UTC days (`YYYY-MM-DD`): every shard of every day, summed. */
export async function pledgeCountsPerDay(table: Table, scope: string, days: readonly string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>(days.map((d) => [d, 0]));
  const keys = [...new Set(days)].flatMap((day) => shards.map((shard) => dayCounterKey(scope, shard, day)));
  for (const item of await counterItems(table, keys, 'sk')) {
    const day = String(item.sk);
    if (totals.has(day)) totals.set(day, totals.get(day)! + Number(item.confirmed ?? 0));
  }
  return totals;
}

/**
 * Counter items by key: BatchGetItem, 100 keys a call, the calls in parallel, unprocessed keys
 * retried with backoff; absent items are simply not returned.
 */
async function counterItems(table: Table, keys: Key[], label: 'scope' | 'sk'): Promise<Record<string, unknown>[]> {
  const batches: Key[][] = [];
  for (let i = 0; i < keys.length; i += BATCH) batches.push(keys.slice(i, i + BATCH));
  const found: Record<string, unknown>[] = [];
  await Promise.all(
    batches.map(async (batch) => {
      let pending: Record<string, unknown>[] | undefined = batch;
      for (let attempt = 0; pending?.length; attempt += 1) {
        if (attempt >= MAX_ATTEMPTS) throw Object.assign(new Error('counts unavailable'), { name: 'PledgeCountsUnavailable' });
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        const out = await table.doc.send(
          new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ProjectionExpression: '#label, confirmed', ExpressionAttributeNames: { '#label': label } } } }),
        );
        found.push(...(out.Responses?.[table.name] ?? []));
        pending = out.UnprocessedKeys?.[table.name]?.Keys as Record<string, unknown>[] | undefined;
      }
    }),
  );
  return found;
}
