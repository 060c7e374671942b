import { describe, expect, it } from 'vitest';
import { campaignTimeZone } from '../../../functions/src/domain/campaign.ts';
import { endOfLocalDay, isTimeZone, localDate, STATE_TIME_ZONES } from '../../../functions/src/domain/time-zones.ts';
import { CODE_ALPHABET, confirmationCodeFrom, isStatusSecret, parseConfirmationCode } from '../../../functions/src/locks/rules/codes.ts';
import { householdMatchValues, normalizeAddress } from '../../../functions/src/locks/rules/household.ts';
import { emailForChange, holdEnd, poolOf, REQUEST_STATUSES, residentMayCancel, staffMayMove } from '../../../functions/src/locks/rules/lifecycle.ts';
import { finderHome, inLanguage, lockPaths } from '../../../functions/src/locks/rules/paths.ts';
import { opensStatus, statusSecret } from '../../../functions/src/locks/service/deps.ts';
import { newConfirmationCode } from '../../../functions/src/locks/service/submit.ts';
import { sameSecret, staticKeyRing } from '../../../functions/src/platform/secrets/key-ring.ts';

describe('lock request lifecycle rules', () => {
  it('lets staff make only the moves that fit the delivery', () => {
    const allowed = (delivery: 'mail' | 'pickup') =>
      REQUEST_STATUSES.flatMap((from) => REQUEST_STATUSES.filter((to) => staffMayMove(delivery, from, to)).map((to) => `${from}>${to}`));
    expect(allowed('mail')).toEqual(['requested>shipped', 'requested>cancelled', 'waitlisted>cancelled']);
    expect(allowed('pickup')).toEqual([
      'requested>ready',
      'requested>picked_up',
      'requested>cancelled',
      'ready>picked_up',
      'ready>cancelled',
      'waitlisted>cancelled',
    ]);
  });

  it('lets a resident cancel until the lock has left or been collected', () => {
    expect(REQUEST_STATUSES.filter(residentMayCancel)).toEqual(['requested', 'ready', 'waitlisted']);
  });

  it('emails about the changes that matter, and says why a request was cancelled', () => {
    expect(emailForChange('ready')).toBe('ready');
    expect(emailForChange('shipped')).toBe('shipped');
    expect(emailForChange('picked_up')).toBeNull();
    expect(emailForChange('cancelled', 'staff')).toBe('cancelled');
    expect(emailForChange('cancelled', 'lapsed')).toBe('lapsed');
  });

  it('takes mail stock from the mail pool, which no site id can collide with', () => {
    expect(poolOf({ delivery: 'mail' })).toBe('_mail');
    expect(poolOf({ delivery: 'pickup', siteId: 'library' })).toBe('library');
  });
});

describe('confirmation codes and status secrets', () => {
  it('makes short codes without look-alike characters, and reads them back however they are typed', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01ILOUV]/);
    for (let i = 0; i < 200; i += 1) expect(newConfirmationCode()).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
    expect(confirmationCodeFrom([0, 1, 2, 3, 4, 5, 6, 7])).toBe('2345-6789');
    expect(parseConfirmationCode(' k7qm 3xpd ')).toBe('K7QM-3XPD');
    expect(parseConfirmationCode('K7QM3XPD')).toBe('K7QM-3XPD');
    expect(parseConfirmationCode('K7QM-3XP0')).toBeNull(); // zero is not in the alphabet
    expect(parseConfirmationCode('K7QM-3XPDD')).toBeNull();
  });

  it('derives a 32-character status secret per request from the signing key, never the same for two requests', async () => {
    const ring = staticKeyRing(Buffer.alloc(32, 1));
    const secret = await statusSecret(ring, 'lockton', 'K7QM-3XPD');
    expect(isStatusSecret(secret)).toBe(true);
    expect(isStatusSecret(`${secret}x`)).toBe(false);
    expect(await statusSecret(ring, 'lockton', 'K7QM-3XPD')).toBe(secret);
    expect(await statusSecret(ring, 'lockton', 'K7QM-3XPE')).not.toBe(secret);
    expect(await statusSecret(ring, 'other-town', 'K7QM-3XPD')).not.toBe(secret);
    expect(await statusSecret(staticKeyRing(Buffer.alloc(32, 2)), 'lockton', 'K7QM-3XPD')).not.toBe(secret);
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(secret, 'short')).toBe(false);
  });

  it('opens a status link made with the current or the previous key, and nothing else', async () => {
    const oldKey = Buffer.alloc(32, 1);
    const newKey = Buffer.alloc(32, 2);
    const before = await statusSecret(staticKeyRing(oldKey), 'lockton', 'K7QM-3XPD');
    const after = await statusSecret(staticKeyRing(newKey), 'lockton', 'K7QM-3XPD');
    const rotated = staticKeyRing(newKey, oldKey);
    expect(await opensStatus(rotated, 'lockton', 'K7QM-3XPD', after)).toBe(true);
    expect(await opensStatus(rotated, 'lockton', 'K7QM-3XPD', before)).toBe(true);
    expect(await opensStatus(staticKeyRing(newKey), 'lockton', 'K7QM-3XPD', before)).toBe(false);
    expect(await opensStatus(rotated, 'lockton', 'K7QM-3XPE', after)).toBe(false);
  });
});

