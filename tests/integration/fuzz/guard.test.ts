import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientBucket } from '../../../functions/src/platform/abuse/client-bucket.ts';
import { formTokens } from '../../../functions/src/platform/abuse/form-token.ts';
import { keyedHash } from '../../../functions/src/platform/secrets/key-ring.ts';
import { acceptLanguage, hostileText } from './arbitraries.ts';
import { answerOf, checkAnswer } from './checks.ts';
import { fuzzHarness, type FuzzHarness } from './harness.ts';
import { expectationOf, type FuzzInput } from './inputs.ts';
import { expectNothingUnexplained, report, sent } from './runner.ts';
import { FUZZ_RUNS, FUZZ_SEED, SHARES, seedFor, timeoutFor } from './settings.ts';

/**
 * The anti-abuse guard of every public POST, fuzzed with its real limits (decision 0009): each
 * input breaks at least one rule (sent from another site, a malformed Idempotency-Key, a missing,
 * junk, forged, expired or too-quick form token, a filled honeypot) from one of many client
 * addresses. Each answer is the refusal that rule calls for, in order (cross-site, key, rate
 * limit, trap, token); nothing is written but rate-limit counters; and every counter holds exactly
 * the attempts it had to count, refused ones included (docs/data-model.md).
 */
const LIMIT = 4;
const IP_HEADER = 'cloudfront-viewer-address';
let h: FuzzHarness;
let before: Map<string, string>;
let tokens: { aged(): Promise<string>; expired(): Promise<string> };

beforeAll(async () => {
  h = await fuzzHarness({ config: { submissionsPerHour: LIMIT, formMinFillSeconds: 3, clientIpHeader: IP_HEADER } });
  const at = (msAgo: number) => formTokens(h.deps.keyRing, { now: () => new Date(Date.now() - msAgo) }, 3);
  tokens = { aged: () => at(10_000).issue(), expired: () => at(25 * 3600_000).issue() };
  before = await h.snapshot();
});
afterAll(() => console.log(report('anti-abuse guard')));

const TARGETS = [
  { path: '/api/campaigns/lockton/lock-requests', json: true, body: 'lock' },
  { path: '/c/lockton/get-a-lock/request/', json: false, body: 'lock' },
  { path: '/es/c/lockton/get-a-lock/request/', json: false, body: 'lock' },
  { path: '/api/pledges', json: true, body: 'pledge' },
  { path: '/api/campaigns/lockton/pledges', json: true, body: 'pledge' },
  { path: '/pledge/', json: false, body: 'pledge' },
  { path: '/es/c/lockton/pledge/', json: false, body: 'pledge' },
] as const;

const BODIES = {
  lock: { name: 'Guard Tester', email: 'guard@example.test', delivery: 'mail', address: { line1: '1 Guard Way', city: 'Portland', state: 'OR', zip: '97201' }, lockType: 'cable', quantity: 1, language: 'es', consent: true },
  pledge: { name: 'Guard Tester', email: 'guard@example.test', zip: '97201', language: 'es' },
};

type TokenKind = 'aged' | 'none' | 'junk' | 'forged' | 'too_fast' | 'expired';

const attempt = fc
  .record({
    target: fc.constantFrom(...TARGETS),
    asForm: fc.boolean(),
    // A few hundred buckets: IPv4, IPv6 (/64s shared by many addresses), mapped, and junk.
    client: fc.oneof(
      fc.nat({ max: 120 }).map((n) => `203.0.113.${n}`),
      fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 0xffff })).map(([net, host]) => `2001:db8:${net.toString(16)}::${host.toString(16)}`),
      fc.nat({ max: 30 }).map((n) => `::ffff:198.51.100.${n}`),
      fc.ipV4(),
      hostileText.map((t) => t.replace(/[^\x20-\x7e]/g, '')),
    ),
    crossSite: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }) }),
    badKey: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('', 'short', 'x'.repeat(201), 'has space in it', 'tab\there-and-more') }),
    token: fc.constantFrom<TokenKind>('aged', 'none', 'junk', 'forged', 'too_fast', 'expired'),
    junkToken: hostileText.map((t) => t.slice(0, 300)),
    honeypot: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('http://spam.example', 'x', ' ') }),
    language: acceptLanguage,
  })
  // Every attempt breaks at least one rule.
  .filter((a) => a.crossSite !== null || a.badKey !== null || a.token !== 'aged' || (!a.target.json || a.asForm ? a.honeypot !== '' : false));

type Attempt = typeof attempt extends fc.Arbitrary<infer T> ? T : never;

/** The token as it reaches the server (a header carries Latin-1 only), or undefined when none or empty. */
async function tokenOf(a: Attempt, form: boolean): Promise<string | undefined> {
  const raw = await rawToken(a);
  const sent = raw === undefined || form ? raw : Buffer.from(raw.replace(/[\r\n\0]/g, '')).toString('latin1').trim();
  return sent ? sent : undefined;
}

async function rawToken(a: Attempt): Promise<string | undefined> {
  switch (a.token) {
    case 'aged':
      return tokens.aged();
    case 'none':
      return undefined;
    case 'junk':
      return a.junkToken;
    case 'forged':
      return (await tokens.aged()).replace(/\.[^.]+$/, `.${'A'.repeat(32)}`);
    case 'too_fast':
      return h.formToken();
    case 'expired':
      return tokens.expired();
  }
}

