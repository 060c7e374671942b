import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import type { CampaignRepository } from '../../../functions/src/campaigns/index.ts';
import { UnavailableError } from '../../../functions/src/domain/errors.ts';
import { isDependencyUnavailable } from '../../../functions/src/platform/http/errors.ts';
import { buildDeps } from '../../support/builders.ts';

const $metadata = (httpStatusCode: number) => ({ httpStatusCode });
const network = (code: string) => Object.assign(new Error('socket'), { code });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: $metadata(400), CancellationReasons: codes.map((Code) => ({ Code })) });

describe('what counts as a dependency being busy or unreachable (503, not 500)', () => {
  it.each([
    ['throttling', new ThrottlingException({ message: 'slow down', $metadata: $metadata(400) })],
    ['provisioned throughput exceeded', new ProvisionedThroughputExceededException({ message: 'x', $metadata: $metadata(400) })],
    ['an internal server error', new InternalServerError({ message: 'x', $metadata: $metadata(500) })],
    ['any 5xx answer', Object.assign(new Error('x'), { name: 'SomethingNew', $metadata: $metadata(503) })],
    ['a 429 answer', Object.assign(new Error('x'), { name: 'SomethingNew', $metadata: $metadata(429) })],
    ['an error the SDK marks retryable', Object.assign(new Error('x'), { name: 'Anything', $retryable: { throttling: false } })],
    ['a refused connection', network('ECONNREFUSED')],
    ['a reset connection', network('ECONNRESET')],
    ['an SDK timeout', Object.assign(new Error('x'), { name: 'TimeoutError', code: 'ETIMEDOUT' })],
    ['a network error under another', Object.assign(new Error('wrapped'), { cause: network('EHOSTUNREACH') })],
    ['a transaction throttled on one item', cancelled('None', 'ThrottlingError')],
    ['a transaction lost to contention', cancelled('TransactionConflict', 'None')],
    ['the domain’s own UnavailableError', new UnavailableError()],
  ])('%s', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a failed condition', new ConditionalCheckFailedException({ message: 'x', $metadata: $metadata(400) })],
    ['a transaction refused by a condition', cancelled('ConditionalCheckFailed', 'ThrottlingError')],
    ['a transaction refused for a bad item', cancelled('ValidationError')],
    ['a missing table (a deploy mistake, not a blip)', new ResourceNotFoundException({ message: 'x', $metadata: $metadata(400) })],
    ['a programming error', new TypeError('undefined is not a function')],
    ['an error whose message merely mentions throttling', new Error('ThrottlingException ECONNREFUSED 503')],
    ['an SDK retryable trait left undefined', Object.assign(new Error('x'), { name: 'ValidationException', $retryable: undefined, $metadata: $metadata(400) })],
  ])('not %s', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});

/** Campaign reads that fail as the table would when it is throttled. */
const throttledCampaigns: CampaignRepository = {
  listLive: () => Promise.reject(new ThrottlingException({ message: 'slow down', $metadata: $metadata(400) })),
  listByStatus: () => Promise.reject(new ThrottlingException({ message: 'slow down', $metadata: $metadata(400) })),
  get: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
  put: () => Promise.reject(new Error('not used')),
};

describe('the answer when a dependency is unavailable', () => {
  const app = () => createApp(buildDeps({ campaigns: throttledCampaigns }));

  it('is a 503 JSON error in the request’s language, with Retry-After and the request id', async () => {
    for (const [language, text] of [
      ['en-US', /try again in a few seconds/],
      ['es-MX,es;q=0.9', /Inténtelo de nuevo en unos segundos/],
    ] as const) {
      const res = await app().request('/api/campaigns', { headers: { 'accept-language': language } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
      expect(body.error.code).toBe('unavailable');
      expect(body.error.message).toMatch(text);
      expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    }
  });

  it('tells a client that sent something how to send it again safely', async () => {
    const res = await app().request('/api/campaigns/testville/pledges', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'es' },
      body: '{}',
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('misma Idempotency-Key');
  });

  it('is a page with the crisis lines for a page or a no-JavaScript form post, in its language', async () => {
    const page = await app().request('/es/c/testville/get-a-lock/');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    const html = await page.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain('No pudimos terminar esto ahora');
    expect(html).toContain('988');

    const form = await app().request('/api/campaigns/testville/lock-requests', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ language: 'es', name: 'Ana' }).toString(),
    });
    expect(form.status).toBe(503);
    expect(form.headers.get('content-type')).toContain('text/html');
    const formHtml = await form.text();
    expect(formHtml).toContain('no sabemos si lo que envió se guardó');
    expect(formHtml).toContain('Se guarda una sola vez');
  });
});

describe('the request deadline on Lambda', () => {
  it('answers 503 with Retry-After shortly before the function would time out, and not at all elsewhere', async () => {
    const never: CampaignRepository = { ...throttledCampaigns, listLive: () => new Promise(() => undefined) };
    const app = createApp(buildDeps({ campaigns: never }));
    const started = Date.now();
    const res = await app.request('/api/campaigns', {}, { lambdaContext: { getRemainingTimeInMillis: () => 1700 } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(Date.now() - started).toBeLessThan(1500);
    // Off Lambda the middleware waits for the handler (the DynamoDB client's timeouts bound it).
    const ok = createApp(buildDeps());
    expect((await ok.request('/api/campaigns')).status).toBe(200);
  });
});
