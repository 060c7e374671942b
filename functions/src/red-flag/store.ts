import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { erpoRecordSchema, type ErpoRecord } from '../domain/erpo.ts';
import type { Clock } from '../platform/clock.ts';
import { queryAll } from '../platform/dynamo/query.ts';
import type { Table } from '../platform/dynamo/table.ts';
import { erpoListKey, erpoStateKeys } from './keys.ts';
import type { ErpoRepository } from './ports.ts';

const ITEM_VERSION = 1;
/** The dataset changes only when content is deployed; five minutes in memory saves reads on every lookup. */
const CACHE_MS = 5 * 60 * 1000;

export function erpoRepository(table: Table, clock: Clock): ErpoRepository {
  const { doc, name: tableName } = table;
  let cache: { at: number; records: Map<string, ErpoRecord> } | null = null;

  async function load(): Promise<Map<string, ErpoRecord>> {
    const now = clock.now().getTime();
    if (cache && now - cache.at < CACHE_MS) return cache.records;
    const items = await queryAll(
      doc,
      {
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': erpoListKey().gsi1pk },
      },
      Math.floor(now / 1000),
    );
    const records = new Map<string, ErpoRecord>();
    for (const item of items) {
      const record = erpoRecordSchema.parse(item.record);
      records.set(record.state, record);
    }
    cache = { at: now, records };
    return records;
  }

  return {
    async list() {
      return [...(await load()).values()].sort((a, b) => a.state.localeCompare(b.state));
    },
    async get(code) {
      return (await load()).get(code) ?? null;
    },
    async putAll(records) {
      const updatedAt = clock.now().toISOString();
      // A re-seed writes only the records that changed: seeding the same content twice changes nothing.
      cache = null;
      const stored = await load();
      const changed = records.filter((record) => JSON.stringify(stored.get(record.state)) !== JSON.stringify(record));
      const requests = changed.map((record) => ({
        PutRequest: {
          Item: { ...erpoStateKeys(record.state), entity: 'erpo_state', version: ITEM_VERSION, record, updatedAt },
        },
      }));
      for (let i = 0; i < requests.length; i += 25) {
        let pending: typeof requests | undefined = requests.slice(i, i + 25);
        for (let attempt = 0; pending?.length; attempt++) {
          if (attempt > 8) throw new Error('DynamoDB kept returning unprocessed items while seeding red-flag records.');
          if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = out.UnprocessedItems?.[tableName] as typeof requests | undefined;
        }
      }
      cache = null;
    },
  };
}
