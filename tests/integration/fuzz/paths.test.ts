import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptLanguage, encodeParam, encodingOf, hostileText, junkHeaders } from './arbitraries.ts';
import { answerOf, checkAnswer } from './checks.ts';
import { fuzzHarness, type FuzzHarness } from './harness.ts';
import { expectationOf, type FuzzInput } from './inputs.ts';
import { expectNothingUnexplained, report, sent } from './runner.ts';
import { FUZZ_RUNS, FUZZ_SEED, SHARES, seedFor, timeoutFor } from './settings.ts';

/**
 * Path tricks against the whole app, whatever route they land on or miss: `..` and its encodings,
 * double encoding, `//`, trailing slashes, very long paths, unknown language prefixes, every
 * method. No 5xx; an unknown path is a 404 in the API's JSON shape or a page with the crisis
 * lines; nothing is written; and no trick reaches a staff route without a sign-in.
 */
const SEGMENTS = [
  'api', 'es', 'c', 'lockton', 'draftton', 'get-a-lock', 'pledge', 'pledge-count', 'staff', 'request', 'status', 'confirm', 'unsubscribe', 'delete',
  'campaigns', 'erpo', 'states', 'lookup', 'find', 'health', 'form-token', 'lock-requests', 'pickup-sites', 'pledges', 'count', 'stock', 'audit',
  'lock-requests.csv', 'K7QM-3XPD', 'sign-in', 'callback', 'requests', 'exports', 'emails',
  '..', '.', '%2e%2e', '%2E%2E', '%252e%252e', '..%2f', '%2f', '%5c', '\\', '', '~', ';', 'fr', 'zz', 'es-MX', 'ES', 'en', '.%2e', '%00', '%', '%zz',
  'index.html', '*', 'a'.repeat(3000),
];

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SEGMENTS) },
  { weight: 1, arbitrary: fc.tuple(hostileText, encodingOf).map(([t, how]) => encodeParam(t.slice(0, 200), how)) },
);

const request = fc.record({
  method: fc.oneof({ weight: 6, arbitrary: fc.constant('GET') }, { weight: 3, arbitrary: fc.constant('POST') }, { weight: 2, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND') }),
  segments: fc.array(segment, { minLength: 0, maxLength: 8 }),
  end: fc.constantFrom('', '/', '//', '/.', '/..', '?', '?zip=97201', '#frag', '?%'),
  headers: fc.record({ 'accept-language': acceptLanguage, extra: junkHeaders }),
  body: fc.oneof(fc.constant(undefined), fc.constantFrom('zip=97201', '{"a":1}', 'x'.repeat(9000))),
});

let h: FuzzHarness;
let before: Map<string, string>;

beforeAll(async () => {
  h = await fuzzHarness();
  before = await h.snapshot();
});
afterAll(() => console.log(report('path tricks')));

describe('path tricks', () => {
  const runs = Math.round(FUZZ_RUNS * SHARES.paths);
  it(`never crash, never write, never reach a staff route without a sign-in (${runs} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 6, maxLength: 6 }), async (batch) => {
        await Promise.all(
          batch.map(async (r) => {
            const path = `/${r.segments.join('/')}${r.end}`;
            const withBody = r.body !== undefined && !['GET', 'HEAD'].includes(r.method);
            const headers = { ...r.headers.extra, 'accept-language': r.headers['accept-language'], ...(withBody ? { 'content-type': r.body!.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded' } : {}) };
            const input: FuzzInput = { method: r.method, path, headers, body: { kind: 'none' }, token: { kind: 'none' }, honeypot: null, auth: { kind: 'none' } };
            const { response, writes } = await h.send(path, { method: r.method, headers, ...(withBody ? { body: r.body } : {}) });
            const answer = await answerOf(response, writes);
            sent.set('any path', (sent.get('any path') ?? 0) + 1);
            const where = `${r.method} ${path.slice(0, 300)}`;
            if (r.method === 'HEAD') expect(answer.status, where).toBeLessThan(500);
            else {
              try {
                checkAnswer(answer, expectationOf(input));
              } catch (error) {
                (error as Error).message = `${where}\n${(error as Error).message}`;
                throw error;
              }
            }
            // However the path is spelled, a staff route without a sign-in is refused or sent to sign in.
            const resolved = safeDecode(new URL(`http://localhost${path}`).pathname);
            if (/^\/api\/staff(\/|$)/.test(resolved)) expect([401, 403, 404, 413], where).toContain(answer.status);
            if (/^(\/es)?\/staff\/c\//.test(resolved)) expect(answer.status, where).not.toBe(200);
          }),
        );
      }),
      { seed: seedFor('paths'), numRuns: Math.ceil(runs / 6), endOnFailure: true },
    ).catch((error: Error) => {
      error.message = `replay with FUZZ_SEED=${FUZZ_SEED}\n${error.message}`;
      throw error;
    });
    await expectNothingUnexplained(h, before);
  }, timeoutFor(runs));
});

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
