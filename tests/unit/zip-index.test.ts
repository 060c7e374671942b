import { describe, expect, it } from 'vitest';
import committed from '../../functions/src/domain/data/zip-index.json' with { type: 'json' };
import { lookupZip, stateForZip } from '../../functions/src/domain/erpo-lookup.ts';
import { ZIP_INDEX } from '../../functions/src/domain/zip-data.ts';
import { decodeZipIndex, encodeZipIndex, zipInputSchema } from '../../functions/src/domain/zip.ts';
import { buildZipIndexFromPackages } from '../../scripts/build-zip-index.ts';

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
});
