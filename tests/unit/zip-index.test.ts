import { describe, expect, it } from 'vitest';
import committed from '../../functions/src/domain/data/zip-index.json' with { type: 'json' };
import { lookupZip, stateForZip } from '../../functions/src/domain/erpo-lookup.ts';
import { ZIP_INDEX } from '../../functions/src/domain/zip-data.ts';
import { decodeZipIndex, encodeZipIndex, lazyZipIndex, packZipIndex, unpackZipIndex, zipInputSchema, type ZipIndex, type ZipIndexFile } from '../../functions/src/domain/zip.ts';
import { buildZipIndexFromPackages, zipEntriesFromPackages } from '../../scripts/build-zip-index.ts';

describe('ZIP input', () => {
  it.each([
    ['97201', '97201'],
    [' 97201 ', '97201'],
    ['97201-1234', '97201'],
    ['972011234', '97201'],
  ])('accepts %j as %s', (input, expected) => {
    expect(zipInputSchema.parse(input)).toBe(expected);
  });

  it.each(['', '9720', '972010', 'ABCDE', '97201-12', '97 201'])('rejects %j with a plain message', (input) => {
    const result = zipInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Enter a ZIP code/);
  });
});

describe('ZIP index', () => {
  it.each([
    ['97201', 'OR'],
    ['20001', 'DC'],
    ['99553', 'AK'],
    ['96813', 'HI'],
    ['10001', 'NY'],
    ['00601', 'PR'],
    ['96910', 'GU'],
    ['09001', 'AE'],
  ])('knows %s is in %s', (zip, state) => {
    expect(ZIP_INDEX.stateOf(zip)).toBe(state);
  });

  it('knows ZIP codes that do not exist', () => {
    for (const zip of ['00000', '99999', '00100']) expect(ZIP_INDEX.stateOf(zip)).toBeNull();
    expect(ZIP_INDEX.count).toBeGreaterThan(41_000);
  });

  it('round-trips an index through encode and decode, states and centroids', () => {
    const at = (state: string, lat: number, lon: number) => ({ state, lat, lon });
    const index = decodeZipIndex(
      encodeZipIndex(
        [
          ['00501', at('NY', 40.8154, -73.0451)],
          ['00601', at('PR', 18.18, -66.75)],
          ['00602', at('PR', 18.36, -67.18)],
          ['99950', at('AK', 55.54, -131.43)],
        ],
        [],
      ),
    );
    expect(['00501', '00601', '00602', '99950', '00502'].map((z) => index.stateOf(z))).toEqual(['NY', 'PR', 'PR', 'AK', null]);
    expect(index.centroidOf('00501')).toEqual({ lat: 40.82, lon: -73.05 });
    expect(index.centroidOf('99950')).toEqual({ lat: 55.54, lon: -131.43 });
    expect(index.centroidOf('00502')).toBeNull();
  });

  it('knows where a ZIP code is, to about a kilometre', () => {
    const portland = ZIP_INDEX.centroidOf('97201')!;
    expect(portland.lat).toBeCloseTo(45.51, 1);
    expect(portland.lon).toBeCloseTo(-122.69, 1);
  });

  it('is in step with the installed ZIP datasets (run npm run build:zips after upgrading them)', () => {
    expect(buildZipIndexFromPackages()).toEqual(committed);
  });

  it('tells states, places outside them, and unknown ZIPs apart', () => {
    expect(lookupZip('97201')).toEqual({ kind: 'state', state: 'OR' });
    expect(lookupZip('00601')).toEqual({ kind: 'outside', code: 'PR' });
    expect(lookupZip('99999')).toEqual({ kind: 'unknown' });
    expect(() => stateForZip('00601')).toThrow(/outside the 50 states and DC/);
    expect(() => stateForZip('99999')).toThrow(/could not find that ZIP code/);
  });

  it('answers every ZIP code, in the committed JSON and in the packed file a Lambda reads, exactly as the datasets say', () => {
    const dataset = zipEntriesFromPackages();
    const file = committed as ZipIndexFile;
    const packed = packZipIndex(file);
    const forms: [string, ZipIndex][] = [
      ['json', decodeZipIndex(file)],
      ['packed', unpackZipIndex(packed)],
    ];
    // 100,000 five-digit codes: every one that exists, and every one that does not.
    const wrong: string[] = [];
    for (let n = 0; n < 100_000; n++) {
      const zip = String(n).padStart(5, '0');
      const entry = dataset.get(zip);
      const expected = entry ? { state: entry.state, centre: { lat: Math.round(entry.lat * 100) / 100, lon: Math.round(entry.lon * 100) / 100 } } : null;
      for (const [form, index] of forms) {
        const state = index.stateOf(zip);
        const centre = index.centroidOf(zip);
        if (state !== (expected?.state ?? null) || JSON.stringify(centre) !== JSON.stringify(expected?.centre ?? null)) wrong.push(`${form} ${zip}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(forms.map(([, index]) => index.count)).toEqual([dataset.size, dataset.size]);
    // The packed file is the JSON's bytes without base64: about three quarters of its size.
    expect(packed.length).toBeLessThan(JSON.stringify(file).length * 0.8);
  });

  it('refuses a packed file that is not one, or is cut short', () => {
    const packed = packZipIndex(committed as ZipIndexFile);
    expect(() => unpackZipIndex(packed.subarray(0, packed.length - 1))).toThrow(/truncated/);
    expect(() => unpackZipIndex(new TextEncoder().encode('{"sources": []}'))).toThrow(/Not a packed ZIP index/);
  });

  it('builds the index on the first lookup, once, and not when the module loads', () => {
    let loads = 0;
    const index = lazyZipIndex(() => {
      loads += 1;
      return decodeZipIndex(committed as ZipIndexFile);
    });
    expect(loads).toBe(0);
    expect(index.stateOf('97201')).toBe('OR');
    expect(index.centroidOf('98101')).not.toBeNull();
    expect(index.count).toBeGreaterThan(41_000);
    expect(loads).toBe(1);
  });
});

