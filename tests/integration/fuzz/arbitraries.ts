import fc from 'fast-check';

/**
 * Hostile inputs, shared by every fuzz file: odd Unicode, wrong types, huge and nested values,
 * mutated bodies built from the real schemas' fields, lying headers and path tricks.
 */

/** Strings a person or a script could send that code tends to get wrong. */
const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udc00y',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  '\u200b',
  '\u200d\u200d',
  '\ufeff',
  '\u2028\u2029',
  `a${'\u0301'.repeat(500)}`,
  'Z̷̛̖̈́a̴̗̿l̸̠̈g̶̣̈o̷̧̚',
  '山田 太郎',
  'محمد عبد الله',
  'Нгуен Ван Ан',
  'देवनागरी नाम',
  'Nguyễn Văn An',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈🇺🇸',
  '\u{1F600}'.repeat(50),
  '../../../etc/passwd',
  '%2e%2e%2f',
  '%00',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '=HYPERLINK("http://x")',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'true',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '97201',
  '97201-1234',
  '０９７２０１',
  '٩٧٢٠١',
];

export const specialString = fc.constantFrom(...SPECIAL_STRINGS);

/** Any text at all: plain, full Unicode, control characters, specials, huge. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: specialString },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(specialString, fc.string({ maxLength: 10 }), specialString).map(([a, b, c]) => `${a}${b}${c}`) },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 6000 }).chain((n) => fc.constantFrom('a', 'é', '😀', '\u0301', '山').map((c) => c.repeat(n))) },
);

/** Any JSON value, with the shapes schemas most often mishandle. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1.5, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 53) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A key no schema has: unknown names, prototype names, hostile text. */
export const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'extra', 'id', 'status', 'admin', '', ' '), hostileText);

/** One change to a body: set a field to a hostile value, drop it, or add a key no schema has. */
export type Mutation = { op: 'set'; path: string[]; value: unknown } | { op: 'drop'; path: string[] } | { op: 'add'; path: string[]; value: unknown };

export function mutationOf(fields: readonly string[][]): fc.Arbitrary<Mutation> {
  const add = fc.tuple(hostileKey, hostileValue).map(([key, value]): Mutation => ({ op: 'add', path: [key], value }));
  if (!fields.length) return add;
  const field = fc.constantFrom(...fields);
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), path: field, value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), path: field }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom<string[]>([], ...fields.filter((f) => f.length > 1).map((f) => f.slice(0, -1))), hostileKey, hostileValue)
        .map(([parent, key, value]) => ({ op: 'add' as const, path: [...parent, key], value })),
    },
  );
}

