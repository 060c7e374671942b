import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkToken, verifyLink } from '../../../functions/src/pledges/service/links.ts';
import { staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';

/** Signed, expiring link tokens: made with the current key, accepted with the current or previous one. */
const key = randomBytes(32);
const ring = staticKeyRing(key);
const record = { scope: 'springfield', emailKey: 'K'.repeat(32), nonce: 'N'.repeat(16), pledgedAt: '2026-11-25T12:00:00.000Z' };
const now = new Date('2026-11-26T12:00:00Z');

describe('pledge link tokens', () => {
  it('verify for their own scope and action only', async () => {
    const token = await linkToken(ring, record, 'delete');
    expect(await verifyLink(ring, 'springfield', token, 'delete', now)).toMatchObject({ kind: 'delete', emailKey: record.emailKey, nonce: record.nonce });
    expect(await verifyLink(ring, 'springfield', token, 'unsubscribe', now)).toBeNull();
    expect(await verifyLink(ring, 'other-town', token, 'delete', now)).toBeNull();
  });

  it('refuse a token made with another key, and keep working through a key rotation', async () => {
    const token = await linkToken(ring, record, 'confirm');
    expect(await verifyLink(staticKeyRing(randomBytes(32)), 'springfield', token, 'confirm', now)).toBeNull();
    expect(await verifyLink(staticKeyRing(randomBytes(32), key), 'springfield', token, 'confirm', now)).not.toBeNull();
  });

  it('stop working when they expire', async () => {
    const token = await linkToken(ring, record, 'confirm');
    expect(await verifyLink(ring, 'springfield', token, 'confirm', new Date('2026-12-02T11:59:59Z'))).not.toBeNull();
    expect(await verifyLink(ring, 'springfield', token, 'confirm', new Date('2026-12-02T12:00:00Z'))).toBeNull();
  });

  it('are derived, not stored: the same pledge always gets the same link', async () => {
    expect(await linkToken(ring, record, 'unsubscribe')).toBe(await linkToken(ring, record, 'unsubscribe'));
    expect(await linkToken(ring, record, 'unsubscribe')).not.toBe(await linkToken(ring, { ...record, nonce: 'M'.repeat(16) }, 'unsubscribe'));
  });
});
