import { afterEach, describe, expect, it } from 'vitest';
import { mergePages, readAhead } from '../../../functions/src/pledges/service/merge.ts';

/** The export's plumbing: shards read one page ahead, merged in key order. */

/** A deterministic generator (mulberry32), so a failure repeats. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = { key: string; source: number };

async function* pagesOf<T>(pages: T[][]) {
  for (const page of pages) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    yield page;
  }
}

async function all<T>(runs: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const run of runs) out.push(...run);
  return out;
}

describe('mergePages', () => {
  it('merges sorted sources of uneven, sometimes empty, pages into one sorted, stable sequence', async () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const next = random(seed);
      const sources = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, source) => {
        // Keys from a small alphabet, so equal keys across sources are common.
        const keys = Array.from({ length: Math.floor(next() * 40) }, () => String(Math.floor(next() * 30)).padStart(2, '0')).sort();
        const pages: Row[][] = [];
        // 0 to 6 rows a page: empty pages too (filtering leaves them), also after the last row.
        for (let i = 0; i < keys.length; ) {
          const size = Math.floor(next() * 7);
          pages.push(keys.slice(i, i + size).map((key) => ({ key, source })));
          i += size;
        }
        if (next() < 0.3) pages.push([]);
        return pages;
      });
      const merged = await all(mergePages(sources.map((pages) => readAhead(pagesOf(pages))), (r) => r.key));
      // Array.prototype.sort is stable: equal keys stay in source order, as the merge must keep them.
      const expected = sources.flatMap((pages) => pages.flat()).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.source - b.source));
      expect(merged).toEqual(expected);
    }
  });

  it('ends at once with no sources or only empty ones', async () => {
    expect(await all(mergePages<Row>([], (r) => r.key))).toEqual([]);
    expect(await all(mergePages<Row>([pagesOf([[], []]), pagesOf([])], (r) => r.key))).toEqual([]);
  });
});

describe('readAhead', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  /** A source that counts the pages asked for; each takes a moment to arrive. */
  function counted(pages: number) {
    const state = { asked: 0 };
    async function* source() {
      for (let i = 0; i < pages; i += 1) {
        state.asked += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield [i];
      }
    }
    return { state, pages: readAhead(source()) };
  }

  it('asks for the next page as soon as one is handed out, never for a second one ahead', async () => {
    const { state, pages } = counted(10);
    for (let taken = 1; taken <= 10; taken += 1) {
      expect((await pages.next()).value).toEqual([taken - 1]);
      // The consumer holds page `taken`; the following one is already on its way, and no more.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(state.asked).toBe(Math.min(taken + 1, 10));
    }
    expect((await pages.next()).done).toBe(true);
  });

  it('raises a failed page when it is asked for, and not as an unhandled rejection before', async () => {
    process.on('unhandledRejection', onUnhandled);
    async function* failing() {
      yield [1];
      throw new Error('Query failed');
    }
    const pages = readAhead(failing());
    expect((await pages.next()).value).toEqual([1]);
    // The read-ahead has failed meanwhile; nothing may surface until the page is asked for.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    await expect(pages.next()).rejects.toThrow('Query failed');
  });
});
