/**
 * The small renderer behind bench/RESULTS.md: every benchmark returns plain figures and a
 * `markdown(figures)` made of these parts; `npm run bench` (run-all.ts) puts them in one file, and
 * a benchmark run on its own prints its part.
 */

export type Cell = string | number;

/** A GitHub-flavoured markdown table; numbers are printed as given (format them first). */
export function table(headers: string[], rows: Cell[][], align?: ('l' | 'r')[]): string {
  const rule = headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: Cell[]) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

export const section = (title: string, ...parts: (string | false | undefined)[]) => [`## ${title}`, ...parts.filter(Boolean)].join('\n\n');

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
export const ratio = (value: number) => `${value.toFixed(1)}x`;
export const int = (value: number) => Math.round(value).toLocaleString('en-US');

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

export const spreadMs = (s: Spread) => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)} to ${s.max.toFixed(1)})`;
