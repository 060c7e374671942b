import zipIndexFile from './data/zip-index.json' with { type: 'json' };
import { decodeZipIndex, type ZipIndexFile } from './zip.ts';

/** Every US ZIP code, its state and its centre; decoded once per process (cold start). */
export const ZIP_INDEX = decodeZipIndex(zipIndexFile as ZipIndexFile);
