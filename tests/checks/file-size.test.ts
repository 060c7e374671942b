import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/src/local/paths.ts';

/** Small files with one job: nothing under functions/src grows past 300 lines (data files excepted). */
const LIMIT = 300;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'data' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('file size', () => {
  it(`keeps every file under functions/src at ${LIMIT} lines or fewer`, () => {
    const root = join(REPO_ROOT, 'functions', 'src');
    const tooLong = sourceFiles(root)
      .map((file) => ({ file: relative(REPO_ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((f) => f.lines > LIMIT);
    expect(tooLong).toEqual([]);
  });
});