/** A body with the mutations applied (own properties only, so `__proto__` is a plain key). */
export function applyMutations(base: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const out = structuredClone(base);
  for (const m of mutations) {
    let target: Record<string, unknown> = out;
    for (const part of m.path.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(target, part) ? target[part] : undefined;
      if (!next || typeof next !== 'object' || Array.isArray(next)) {
        Object.defineProperty(target, part, { value: {}, enumerable: true, writable: true, configurable: true });
      }
      target = target[part] as Record<string, unknown>;
    }
    const last = m.path.at(-1)!;
    if (m.op === 'drop') delete target[last];
    else Object.defineProperty(target, last, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Field paths of a body (`['address', 'zip']`), from a valid sample. */
export function fieldsOf(body: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(body).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value) ? [[...prefix, key], ...fieldsOf(value as Record<string, unknown>, [...prefix, key])] : [[...prefix, key]],
  );
}

/** A body flattened the way the HTML forms name fields (`address.zip`), with ticked boxes as `yes`. */
export function toFormFields(body: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(body).flatMap(([key, value]): [string, string][] => {
    const name = `${prefix}${key}`;
    if (value && typeof value === 'object' && !Array.isArray(value)) return toFormFields(value as Record<string, unknown>, `${name}.`);
    if (value === true) return [[name, 'yes']];
    if (value === false || value === undefined) return [];
    if (typeof value === 'string') return [[name, value]];
    return [[name, JSON.stringify(value) ?? '']];
  });
}

/** Header values an HTTP server can deliver: visible Latin-1 and tabs, no CR, LF or NUL. */
export const headerText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_.,;:=/*"\'(){}<>@?!%+&~`^|\\[]\t'.split(''), '\u00e9', '\u00ff', '\u0080'), maxLength: 60 }),
  fc.constantFrom('', ' ', '*', 'null', '\u00ff\u00fe', 'é', '%00', '../..'),
  fc.integer({ min: 1000, max: 12_000 }).map((n) => 'h'.repeat(n)),
);

export const acceptLanguage = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('en', 'es', 'es-MX', 'es-419,es;q=0.9,en;q=0.8', 'en-US,en;q=0.9', 'es;q=0.1, en;q=0.9', 'en;q=0.1, es', 'ES', '*', 'zz', 'vi', 'es_MX', '') },
  { weight: 1, arbitrary: headerText },
);

export const secFetchSite = fc.oneof(
  { weight: 6, arbitrary: fc.constant('same-origin') },
  { weight: 1, arbitrary: fc.constantFrom('none', 'same-site', 'cross-site', 'SAME-ORIGIN', ' same-origin ') },
  { weight: 1, arbitrary: headerText },
);

/** Extra headers a hostile client adds: lying origins, junk keys, junk credentials, huge values. */
export const junkHeaders = fc.dictionary(
  fc.constantFrom('origin', 'idempotency-key', 'authorization', 'cookie', 'x-forwarded-for', 'cloudfront-viewer-address', 'x-lockline-origin', 'if-none-match', 'range', 'x-junk', 'content-language', 'referer'),
  headerText,
  { maxKeys: 3 },
);

export const contentTypeLie = fc.constantFrom(
  'text/plain',
  'application/json; charset=utf-16',
  'application/JSON',
  'application/json;',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=zz',
  'application/x-www-form-urlencoded; charset=latin1',
  'application/xml',
  'application/octet-stream',
  '',
  '*/*',
  'text/html',
);

/** Query string tricks: repeats, unknown keys, broken percent-encoding, huge values. */
export function queryOf(known: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const pair = fc.oneof(
    ...Object.entries(known).map(([key, value]) => fc.tuple(fc.constant(key), value)),
    fc.tuple(hostileKey, hostileText),
  );
  const encoded = fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&'));
  const raw = fc.constantFrom('%', '%E0%A4%A', 'a=%ZZ', '=&=&', '&&&', 'zip', 'zip=', 'zip=97201&zip=97201', '__proto__=x', 'constructor=1', '%00=%00', 'a[]=1&a[b]=2', `zip=${'9'.repeat(5000)}`);
  return fc.oneof({ weight: 4, arbitrary: encoded }, { weight: 1, arbitrary: raw }, { weight: 1, arbitrary: fc.constant('') });
}

/** A path parameter: the given good values most of the time, or anything at all. */
export function paramOf(...good: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...good).map((g) => g.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...good).chain((g) => fc.nat({ max: Math.max(0, g.length - 1) }).map((i) => `${g.slice(0, i)}${g[i] === 'A' ? 'B' : 'A'}${g.slice(i + 1)}`)) },
    { weight: 2, arbitrary: hostileText },
  );
}

/** Puts a parameter into a path: encoded as a client would, or raw, or double-encoded. */
export const encodingOf = fc.constantFrom('encoded', 'encoded', 'encoded', 'raw', 'double') as fc.Arbitrary<'encoded' | 'raw' | 'double'>;

export function encodeParam(value: string, how: 'encoded' | 'raw' | 'double'): string {
  if (how === 'raw') return value.replace(/[?#\s]/g, (c) => encodeURIComponent(c));
  const once = percentEncode(value);
  return how === 'double' ? encodeURIComponent(once) : once;
}

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) is sent as the bytes a
 * careless client would send for it (WTF-8, not valid UTF-8): the server must cope with those too.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}
