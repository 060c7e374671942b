import zipIndexFile from './data/zip-index.json' with { type: 'json' };
import { decodeZipIndex, type ZipIndex, type ZipIndexFile } from './zip.ts';

/**
 * The committed index, decoded: the source of `ZIP_INDEX` everywhere but in a Lambda bundle, which
 * replaces this module with `platform/zip-index/file-source.ts` (same export, same answers).
 */
export function loadZipIndex(): ZipIndex {
  return decodeZipIndex(zipIndexFile as ZipIndexFile);
}
