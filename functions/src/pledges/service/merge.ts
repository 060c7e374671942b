/**
 * The export's stream plumbing, apart from pledges: each source (one index shard) is read one page
 * ahead, and the sources' pages are merged in key order. Memory: at most two pages per source (the
 * one being merged and the next one, read meanwhile), whatever the number of rows.
 */

/**
 * The same pages, each next one requested as soon as the one before is handed out, so its round
 * trips run while the consumer works through the page it has: never more than one page ahead.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const pages = source[Symbol.asyncIterator]();
  let next = pages.next();
  for (;;) {
    const result = await next;
    if (result.done) return;
    next = pages.next();
    // A failure is rethrown when that page is awaited; until then it must not count as unhandled.
    next.catch(() => undefined);
    yield result.value;
  }
}

interface Cursor<T> {
  pages: AsyncIterator<T[]>;
  page: T[];
  at: number;
}

/** The source's next page with something in it (pages can be empty after filtering), or null at its end. */
async function nextPage<T>(pages: AsyncIterator<T[]>): Promise<T[] | null> {
  for (;;) {
    const result = await pages.next();
    if (result.done) return null;
    if (result.value.length) return result.value;
  }
}

/**
 * Merges sources whose pages are each sorted by `key` into one sorted sequence, handed out in runs:
 * each run ends where a source's page does, and that source's next page is awaited before the next
 * run. Equal keys come out in source order (stable). A run only refers to rows of the pages held.
 */
export async function* mergePages<T>(sources: AsyncIterable<T[]>[], key: (row: T) => string): AsyncGenerator<T[]> {
  const cursors: Cursor<T>[] = [];
  const firsts = await Promise.all(sources.map((s) => s[Symbol.asyncIterator]()).map(async (pages) => ({ pages, page: await nextPage(pages) })));
  for (const { pages, page } of firsts) if (page) cursors.push({ pages, page, at: 0 });
  const heads = cursors.map((c) => key(c.page[0]!));
  while (cursors.length) {
    const run: T[] = [];
    for (;;) {
      let min = 0;
      for (let i = 1; i < heads.length; i += 1) if (heads[i]! < heads[min]!) min = i;
      const c = cursors[min]!;
      run.push(c.page[c.at]!);
      c.at += 1;
      if (c.at < c.page.length) {
        heads[min] = key(c.page[c.at]!);
        continue;
      }
      yield run;
      const page = await nextPage(c.pages);
      if (page) {
        c.page = page;
        c.at = 0;
        heads[min] = key(page[0]!);
      } else {
        cursors.splice(min, 1);
        heads.splice(min, 1);
      }
      break;
    }
  }
}
