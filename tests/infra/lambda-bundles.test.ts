import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import committed from '../../functions/src/domain/data/zip-index.json' with { type: 'json' };
import { decodeZipIndex, type ZipIndexFile } from '../../functions/src/domain/zip.ts';
import { ZIP_INDEX_ASSET } from '../../functions/src/platform/zip-index/file-source.ts';
import { bundleFunction, HANDLER_FILE } from '../../infra/lib/lambda-bundling.ts';

describe('a Lambda bundle that looks up ZIP codes', () => {
  it('reads the packed index shipped beside it, and answers every code as the committed index does', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'lockline-zip-bundle-'));
    const report = await bundleFunction('zip-lookup', { entry: 'tests/fixtures/zip-lookup-entry.ts' }, outdir);

    expect(readdirSync(outdir)).toContain(ZIP_INDEX_ASSET);
    expect(report.zipIndexBytes).toBeGreaterThan(100_000);
    // None of the index's data is compiled into the code.
    const code = readdirSync(outdir).filter((f) => f.endsWith('.mjs')).map((f) => readFileSync(join(outdir, f), 'utf8')).join('');
    const file = committed as ZipIndexFile;
    expect(code).not.toContain(file.centroids.slice(1000, 1064));
    expect(code).not.toContain(file.runs.slice(0, 40));

    const answers = execFileSync(process.execPath, ['--input-type=module', '-e', 'const { handler } = await import(process.argv[1]); process.stdout.write(handler());', join(outdir, HANDLER_FILE)], {
      maxBuffer: 16 * 1024 * 1024,
    })
      .toString()
      .split('\n');
    const index = decodeZipIndex(file);
    const expected = Array.from({ length: 100_000 }, (_, n) => {
      const zip = String(n).padStart(5, '0');
      const centre = index.centroidOf(zip);
      return `${index.stateOf(zip) ?? ''}:${centre ? `${centre.lat},${centre.lon}` : ''}`;
    });
    expect(answers.length).toBe(100_000);
    expect(answers.filter((answer, n) => answer !== expected[n])).toEqual([]);
  });
});
