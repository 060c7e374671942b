import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formToPledgeInput, pledgeInputSchema } from '../../../functions/src/pledges/rules/input.ts';
import { linkExpiry, parseToken } from '../../../functions/src/pledges/rules/links.ts';
import { newPledge, PLEDGE_SHARDS, repeatEmail, repeatStep, shardOf, type PledgeRecord } from '../../../functions/src/pledges/rules/record.ts';
import { pledgePaths, NATIONAL_SCOPE } from '../../../functions/src/pledges/rules/scope.ts';
import { campaignSchema } from '../../../functions/src/domain/campaign.ts';
import { PLATFORM_PLEDGE, pledgeOf, pledgeTextIn } from '../../../functions/src/domain/pledge.ts';
import { buildCampaign } from '../../support/builders.ts';
import { fieldErrorsOf } from '../../../functions/src/domain/validation.ts';
import { HIDDEN_CHARACTERS_MESSAGE } from '../../../functions/src/domain/text.ts';
import { localizeFieldErrors } from '../../../functions/src/pledges/messages.ts';
import { HIDDEN_CHARACTERS, ORDINARY_NAMES } from '../../support/typed-text.ts';

const schema = pledgeInputSchema(['en', 'es', 'vi']);
const valid = { name: ' Ana  ', email: ' Ana@Example.com ', zip: '97201-1234', language: 'vi' };

describe('pledge input', () => {
  it('trims, keeps the address as typed, cuts ZIP+4 to five digits, and defaults both boxes to false', () => {
    expect(schema.parse(valid)).toEqual({ name: 'Ana', email: 'Ana@Example.com', zip: '97201', language: 'vi', updates: false, wantsLock: false });
  });

  it('reports every problem at once, as message keys', () => {
    const result = schema.safeParse({ email: 'x', zip: '00000', language: 'fr', updates: 'yes', other: 1 });
    expect(result.success).toBe(false);
    const keys = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.') || (i as { keys?: string[] }).keys?.join(','), i.message]));
    expect(keys).toEqual({ name: 'name.required', email: 'email.invalid', zip: 'zip.unknown', language: 'language.invalid', updates: 'updates.invalid', other: 'unknown' });
  });

  it('says an empty address is missing, once, and a malformed one is malformed', () => {
    const messages = (email: string) => schema.safeParse({ ...valid, email }).error?.issues.map((i) => i.message);
    expect(messages('  ')).toEqual(['email.required']);
    expect(messages('a@b')).toEqual(['email.invalid']);
  });

  it('reads a form post: a ticked box is true, an unticked one absent', () => {
    expect(formToPledgeInput({ name: 'A', updates: 'yes', wantsLock: 'no' })).toEqual({ name: 'A', updates: true });
  });
});

describe('hidden characters, in every text field of a pledge', () => {
  const fields: readonly (readonly [string, (c: string) => Record<string, unknown>])[] = [
    ['name', (c) => ({ ...valid, name: `An${c}n` })],
    ['email', (c) => ({ ...valid, email: `ann${c}@example.com` })],
    ['zip', (c) => ({ ...valid, zip: `972${c}01` })],
  ];
  const cases = fields.flatMap(([field, withChar]) => HIDDEN_CHARACTERS.map(([what, c]) => [field, what, withChar(c)] as const));

  it('refuses the review’s example, a bidi override and a zero-width space in the name', () => {
    expect(schema.safeParse({ ...valid, name: 'Ann\u202eevil\u200b' }).error?.issues.map((i) => i.message)).toEqual(['text.hidden']);
  });

  it.each(cases)('refuses %s holding %s, with only that field’s message, in the person’s language', (field, _what, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const errors = { ...fieldErrorsOf(result.error!.issues) };
    expect(errors).toEqual({ [field]: ['text.hidden'] });
    expect(localizeFieldErrors(errors, 'es')[field]).toEqual([HIDDEN_CHARACTERS_MESSAGE.es]);
    expect(localizeFieldErrors(errors, 'en')[field]).toEqual([HIDDEN_CHARACTERS_MESSAGE.en]);
  });

  it.each(ORDINARY_NAMES)('takes the name %s', (name) => {
    expect(schema.parse({ ...valid, name }).name).toBe(name.normalize('NFC'));
  });
});

describe('the pledge text', () => {
  it('defaults to the platform’s wording and takes a campaign’s own, versioned, in English and Spanish at least', () => {
    expect(pledgeOf(null)).toBe(PLATFORM_PLEDGE);
    expect(pledgeOf(buildCampaign())).toBe(PLATFORM_PLEDGE);
    const own = { version: 3, text: { en: 'I will keep firearms locked at home, always.', es: 'Guardaré las armas bajo llave en casa, siempre.' } };
    const campaign = campaignSchema.parse({ ...buildCampaign(), pledge: own });
    expect(pledgeOf(campaign)).toEqual(own);
    expect(pledgeTextIn(own, 'vi')).toBe(own.text.en);
    expect(campaignSchema.safeParse({ ...buildCampaign(), pledge: { version: 1, text: { en: own.text.en } } }).success).toBe(false);
  });
});

