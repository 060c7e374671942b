import { loadZipIndex } from './zip-index-inline.ts';
import { lazyZipIndex } from './zip.ts';

/**
 * Every US ZIP code, its state and its centre; built on the first lookup, once per process.
 *
 * Where the data comes from depends on the build: the site, the tests and `npm start` read the
 * committed JSON through `zip-index-inline.ts`; a Lambda bundle swaps that module for
 * `platform/zip-index/file-source.ts`, which reads the packed copy shipped beside the bundle, so
 * the index is not part of any function's code (infra/lib/lambda-bundling.ts).
 */
export const ZIP_INDEX = lazyZipIndex(loadZipIndex);
