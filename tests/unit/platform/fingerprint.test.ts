import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../functions/src/platform/abuse/fingerprint.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';

const ring = (current: number, previous?: number) => staticKeyRing(Buffer.alloc(32, current), previous === undefined ? undefined : Buffer.alloc(32, previous));
const input = { name: 'Ana López', email: 'ana@example.test', address: { line1: '12 Elm Street', zip: '97201' } };

describe('a submission fingerprint', () => {
  it('is keyed: nobody holding the table can confirm a guess of who asked with a plain hash', async () => {
    const fp = await fingerprintOf(ring(1), input);
    expect(fp.value).not.toBe(createHash('sha256').update(JSON.stringify(input)).digest('base64url'));
    expect(fp.value).not.toBe((await fingerprintOf(ring(2), input)).value);
  });

  it('tells the same input from a different one', async () => {
    const fp = await fingerprintOf(ring(1), input);
    expect(fp.matches((await fingerprintOf(ring(1), input)).value)).toBe(true);
    expect(fp.matches((await fingerprintOf(ring(1), { ...input, name: 'Ana Lopez' })).value)).toBe(false);
  });

  it('still knows a retry stored before the key was rotated', async () => {
    const before = await fingerprintOf(ring(1), input);
    expect((await fingerprintOf(ring(2, 1), input)).matches(before.value)).toBe(true);
    expect((await fingerprintOf(ring(2), input)).matches(before.value)).toBe(false);
  });
});