describe('household matching', () => {
  const base = { line1: '12 North Elm Street', line2: 'Apartment 4', city: 'Portland', state: 'OR', zip: '97201' };

  it('treats common ways of writing one address as the same', () => {
    const same = [
      { ...base, line1: '12 N. Elm St.', line2: 'Apt 4' },
      { ...base, line1: '12 N ELM ST', line2: '#4', city: 'PORTLAND', zip: '97201-1234' },
      { ...base, line1: '12  north   elm  street, apt 4', line2: undefined },
    ];
    for (const other of same) expect(normalizeAddress(other)).toBe(normalizeAddress(base));
    expect(normalizeAddress({ ...base, line1: 'Calle Peña 5', line2: undefined })).toBe(normalizeAddress({ ...base, line1: 'calle pena 5', line2: undefined }));
  });

  it('keeps different homes apart', () => {
    expect(normalizeAddress({ ...base, line2: 'Apt 5' })).not.toBe(normalizeAddress(base));
    expect(normalizeAddress({ ...base, line1: '12 South Elm Street' })).not.toBe(normalizeAddress(base));
    expect(normalizeAddress({ ...base, zip: '97202' })).not.toBe(normalizeAddress(base));
  });

  const line = (line1: string, city = 'Portland') => normalizeAddress({ ...base, line1, line2: undefined, city });

  it('folds accents on Latin letters only, whichever way they were typed', () => {
    expect(line('5 Nguyễn Trãi')).toBe(line('5 Nguyen Trai'));
    expect(line('5 Nguye\u0302\u0303n Tra\u0303i')).toBe(line('5 Nguyễn Trãi')); // decomposed (NFD) input
    expect(line('3 Rue Émile Zola', 'Montréal')).toBe(line('3 rue emile zola', 'MONTREAL'));
  });

  it('keeps the vowel signs and marks of other scripts, so different streets stay apart', () => {
    const devanagari = ['12 कमल मार्ग', '12 कमला मार्ग', '12 किमल मार्ग', '12 कमल मार्ग'.replace('र्ग', 'रग')];
    const thai = ['5 ซอยสุข', '5 ซอยสิข', '5 ซอยสข', '5 ซอยสุ่ข'];
    const arabic = ['7 شارع المُلك', '7 شارع المَلك', '7 شارع الملك', '7 شارع المِلك'];
    for (const group of [devanagari, thai, arabic]) {
      const keys = group.map((l) => line(l));
      expect(new Set(keys).size, group.join(' / ')).toBe(group.length);
    }
  });

  it('still matches one non-Latin address written the same way, in NFC or NFD, with punctuation and case folded', () => {
    expect(line('12 कमला मार्ग', 'दिल्ली')).toBe(line('12, कमला  मार्ग', 'दिल्ली'));
    expect(line('7 شارع المُلك'.normalize('NFD'))).toBe(line('7 شارع المُلك'));
    expect(line('5 ซอยสุข #3')).toBe(line('5 ซอยสุข apt 3'));
    expect(line('北京路 1号')).toBe(line('北京路 1号'));
    expect(line('北京路 1号')).not.toBe(line('南京路 1号'));
    // A Persian street typed with and without the keyboard's half-space (U+200C) is one street.
    expect(line('12 کوچه مهدی\u200cزاده')).toBe(line('12 کوچه مهدیزاده'));
    expect(line('12 کوچه مهدی\u200cزاده')).not.toBe(line('12 کوچه مهدی زاده 2'));
  });

  it('matches on address, email and phone, per campaign', () => {
    const values = householdMatchValues('lockton', { address: base, email: ' Person@Example.TEST ', phone: '+15035550100' });
    expect(values).toHaveLength(3);
    expect(values[1]).toBe('lockton|email:person@example.test');
    expect(householdMatchValues('other', { phone: '+15035550100' })[0]).not.toBe(values[2]);
    expect(householdMatchValues('lockton', { email: 'a@example.test' })).toHaveLength(1);
  });
});