describe('pledge records', () => {
  const at = new Date('2026-11-25T12:00:00Z');
  const record = (over: Partial<PledgeRecord> = {}): PledgeRecord => ({
    ...newPledge('x', { name: 'A', email: 'a@example.test', zip: '97201', language: 'en', updates: false }, { emailKey: 'k'.repeat(32), nonce: 'n'.repeat(16), pledgeVersion: 1, at }),
    ...over,
  });

  it('starts unconfirmed, gone after 7 days', () => {
    expect(record()).toMatchObject({ status: 'unconfirmed', expiresAt: at.getTime() / 1000 + 7 * 86_400, lastEmailedAt: at.toISOString() });
  });

  it('resends to a repeat at most once a day, never after an unsubscribe', () => {
    const later = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
    expect(repeatEmail(record(), later(23))).toBeNull();
    expect(repeatEmail(record(), later(24))).toBe('confirm');
    expect(repeatEmail(record({ status: 'confirmed' }), later(24))).toBe('already');
    expect(repeatEmail(record({ unsubscribedAt: at.toISOString() }), later(48))).toBeNull();
  });

  it('lets a repeat’s message claim the day’s email, send it again only on its own retry, and drop it otherwise', () => {
    const later = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
    expect(repeatStep(record(), 'entry-1', later(23))).toEqual({ step: 'drop' });
    expect(repeatStep(record(), 'entry-1', later(25))).toEqual({ step: 'claim', kind: 'confirm' });
    expect(repeatStep(record({ status: 'confirmed' }), 'entry-1', later(25))).toEqual({ step: 'claim', kind: 'already' });
    const claimed = record({ lastEmailedAt: later(25).toISOString(), emailedBy: 'entry-1', status: 'confirmed' });
    expect(repeatStep(claimed, 'entry-1', later(26))).toEqual({ step: 'send', kind: 'already' });
    expect(repeatStep(claimed, 'entry-2', later(26))).toEqual({ step: 'drop' });
    expect(repeatStep({ ...claimed, unsubscribedAt: later(25).toISOString() }, 'entry-1', later(26))).toEqual({ step: 'drop' });
  });

  it('spreads match keys evenly over the shards, and always puts one key on the same shard', () => {
    // Keyed hashes look like these: uniform base64url. Fixed inputs, so the test is the same every run.
    const keys = Array.from({ length: 20_000 }, (_, i) => createHash('sha256').update(`address-${i}`).digest('base64url').slice(0, 32));
    const perShard = new Array<number>(PLEDGE_SHARDS).fill(0);
    for (const key of keys) perShard[shardOf(key)]! += 1;
    const mean = keys.length / PLEDGE_SHARDS;
    for (const n of perShard) expect(Math.abs(n - mean) / mean).toBeLessThan(0.1);
    expect(shardOf(keys[0]!)).toBe(shardOf(keys[0]!));
  });
});

describe('link tokens and paths', () => {
  it('parse only well-formed tokens', () => {
    const token = `c${(1_800_000_000).toString(36)}.${'A'.repeat(32)}.${'B'.repeat(16)}.${'C'.repeat(32)}`;
    expect(parseToken(token)?.claims).toEqual({ kind: 'confirm', expires: 1_800_000_000, emailKey: 'A'.repeat(32), nonce: 'B'.repeat(16) });
    for (const bad of ['', token.replace(/^c/, 'x'), `${token}.x`, token.slice(0, -1), token.replace('.', '/')]) expect(parseToken(bad)).toBeNull();
  });

  it('let confirming work for 7 days and leaving for as long as the details could be kept', () => {
    const record = { pledgedAt: '2026-01-01T00:00:00.000Z' };
    const start = Date.parse(record.pledgedAt) / 1000;
    expect(linkExpiry('confirm', record)).toBe(start + 7 * 86_400);
    expect(linkExpiry('unsubscribe', record)).toBe(start + 737 * 86_400);
    expect(linkExpiry('delete', record)).toBe(start + 737 * 86_400);
  });

  it('put the national pledge at /pledge/ and a campaign’s under /c/<slug>/, in both languages', () => {
    expect(pledgePaths(NATIONAL_SCOPE, 'en').form).toBe('/pledge/');
    expect(pledgePaths('springfield', 'es').confirm('t')).toBe('/es/c/springfield/pledge/confirm/t/');
    expect(pledgePaths(NATIONAL_SCOPE, 'es').countFrame).toBe('/es/pledge-count/');
  });
});
