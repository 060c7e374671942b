import { readFileSync } from 'node:fs';
import { unpackZipIndex, type ZipIndex } from '../../domain/zip.ts';

/** The packed index's file name, beside the bundle (infra/lib/lambda-bundling.ts writes it). */
export const ZIP_INDEX_ASSET = 'zip-index.bin';

/**
 * `ZIP_INDEX`'s source inside a Lambda bundle, in place of `domain/zip-index-inline.ts`: the packed
 * index read from the file shipped beside the bundle, on the first lookup (a few hundred
 * microseconds), so the bundle itself carries no ZIP data.
 */
export function loadZipIndex(): ZipIndex {
  return unpackZipIndex(readFileSync(new URL(`./${ZIP_INDEX_ASSET}`, import.meta.url)));
}
