import { Readable } from 'node:stream';
import { neutralizeCell } from '../../domain/csv.ts';

export type Cell = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  cell(row: Row): Cell;
}

export interface CsvStreamInput<Row> {
  columns: readonly CsvColumn<Row>[];
  rows: AsyncIterable<Row>;
  /** Called once, when the last row is out (ok) or the stream broke off (not ok), with the rows written. */
  onFinish(rows: number, ok: boolean): void | Promise<void>;
}

/** Rows per piece of the file: about 50 KB of CSV, written with one call to csv-stringify. */
const BATCH_ROWS = 500;

/**
 * A CSV file as a byte stream, written as rows arrive, a batch of rows at a time: the header as
 * soon as the stream is read, then csv-stringify's synchronous API over every BATCH_ROWS rows (and
 * the rest at the end), so memory stays constant however many rows the source yields (the source
 * follows DynamoDB pagination page by page). Batches give the same bytes as one stringifier over
 * all rows, without a stream transform per row. UTF-8 with a byte-order mark (Excel reads the
 * accents right), RFC 4180 (CRLF, quotes where needed), every cell neutralised against formula
 * injection (domain/csv.ts).
 *
 * If the source fails part-way the stream errors instead of ending: the download is cut off and
 * the browser reports it failed, rather than handing over a short file that looks complete.
 */
export function csvStream<Row>(input: CsvStreamInput<Row>): ReadableStream<Uint8Array> {
  // The last bytes go out only after onFinish (the audit record's row count) is written: on
  // Lambda, nothing runs once the response has ended.
  async function* bytes() {
    // csv-stringify is loaded with the first export (its own chunk in a Lambda bundle).
    const { stringify } = await import('csv-stringify/sync');
    const options = { record_delimiter: 'windows' } as const;
    const header = input.columns.map((c) => c.header);
    yield Buffer.from(stringify([header], { ...options, bom: true }));
    let written = 0;
    let batch: string[][] = [];
    try {
      for await (const row of input.rows) {
        written += 1;
        batch.push(input.columns.map((column) => neutralizeCell(column.cell(row))));
        if (batch.length < BATCH_ROWS) continue;
        yield Buffer.from(stringify(batch, options));
        batch = [];
      }
    } catch (error) {
      await input.onFinish(written, false);
      throw error;
    }
    if (batch.length) yield Buffer.from(stringify(batch, options));
    await input.onFinish(written, true);
  }
  return Readable.toWeb(Readable.from(bytes(), { objectMode: false })) as ReadableStream<Uint8Array>;
}

/** `<campaign>-<what>-<yyyy-mm-dd>.csv`: safe characters only, so the header needs no escaping. */
export function exportFilename(campaign: string, what: string, day: Date): string {
  return `${campaign}-${what}-${day.toISOString().slice(0, 10)}.csv`.replace(/[^a-z0-9._-]/gi, '-');
}

export const CSV_HEADERS = (filename: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${filename}"`,
  'Cache-Control': 'private, no-store',
  'X-Content-Type-Options': 'nosniff',
});
