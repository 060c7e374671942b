import { describe, expect, it } from 'vitest';
import { pledgeExport } from '../../../functions/src/pledges/index.ts';
import type { PledgeStore } from '../../../functions/src/pledges/ports.ts';
import { PLEDGE_SHARDS, type PledgeRecord } from '../../../functions/src/pledges/rules/record.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';

/** The export merges the index shards oldest first and reads each shard at most one page ahead. */
const record = (at: string): PledgeRecord => ({
  scope: 'x', emailKey: at, nonce: 'n', name: `P ${at}`, email: `${at}@example.test`, zip: '97201', language: 'en',
  pledgeVersion: 1, updates: true, status: 'confirmed', pledgedAt: at, lastEmailedAt: at, expiresAt: 2_000_000_000,
});

/** Row `i` of a shard is `step(shard) * i` minutes into the day, the shard in the seconds. */
const at = (shard: number, minutes: number) =>
  new Date(Date.UTC(2026, 0, 1, 0, minutes, shard)).toISOString();

function fakeStore(rowsPerShard: number, step: (shard: number) => number = () => 1) {
  const requested = new Map<number, number>();
  const store: Pick<PledgeStore, 'listPages' | 'confirmedPerDay'> = {
    async *listPages(q, pageSize) {
      const times = Array.from({ length: rowsPerShard }, (_, i) => at(q.shard, i * step(q.shard)));
      for (let i = 0; i < times.length; i += pageSize) {
        // Counted when the page is asked for (the generator runs on next()), before it arrives.
        requested.set(q.shard, (requested.get(q.shard) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 0));
        yield times.slice(i, i + pageSize).map((t) => ({ sortKey: `${t}#k`, record: record(t) }));
      }
    },
    confirmedPerDay: async () => new Map(),
  };
  return { store, requested: (shard: number) => requested.get(shard) ?? 0, pagesRead: () => [...requested.values()].reduce((a, b) => a + b, 0) };
}

const deps = (store: Pick<PledgeStore, 'listPages' | 'confirmedPerDay'>) => ({
  pledges: store,
  keyRing: staticKeyRing(Buffer.alloc(32, 1)),
  suppressions: { suppressedKeys: async () => new Set<string>() },
});

describe('the pledge export stream', () => {
  it('merges every shard oldest first', async () => {
    const { store } = fakeStore(3);
    const rows = [];
    for await (const row of pledgeExport(deps(store), { pageSize: 2 }).rows('x', { status: 'confirmed', outreachOnly: false })) rows.push(row.pledgedAt);
    expect(rows).toHaveLength(3 * PLEDGE_SHARDS);
    expect(rows).toEqual([...rows].sort());
  });

  it('reads each shard at most one page ahead of the row it is at, however long the list', async () => {
    // Shard 0 holds every early row; the others are ever sparser, so the shards advance unevenly.
    const pageSize = 5;
    const { store, requested } = fakeStore(50, (shard) => shard + 1);
    const seen = new Map<number, number>();
    const rows = [];
    for await (const row of pledgeExport(deps(store), { pageSize }).rows('x', { status: 'confirmed', outreachOnly: false })) {
      rows.push(row.pledgedAt);
      const shard = new Date(row.pledgedAt).getUTCSeconds();
      seen.set(shard, (seen.get(shard) ?? 0) + 1);
      // The page this shard's next row is on, and the one after it: never a third.
      for (let s = 0; s < PLEDGE_SHARDS; s += 1) expect(requested(s)).toBeLessThanOrEqual(Math.floor((seen.get(s) ?? 0) / pageSize) + 2);
    }
    expect(rows).toHaveLength(50 * PLEDGE_SHARDS);
    expect(rows).toEqual([...rows].sort());
  });

  it('has the next page of every shard on its way while the first rows go out', async () => {
    const { store, pagesRead } = fakeStore(50);
    const stream = pledgeExport(deps(store), { pageSize: 5 }).rows('x', { status: 'confirmed', outreachOnly: false })[Symbol.asyncIterator]();
    await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The first page of every shard (the merge needs each one's first row) and the next one, ahead.
    expect(pagesRead()).toBe(2 * PLEDGE_SHARDS);
  });
});
