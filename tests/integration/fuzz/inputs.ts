import fc from 'fast-check';
import { z } from 'zod';
import type { SiteLocale } from '../../../functions/src/domain/locales.ts';
import { pathLocale, preferredLocale } from '../../../functions/src/platform/http/locale.ts';
import { csrfToken } from '../../../functions/src/staff/sign-in/session.ts';
import {
  acceptLanguage,
  applyMutations,
  contentTypeLie,
  encodeParam,
  encodingOf,
  fieldsOf,
  hostileKey,
  hostileText,
  junkHeaders,
  mutationOf,
  secFetchSite,
  toFormFields,
} from './arbitraries.ts';
import type { Expectation } from './checks.ts';
import type { FuzzHarness } from './harness.ts';

/**
 * One generated request, as plain data (so fast-check can print and shrink it), and how it is
 * turned into a real request: a fresh form token, a staff token or session, the CSRF token.
 */
export type Body =
  | { kind: 'json'; text: string }
  | { kind: 'form' | 'multipart'; pairs: [string, string][] }
  | { kind: 'bytes'; bytes: number[] }
  | { kind: 'none' };

export type Auth =
  | { kind: 'none' }
  | { kind: 'junk'; header: 'authorization' | 'cookie'; value: string }
  | { kind: 'bearer'; groups: string[] }
  | { kind: 'cookie'; groups: string[]; csrf: 'fresh' | 'none' | 'junk' };

export interface FuzzInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Body;
  /** The form token: a fresh one (in the header for JSON, the field for forms), none, or this junk. */
  token: { kind: 'fresh' } | { kind: 'none' } | { kind: 'junk'; value: string };
  /** Where a honeypot value goes (forms): empty, as a person leaves it, or filled. */
  honeypot: string | null;
  auth: Auth;
}

/** Valid sample bodies: each fuzzed body starts from one of these and is mutated. */
export interface BodyModel {
  samples: Record<string, unknown>[];
  /** Field paths to mutate: the real schema's and the samples'. */
  fields: string[][];
  /** How the body usually travels. */
  prefer: 'json' | 'form' | 'any';
}

/** Field paths of a zod object schema, through effects, optionals, defaults and pipelines. */
export function schemaFields(schema: z.ZodTypeAny, prefix: string[] = []): string[][] {
  let s: z.ZodTypeAny = schema;
  for (;;) {
    if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s.removeDefault();
    else if (s instanceof z.ZodPipeline) s = s._def.in;
    else break;
  }
  if (!(s instanceof z.ZodObject)) return [];
  return Object.entries(s.shape as Record<string, z.ZodTypeAny>).flatMap(([key, child]) => [[...prefix, key], ...schemaFields(child, [...prefix, key])]);
}

export function bodyModel(samples: Record<string, unknown>[], schema: z.ZodTypeAny | null, prefer: BodyModel['prefer']): BodyModel {
  const seen = new Map<string, string[]>();
  for (const path of [...(schema ? schemaFields(schema) : []), ...samples.flatMap((s) => fieldsOf(s))]) seen.set(path.join('.'), path);
  return { samples, fields: [...seen.values()], prefer };
}

