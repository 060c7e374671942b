import { describe, expect, it } from 'vitest';
import { csvStream, exportFilename, type CsvColumn } from '../../../functions/src/staff/exports/csv-stream.ts';
import { splitName } from '../../../functions/src/staff/exports/pledge-export.ts';
import { neutralizeCell } from '../../../functions/src/domain/csv.ts';

type Row = { a: string; n: number };
const columns: CsvColumn<Row>[] = [
  { header: 'a', cell: (r) => r.a },
  { header: 'n', cell: (r) => r.n },
];

async function* from<T>(rows: T[]) {
  for (const row of rows) yield row;
}

async function collect(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe('csvStream', () => {
  it('writes a BOM, a header, CRLF records, RFC 4180 quoting and neutralised cells, and reports the row count', async () => {
    let finished: [number, boolean] | undefined;
    const bytes = await collect(csvStream({ columns, rows: from([{ a: 'plain', n: 1 }, { a: 'has, comma', n: -2 }, { a: 'say "hi"\nbye', n: 3 }, { a: '=SUM(A1)', n: 4 }]), onFinish: (n, ok) => void (finished = [n, ok]) }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('a,n\r\nplain,1\r\n"has, comma",\'-2\r\n"say ""hi""\nbye",3\r\n\'=SUM(A1),4\r\n');
    expect(finished).toEqual([4, true]);
  });

  it('errors the stream (no clean end) and reports failure when the source throws part-way', async () => {
    let finished: [number, boolean] | undefined;
    async function* broken() {
      yield { a: 'one', n: 1 };
      throw new Error('source failed');
    }
    await expect(collect(csvStream({ columns, rows: broken(), onFinish: (n, ok) => void (finished = [n, ok]) }))).rejects.toThrow();
    expect(finished).toEqual([1, false]);
  });

  it('writes the same bytes in batches as csv-stringify over every row at once, header first', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const cells = ['', 'x', 'a,b', 'say "hi"', 'two\r\nlines', 'é', '+1', ' '];
    const rows = Array.from({ length: 1234 }, (_, i) => ({ a: `${cells[i % cells.length]}${cells[(i * 7) % cells.length]}`, n: i - 600 }));
    const whole = stringify(
      rows.map((r) => [r.a, r.n].map((v) => neutralizeCell(v))),
      { header: true, columns: ['a', 'n'], bom: true, record_delimiter: 'windows' },
    );
    let finished: [number, boolean] | undefined;
    expect((await collect(csvStream({ columns, rows: from(rows), onFinish: (n, ok) => void (finished = [n, ok]) }))).toString('utf8')).toBe(whole);
    expect(finished).toEqual([1234, true]);
    // No rows: the BOM and the header, as before.
    expect((await collect(csvStream({ columns, rows: from([]), onFinish: () => undefined }))).toString('utf8')).toBe('\ufeffa,n\r\n');
  });

  it('names files <campaign>-<what>-<date>.csv with safe characters only', () => {
    expect(exportFilename('demo-city', 'pledges', new Date('2026-11-25T23:00:00Z'))).toBe('demo-city-pledges-2026-11-25.csv');
    expect(exportFilename('a"b', 'x/y', new Date('2026-01-02T00:00:00Z'))).toBe('a-b-x-y-2026-01-02.csv');
  });

  it('splits a name at the first space for first_name and last_name', () => {
    expect(splitName('  Ana  María López ')).toEqual({ first: 'Ana', last: 'María López' });
    expect(splitName('Bo')).toEqual({ first: 'Bo', last: '' });
  });
});