/** What the guard must answer, by its order: cross-site, key, rate limit, trap, token. */
function expected(a: Attempt, form: boolean, overLimit: boolean, token: string | undefined): { status: number; code?: string } {
  if (a.crossSite) return { status: 403, code: 'cross_site' };
  if (a.badKey !== null) return { status: 400, code: 'validation_failed' };
  if (overLimit) return { status: 429, code: 'rate_limited' };
  if (form && a.honeypot) return { status: 400, code: 'submission_refused' };
  if (token === undefined) return { status: 400, code: 'form_token_required' };
  if (a.token === 'too_fast') return { status: 400, code: 'too_fast' };
  return { status: 400, code: 'form_token_invalid' };
}

/** Hits per rate-limit bucket (all windows), from a table snapshot. */
function rateCounters(snapshot: Map<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, json] of snapshot) {
    if (!key.startsWith('RATE#')) continue;
    const bucket = key.slice('RATE#'.length).split('|')[0]!;
    out.set(bucket, (out.get(bucket) ?? 0) + Number((JSON.parse(json) as { hits: number }).hits));
  }
  return out;
}

describe('the anti-abuse guard, fuzzed with its real limits', () => {
  const runs = Math.round(FUZZ_RUNS * SHARES.guard);
  it(`refuses every attempt that breaks a rule, as that rule says, and counts what it must (${runs} inputs)`, async () => {
    // What the counters held before (the fixtures' own submissions), then every counted attempt.
    const counted = rateCounters(before);
    await fc.assert(
      fc.asyncProperty(attempt, async (a) => {
        const form = !a.target.json || a.asForm;
        const token = await tokenOf(a, form);
        const headers: Record<string, string> = { 'accept-language': a.language, 'sec-fetch-site': 'same-origin', [IP_HEADER]: `${a.client}:443`, ...(a.crossSite ?? {}) };
        if (a.crossSite && 'origin' in a.crossSite) delete headers['sec-fetch-site'];
        if (a.badKey !== null) headers['idempotency-key'] = a.badKey;
        const body = BODIES[a.target.body];
        const pairs: [string, string][] = Object.entries(body).flatMap(([k, v]): [string, string][] =>
          typeof v === 'object' ? Object.entries(v).map(([kk, vv]): [string, string] => [`${k}.${kk}`, String(vv)]) : [[k, v === true ? 'yes' : String(v)]],
        );
        const input: FuzzInput = {
          method: 'POST',
          path: a.target.path,
          headers: { ...headers, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : { 'content-type': 'application/json' }) },
          body: form ? { kind: 'form', pairs } : { kind: 'json', text: JSON.stringify(body) },
          token: token === undefined ? { kind: 'none' } : { kind: 'junk', value: token },
          honeypot: form ? a.honeypot : null,
          auth: { kind: 'none' },
        };
        const init: RequestInit = form
          ? { method: 'POST', headers: input.headers, body: new URLSearchParams([...pairs, ...(token !== undefined ? [['formToken', token]] : []), ['website', a.honeypot]]).toString() }
          : { method: 'POST', headers: { ...input.headers, ...(token !== undefined ? { 'form-token': token } : {}) }, body: JSON.stringify(body) };

        // The address as the app reads it: header values lose surrounding spaces, then the port goes
        // (" 6" arrives as "6:443", which ipaddr reads as 0.0.0.6, not as junk).
        const seen = `${a.client}:443`.trim();
        const bucket = (await keyedHash(h.deps.keyRing, 'rate', clientBucket(seen.slice(0, seen.lastIndexOf(':'))))).slice(0, 22);
        const counts = !a.crossSite && a.badKey === null;
        const n = (counted.get(bucket) ?? 0) + (counts ? 1 : 0);
        counted.set(bucket, n);
        const { response, writes } = await h.send(a.target.path, init);
        const answer = await answerOf(response, writes);
        sent.set('POST (guarded routes)', (sent.get('POST (guarded routes)') ?? 0) + 1);
        checkAnswer(answer, expectationOf(input));
        const want = expected(a, form, counts && n > LIMIT, token);
        expect(answer.status, `${JSON.stringify(a).slice(0, 400)}\n${answer.text.slice(0, 300)}`).toBe(want.status);
        if (want.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        if (!form && want.code) expect((JSON.parse(answer.text) as { error: { code: string } }).error.code).toBe(want.code);
      }),
      // Stateful (counters, stock): the first failure is reported as it happened, not shrunk.
      { seed: seedFor('guard'), numRuns: runs, endOnFailure: true },
    ).catch((error: Error) => {
      error.message = `replay with FUZZ_SEED=${FUZZ_SEED}\n${error.message}`;
      throw error;
    });

    // Every bucket's counter holds exactly the attempts that reached the rate limit, refused or not.
    expect(Object.fromEntries([...counted].filter(([, n]) => n > 0))).toEqual(Object.fromEntries(rateCounters(await h.snapshot())));
    await expectNothingUnexplained(h, before);
  }, timeoutFor(runs));
});