/** Bodies from a model: mutated, then sent as JSON, a form, multipart, or raw junk. */
export function bodyOf(model: BodyModel | null, maxBytes: number): fc.Arbitrary<Body> {
  const junk: fc.Arbitrary<Body> = fc.oneof(
    fc.constant<Body>({ kind: 'none' }),
    fc.constantFrom('', '{', '[]', 'null', '"text"', '1', '{"a":', '\ufeff{}', '{"a":1,"a":2}').map((text): Body => ({ kind: 'json', text })),
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }).map((bytes): Body => ({ kind: 'bytes', bytes })),
    fc.integer({ min: maxBytes - 64, max: maxBytes * 3 }).map((n): Body => ({ kind: 'json', text: `{"name":"${'x'.repeat(n)}"}` })),
    fc.array(fc.tuple(hostileKey, hostileText), { maxLength: 4 }).map((pairs): Body => ({ kind: 'form', pairs })),
  );
  if (!model) return junk;
  const fields = model.fields;
  const mutated = fc.tuple(fc.constantFrom(...model.samples), fc.array(mutationOf(fields), { minLength: 0, maxLength: 3 })).map(([sample, ms]) => applyMutations(sample, ms));
  const parents = [...new Set(fields.filter((f) => f.length > 1).map((f) => f[0]!))];
  const extraPairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fields.map((f) => f.join('.')), ...parents, 'language[]', 'formToken', 'website', 'csrf'), hostileKey), hostileText), { maxLength: 2 });
  const asJson = mutated.map((b): Body => ({ kind: 'json', text: JSON.stringify(b) }));
  const truncated = fc.tuple(mutated, fc.nat()).map(([b, n]): Body => {
    const text = JSON.stringify(b);
    return { kind: 'json', text: text.slice(0, n % Math.max(1, text.length)) };
  });
  const asForm = (kind: 'form' | 'multipart') => fc.tuple(mutated, extraPairs).map(([b, extra]): Body => ({ kind, pairs: [...toFormFields(b), ...extra] }));
  const weights = model.prefer === 'json' ? [6, 1, 1] : model.prefer === 'form' ? [1, 6, 2] : [4, 4, 1];
  return fc.oneof(
    { weight: weights[0]!, arbitrary: asJson },
    { weight: weights[1]!, arbitrary: asForm('form') },
    { weight: weights[2]!, arbitrary: asForm('multipart') },
    { weight: 1, arbitrary: truncated },
    { weight: 1, arbitrary: junk },
  );
}

export interface RouteShape {
  method: string;
  /** The route's pattern with `:params`. */
  pattern: string;
  params: Record<string, fc.Arbitrary<string>>;
  query: fc.Arbitrary<string> | null;
  body: BodyModel | null;
  /** A public POST that passes the anti-abuse guard (form token, honeypot). */
  guarded: boolean;
  auth: fc.Arbitrary<Auth>;
}

const noAuth = fc.constant<Auth>({ kind: 'none' });

export function inputOf(shape: RouteShape, maxBytes: number): fc.Arbitrary<FuzzInput> {
  const paramNames = [...shape.pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const params = fc.tuple(...paramNames.map((name) => fc.tuple(shape.params[name] ?? hostileText, encodingOf)));
  const query = shape.query ?? fc.constant('');
  const headers = fc.record({ 'accept-language': acceptLanguage, 'sec-fetch-site': secFetchSite, extra: junkHeaders, lie: fc.option(contentTypeLie, { freq: 6 }) });
  const body = shape.method === 'GET' ? fc.constant<Body>({ kind: 'none' }) : bodyOf(shape.body, maxBytes);
  const token = shape.guarded
    ? fc.oneof({ weight: 8, arbitrary: fc.constant({ kind: 'fresh' as const }) }, { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) }, { weight: 1, arbitrary: hostileText.map((value) => ({ kind: 'junk' as const, value })) })
    : fc.constant({ kind: 'none' as const });
  const honeypot = shape.guarded ? fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileText }) : fc.constant(null);
  return fc.record({ params, query, headers, body, token, honeypot, auth: shape.auth ?? noAuth }).map(({ params: values, query: q, headers: h, body: b, token: t, honeypot: hp, auth }) => {
    let i = 0;
    const path = shape.pattern.replace(/:(\w+)/g, () => {
      const [value, how] = values[i++]!;
      return encodeParam(value, how);
    });
    const all: Record<string, string> = { ...h.extra, 'accept-language': h['accept-language'], 'sec-fetch-site': h['sec-fetch-site'] };
    const type = { json: 'application/json', form: 'application/x-www-form-urlencoded', multipart: 'multipart/form-data', bytes: 'application/octet-stream', none: '' }[b.kind];
    if (h.lie !== null) all['content-type'] = h.lie;
    else if (type && b.kind !== 'multipart') all['content-type'] = type;
    return { method: shape.method, path: q ? `${path}?${q}` : path, headers: all, body: b, token: t, honeypot: hp, auth } satisfies FuzzInput;
  });
}

