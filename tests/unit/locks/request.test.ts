import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../../../functions/src/domain/validation.ts';
import { localizeFieldErrors } from '../../../functions/src/locks/messages.ts';
import { HIDDEN_CHARACTERS_MESSAGE } from '../../../functions/src/domain/text.ts';
import { HIDDEN_CHARACTERS, ORDINARY_ADDRESS_LINES, ORDINARY_NAMES } from '../../support/typed-text.ts';
import { formToLockRequest, lockRequestSchema, missingAnswers, normalizeUsPhone } from '../../../functions/src/locks/rules/request.ts';

const schema = lockRequestSchema({ languages: ['en', 'es'], householdCap: 2 });

const mail = (overrides: Record<string, unknown> = {}) => ({
  name: 'Test Resident',
  email: 'resident@example.test',
  delivery: 'mail',
  address: { line1: '1 Test Street', city: 'Portland', state: 'OR', zip: '97201' },
  lockType: 'cable',
  quantity: 1,
  language: 'en',
  consent: true,
  ...overrides,
});

/** Field errors as the lock service makes them (locks/service/submit.ts): message keys, localized later. */
function fieldErrors(input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  return result.success ? {} : { ...fieldErrorsOf(result.error.issues) };
}

describe('lock request contract', () => {
  it('accepts a mail request and normalises what people type', () => {
    const parsed = schema.parse(mail({ name: '  Test Resident ', phone: '(503) 555-0188', address: { line1: '1 Test Street', city: 'Portland', state: 'OR', zip: '97201-1234' } }));
    expect(parsed.name).toBe('Test Resident');
    expect(parsed.phone).toBe('+15035550188');
    expect(parsed.address?.zip).toBe('97201');
  });

  it('accepts a pickup request with a phone number and no address', () => {
    const parsed = schema.parse(mail({ delivery: 'pickup', siteId: 'central-library', address: undefined, email: undefined, phone: '503.555.0100' }));
    expect(parsed.siteId).toBe('central-library');
  });

  it('needs an email address or a phone number (either one is enough)', () => {
    expect(fieldErrors(mail({ email: '' }))).toEqual({ email: ['contact.required'] });
  });

  it('names the field for each problem, with dotted names for the address', () => {
    const errors = fieldErrors(
      mail({ name: '', email: 'not-an-email', address: { line1: '', city: 'Portland', state: 'XX', zip: '123' }, quantity: 3, consent: false }),
    );
    expect(errors).toEqual({
      name: ['name.required'],
      email: ['email.invalid'],
      'address.line1': ['address.line1.required'],
      'address.state': ['address.state.invalid'],
      'address.zip': ['address.zip.invalid'],
      quantity: ['quantity.range'],
      consent: ['consent.required'],
    });
  });

  it('rejects a ZIP code from another state, and one that does not exist', () => {
    expect(fieldErrors(mail({ address: { line1: '1 A St', city: 'Seattle', state: 'OR', zip: '98101' } }))).toEqual({
      'address.zip': ['address.zip.state'],
    });
    expect(fieldErrors(mail({ address: { line1: '1 A St', city: 'X', state: 'OR', zip: '99999' } }))).toEqual({
      'address.zip': ['address.zip.unknown'],
    });
  });

  it('accepts territories, where mail also goes', () => {
    expect(fieldErrors(mail({ address: { line1: '1 Calle Sol', city: 'Adjuntas', state: 'PR', zip: '00601' } }))).toEqual({});
  });

  it('rejects fields the form does not have, including anything about firearms', () => {
    // Reported on the unknown field itself, so a client sees which one to drop.
    expect(fieldErrors(mail({ firearms: 2 }))).toEqual({ firearms: ['unknown'] });
    expect(Object.keys(fieldErrors(mail({ address: { line1: '1 A St', city: 'Portland', state: 'OR', zip: '97201', county: 'X' } })))).toEqual(['address.county']);
  });

  it('requires a site for pickup and an address for mail', () => {
    expect(fieldErrors(mail({ delivery: 'pickup', address: undefined }))).toEqual({ siteId: ['siteId.required'] });
    expect(fieldErrors(mail({ address: undefined }))).toEqual({ 'address.line1': ['address.line1.required'] });
  });

  it('only offers the campaign’s languages', () => {
    expect(fieldErrors(mail({ language: 'vi' }))).toEqual({ language: ['language.invalid'] });
    const withVi = lockRequestSchema({ languages: ['en', 'es', 'vi'], householdCap: 2 });
    expect(withVi.safeParse(mail({ language: 'vi' })).success).toBe(true);
  });
});

describe('form posts', () => {
  it('read the same as JSON: dotted address names, a checked box, empty fields dropped', () => {
    const body = formToLockRequest({
      name: 'Test Resident',
      email: 'resident@example.test',
      phone: '',
      delivery: 'mail',
      siteId: '',
      'address.line1': '1 Test Street',
      'address.line2': '',
      'address.city': 'Portland',
      'address.state': 'OR',
      'address.zip': '97201',
      lockType: 'box',
      quantity: '2',
      language: 'es',
      consent: 'yes',
    });
    const parsed = schema.parse(body);
    expect(parsed).toMatchObject({ quantity: 2, consent: true, address: { line1: '1 Test Street', zip: '97201' } });
    expect(parsed.address?.line2).toBeUndefined();
    expect(parsed.phone).toBeUndefined();
  });

  it('treat an unchecked consent box as missing', () => {
    const body = formToLockRequest({ ...Object.fromEntries(Object.entries(mail()).map(([k, v]) => [k, String(v)])), consent: '' });
    expect(schema.safeParse(body).success).toBe(false);
  });
});

