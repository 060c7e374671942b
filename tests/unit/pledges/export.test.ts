import { describe, expect, it } from 'vitest';
import { pledgeExport } from '../../../functions/src/pledges/index.ts';
import type { PledgeStore } from '../../../functions/src/pledges/ports.ts';
import { PLEDGE_SHARDS, type PledgeRecord } from '../../../functions/src/pledges/rules/record.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';

/** The export merges the index shards oldest first and reads a page only when it needs the next row. */
const record = (at: string): PledgeRecord => ({
  scope: 'x', emailKey: at, nonce: 'n', name: `P ${at}`, email: `${at}@example.test`, zip: '97201', language: 'en',
  pledgeVersion: 1, updates: true, status: 'confirmed', pledgedAt: at, lastEmailedAt: at, expiresAt: 2_000_000_000,
});

function fakeStore(rowsPerShard: number) {
  let pagesRead = 0;
  const store: Pick<PledgeStore, 'listPages' | 'confirmedPerDay'> = {
    async *listPages(q, pageSize) {
      const times = Array.from({ length: rowsPerShard }, (_, i) => `2026-01-01T00:${String(i).padStart(2, '0')}:${String(q.shard).padStart(2, '0')}.000Z`);
      for (let i = 0; i < times.length; i += pageSize) {
        pagesRead += 1;
        yield times.slice(i, i + pageSize).map((t) => ({ sortKey: `${t}#k`, record: record(t) }));
      }
    },
    confirmedPerDay: async () => new Map(),
  };
  return { store, pagesRead: () => pagesRead };
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

  it('holds one page per shard, however long the list', async () => {
    const { store, pagesRead } = fakeStore(50);
    const stream = pledgeExport(deps(store), { pageSize: 5 }).rows('x', { status: 'confirmed', outreachOnly: false })[Symbol.asyncIterator]();
    for (let i = 0; i < 10; i += 1) await stream.next();
    // The first ten rows come from the first page of ten shards: one page from each shard so far.
    expect(pagesRead()).toBe(PLEDGE_SHARDS);
  });
});