describe('reservation dates in the campaign’s time zone', () => {
  it('holds until the end of the last day where the site is, whatever the hour of the request', () => {
    // 10:00 in Portland on 2 Nov 2030 (18:00Z) and 20:00 in Portland (04:00Z the next UTC day).
    const morning = holdEnd(new Date('2030-11-02T18:00:00Z'), 7, 'America/Los_Angeles');
    const evening = holdEnd(new Date('2030-11-03T04:00:00Z'), 7, 'America/Los_Angeles');
    expect(morning.toISOString()).toBe('2030-11-10T07:59:59.000Z'); // 23:59:59 PST on 9 Nov
    expect(evening.toISOString()).toBe('2030-11-10T07:59:59.000Z');
    expect(localDate(morning, 'America/Los_Angeles')).toBe('2030-11-09');
  });

  it('gets the end of the day right across a daylight-saving change and in zones without one', () => {
    // DST ends in the US on 3 Nov 2030: the 2nd ends at 23:59:59 PDT (UTC-7).
    expect(endOfLocalDay(new Date('2030-11-02T12:00:00Z'), 'America/Los_Angeles').toISOString()).toBe('2030-11-03T06:59:59.000Z');
    expect(endOfLocalDay(new Date('2030-07-01T12:00:00Z'), 'America/Phoenix').toISOString()).toBe('2030-07-02T06:59:59.000Z');
    expect(endOfLocalDay(new Date('2030-07-01T12:00:00Z'), 'Pacific/Guam').toISOString()).toBe('2030-07-01T13:59:59.000Z');
  });

  it('uses the campaign’s zone, or its state’s main zone', () => {
    expect(campaignTimeZone({ state: 'WA' })).toBe('America/Los_Angeles');
    expect(campaignTimeZone({ state: 'TX', timeZone: 'America/Denver' })).toBe('America/Denver');
    for (const zone of Object.values(STATE_TIME_ZONES)) expect(isTimeZone(zone), zone).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('lock page paths', () => {
  it('builds every lock page path in both languages, and moves a path between them', () => {
    expect(lockPaths('lockton', 'en').status('K7QM-3XPD', 's')).toBe('/c/lockton/get-a-lock/status/K7QM-3XPD/s/');
    expect(lockPaths('lockton', 'es').request).toBe('/es/c/lockton/get-a-lock/request/');
    expect(finderHome('es')).toBe('/es/get-a-lock/');
    expect(inLanguage('/es/c/lockton/get-a-lock/status/A/b/', 'en')).toBe('/c/lockton/get-a-lock/status/A/b/');
    expect(inLanguage('/c/lockton/get-a-lock/status/A/b/', 'es')).toBe('/es/c/lockton/get-a-lock/status/A/b/');
    expect(inLanguage('/es/c/x/', 'es')).toBe('/es/c/x/');
    expect(inLanguage('/c/lockton/get-a-lock/status/A/b/', 'vi')).toBe('/vi/c/lockton/get-a-lock/status/A/b/');
  });
});