describe('messages', () => {
  it('are given in the person’s language', () => {
    expect(localizeFieldErrors({ 'address.zip': ['address.zip.state'] }, 'es')).toEqual({
      'address.zip': ['Este código postal no corresponde al estado que eligió'],
    });
    expect(localizeFieldErrors({ email: ['contact.required'] }, 'en').email?.[0]).toMatch(/^Enter an email address or a phone number/);
  });

  it('normalise US phone numbers and refuse others', () => {
    expect(['503-555-0100', '+1 (503) 555-0100', '15035550100'].map(normalizeUsPhone)).toEqual(['+15035550100', '+15035550100', '+15035550100']);
    expect(['555-0100', '+44 20 7946 0958', '003-555-0100'].map(normalizeUsPhone)).toEqual([null, null, null]);
  });
});

describe('answers that depend on other answers', () => {
  it('are listed with the other problems, not only after those are fixed', () => {
    expect(missingAnswers({ delivery: 'pickup', email: ' ', name: '' })).toEqual({ email: ['contact.required'], siteId: ['siteId.required'] });
    expect(missingAnswers({ delivery: 'mail', phone: '503-555-0100' })).toEqual({ 'address.line1': ['address.line1.required'] });
    expect(missingAnswers('not an object')).toEqual({ email: ['contact.required'] });
  });
});

describe('text the schema refuses', () => {
  const base = {
    name: 'Ana',
    email: 'ana@example.test',
    delivery: 'mail',
    address: { line1: '1 Test Way', city: 'Portland', state: 'OR', zip: '97201' },
    lockType: 'cable',
    quantity: 1,
    language: 'es',
    consent: true,
  };
  const fieldsOf = (input: unknown) => {
    const result = schema.safeParse(input);
    return result.success ? {} : localizeFieldErrors(Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), [i.message]])), 'es');
  };

  it.each([
    ['a bidi override in the name', { name: 'Ana\u202eanA' }, 'name'],
    ['a zero-width space in the name', { name: 'An\u200ba' }, 'name'],
    ['a control character in the name', { name: 'Ana\u0007' }, 'name'],
    ['a line break in an address line', { address: { ...base.address, line1: '1 Test\nWay' } }, 'address.line1'],
    ['a zero-width no-break space inside the city', { address: { ...base.address, city: 'Port\ufeffland' } }, 'address.city'],
    ['an isolate in the second line', { address: { ...base.address, line2: 'Apt \u20664' } }, 'address.line2'],
  ])('refuses %s, with a message in the person’s language', (_what, change, field) => {
    expect(fieldsOf({ ...base, ...change })[field]).toEqual(['Quite los caracteres ocultos o de formato especial (pueden venir de copiar y pegar)']);
  });

  it('takes names and addresses in any script', () => {
    expect(schema.safeParse({ ...base, name: 'Nguyễn Thị Mai', address: { ...base.address, line1: '北京路 1号' } }).success).toBe(true);
    expect(schema.safeParse({ ...base, name: 'Иван Петров' }).success).toBe(true);
  });
});

describe('hidden characters, in every text field of a lock request', () => {
  const base = {
    name: 'Ana',
    email: 'ana@example.test',
    phone: '503-555-0100',
    delivery: 'mail',
    address: { line1: '1 Test Way', line2: 'Apt 4', city: 'Portland', state: 'OR', zip: '97201' },
    lockType: 'cable',
    quantity: 1,
    language: 'es',
    consent: true,
  };
  const pickup = { ...base, delivery: 'pickup', siteId: 'central-library', address: undefined };
  /** Each text field, and the request with `c` put inside its value (never at the ends, which trimming cleans). */
  const fields: readonly (readonly [string, (c: string) => Record<string, unknown>])[] = [
    ['name', (c) => ({ ...base, name: `An${c}a` })],
    ['email', (c) => ({ ...base, email: `ana${c}@example.test` })],
    ['phone', (c) => ({ ...base, phone: `503-555${c}-0100` })],
    ['address.line1', (c) => ({ ...base, address: { ...base.address, line1: `1 Test${c} Way` } })],
    ['address.line2', (c) => ({ ...base, address: { ...base.address, line2: `Apt${c} 4` } })],
    ['address.city', (c) => ({ ...base, address: { ...base.address, city: `Port${c}land` } })],
    ['address.zip', (c) => ({ ...base, address: { ...base.address, zip: `972${c}01` } })],
    ['siteId', (c) => ({ ...pickup, siteId: `central${c}-library` })],
  ];
  const cases = fields.flatMap(([field, withChar]) => HIDDEN_CHARACTERS.map(([what, c]) => [field, what, withChar(c)] as const));

  it('accepts the request without them', () => {
    expect(schema.safeParse(base).success).toBe(true);
    expect(schema.safeParse(pickup).success).toBe(true);
  });

  it.each(cases)('refuses %s holding %s, with only that field’s message, in the person’s language', (field, _what, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!.issues);
    expect({ ...errors }).toEqual({ [field]: ['text.hidden'] });
    expect(localizeFieldErrors({ ...errors }, 'es')[field]).toEqual([HIDDEN_CHARACTERS_MESSAGE.es]);
    expect(localizeFieldErrors({ ...errors }, 'en')[field]).toEqual([HIDDEN_CHARACTERS_MESSAGE.en]);
  });

  it.each(ORDINARY_NAMES)('takes the name %s', (name) => {
    const parsed = schema.parse({ ...base, name });
    expect(parsed.name).toBe(name.normalize('NFC'));
  });

  it.each(ORDINARY_ADDRESS_LINES)('takes the address line %s, and a city in another script', (line1) => {
    expect(schema.safeParse({ ...base, address: { ...base.address, line1, city: 'ポートランド' } }).success).toBe(true);
  });
});