/** The language a JSON answer and a page answer must be in, as the request asked for it. */
export function expectationOf(input: FuzzInput): Expectation {
  // The server reads a body as its Content-Type says: a form sent under another type has no fields.
  const declared = input.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const readable = (input.body.kind === 'form' && declared === 'application/x-www-form-urlencoded') || (input.body.kind === 'multipart' && declared === undefined);
  const pairs = readable && (input.body.kind === 'form' || input.body.kind === 'multipart') ? input.body.pairs : [];
  const language = pairs.filter(([k]) => k === 'language').at(-1)?.[1];
  // The path as the app sees it: dot segments resolved, as the URL parser does.
  const pathname = new URL(`http://localhost${input.path.split('?')[0]!}`).pathname;
  let pageLocale: SiteLocale = pathLocale(safeDecode(pathname));
  // A no-JavaScript form posted straight to the API answers in the form's language.
  if (pathname.startsWith('/api/')) pageLocale = language === 'es' ? 'es' : 'en';
  // The staff sign-in callback answers in the language its state carries.
  if (pathname === '/staff/callback') pageLocale = new URLSearchParams(input.path.split('?')[1] ?? '').get('state')?.startsWith('es.') ? 'es' : 'en';
  return { apiLocale: preferredLocale(input.headers['accept-language'] ?? ''), pageLocale };
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** The request a generated input stands for, with fresh tokens where it asks for them. */
export async function requestOf(h: FuzzHarness, input: FuzzInput): Promise<RequestInit> {
  const headers: Record<string, string> = { ...input.headers };
  const token = input.token.kind === 'fresh' ? await h.formToken() : input.token.kind === 'junk' ? input.token.value : undefined;
  let csrf: string | undefined;
  if (input.auth.kind === 'junk') headers[input.auth.header] = input.auth.value;
  if (input.auth.kind === 'bearer') headers.authorization = `Bearer ${await h.staffToken(input.auth.groups)}`;
  if (input.auth.kind === 'cookie') {
    const session = await h.staffToken(input.auth.groups);
    headers.cookie = `lockline-staff=${session}`;
    csrf = input.auth.csrf === 'fresh' ? await csrfToken(h.deps.keyRing, session) : input.auth.csrf === 'junk' ? 'x'.repeat(43) : undefined;
  }
  const body = input.body;
  if (body.kind === 'json') {
    if (token !== undefined) headers['form-token'] = headerSafe(token);
    if (csrf) headers['x-csrf-token'] = csrf;
    return { method: input.method, headers, body: body.text };
  }
  if (body.kind === 'form' || body.kind === 'multipart') {
    const pairs: [string, string][] = [...body.pairs];
    if (token !== undefined) pairs.push(['formToken', token]);
    if (input.honeypot !== null) pairs.push(['website', input.honeypot]);
    if (csrf) pairs.push(['csrf', csrf]);
    if (body.kind === 'form') return { method: input.method, headers, body: new URLSearchParams(pairs).toString() };
    const form = new FormData();
    for (const [k, v] of pairs) form.append(k, v);
    return { method: input.method, headers, body: form };
  }
  if (body.kind === 'bytes') return { method: input.method, headers, body: new Uint8Array(body.bytes) };
  if (token !== undefined && input.method !== 'GET') headers['form-token'] = headerSafe(token);
  if (csrf) headers['x-csrf-token'] = csrf;
  return { method: input.method, headers };
}

/** A header can only carry Latin-1 without CR, LF or NUL: anything else is sent as its UTF-8 bytes' Latin-1 reading. */
function headerSafe(value: string): string {
  const bytes = Buffer.from(value.replace(/[\r\n\0]/g, ''), 'utf8');
  return bytes.toString('latin1').trim();
}
