import { shardOf, type PledgeRecord, type PledgeStatus } from '../rules/record.ts';

/**
 * Where the pledge capability's items live (docs/data-model.md, "Pledges"): the only place their
 * key strings are spelled.
 */
const pad = (shard: number) => String(shard).padStart(2, '0');

/** One pledge: its own partition, keyed by the scope and the address's keyed hash. */
export const pledgeKey = (scope: string, emailKey: string) => ({ pk: `PLEDGE#${scope}#${emailKey}`, sk: 'PLEDGE' });

/**
 * The pledge list a staff export reads (gsi1): per scope, status and shard, oldest first. Sharded
 * like the counters, so a launch spike never concentrates the index's writes on one partition.
 */
export const pledgeListKey = (scope: string, status: PledgeStatus, shard: number) => `PLEDGES#${scope}#${status}#${pad(shard)}`;

export const pledgeSortKey = (record: Pick<PledgeRecord, 'pledgedAt' | 'emailKey'>) => `${record.pledgedAt}#${record.emailKey}`;

export const pledgeKeys = (record: PledgeRecord) => ({
  ...pledgeKey(record.scope, record.emailKey),
  gsi1pk: pledgeListKey(record.scope, record.status, shardOf(record.emailKey)),
  gsi1sk: pledgeSortKey(record),
});

/** One shard of a scope's confirmed count. */
export const counterKey = (scope: string, shard: number) => ({ pk: `PLEDGECOUNT#${scope}#${pad(shard)}`, sk: 'COUNT' });

/**
 * One shard of a scope's confirmations on one UTC day (`YYYY-MM-DD`): the staff chart's pledges per
 * day, read without touching any pledge. Sharded like the total, with the same shard.
 */
export const dayCounterKey = (scope: string, shard: number, day: string) => ({ pk: `PLEDGEDAY#${scope}#${pad(shard)}`, sk: day });
