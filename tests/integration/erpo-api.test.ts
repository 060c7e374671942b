import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/src/app.ts';
import { seedContent } from '../../functions/src/content-seed.ts';
import { loadSeedContent } from '../../functions/src/local/seed.ts';
import { captureOutput } from '../support/builders.ts';
import { freshTable, tableDeps } from './helpers.ts';

type Json = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string[]> } };

describe('red-flag law API on DynamoDB Local', () => {
  let app: ReturnType<typeof createApp>;
  const logger = new Logger({ serviceName: 'lockline-test', logLevel: 'INFO' });

  beforeAll(async () => {
    const tableName = await freshTable('erpo');
    const deps = tableDeps(tableName, { logger });
    await seedContent(deps, loadSeedContent());
    app = createApp(deps);
  });

  const get = async (path: string) => {
    const res = await app.request(path);
    return { res, body: (await res.json()) as Json };
  };

  describe('GET /api/erpo/states', () => {
    it('returns all 51 records with the license and the latest review date, without internal notes', async () => {
      const { res, body } = await get('/api/erpo/states');
      expect(res.status).toBe(200);
      const states = body.states as { state: string; reviewNote?: string; lastReviewed: string }[];
      expect(states).toHaveLength(51);
      expect(states.map((s) => s.state)).toContain('DC');
      expect(states.every((s) => s.reviewNote === undefined)).toBe(true);
      expect(body.dataset).toEqual({
        license: 'CC BY 4.0',
        count: 51,
        lastReviewed: states.map((s) => s.lastReviewed).sort().at(-1),
      });
    });

    it('rejects unknown query parameters', async () => {
      const { res, body } = await get('/api/erpo/states?format=xml');
      expect(res.status).toBe(400);
      expect(body.error?.code).toBe('validation_failed');
    });
  });

  describe('GET /api/erpo/states/{code}', () => {
    it('returns one record, whatever the letter case', async () => {
      for (const code of ['WA', 'wa']) {
        const { res, body } = await get(`/api/erpo/states/${code}`);
        expect(res.status).toBe(200);
        expect((body.state as { state: string; status: string }).state).toBe('WA');
        expect((body.state as { status: string }).status).toBe('in_force');
      }
    });

    it.each(['ZZ', 'PR', 'XX'])('answers 404 for %s, which is not a state or DC', async (code) => {
      const { res, body } = await get(`/api/erpo/states/${code}`);
      expect(res.status).toBe(404);
      expect(body.error).toEqual({ code: 'not_found', message: 'There is no state or DC with that code.' });
    });

    it.each(['W1', 'WAS', 'W'])('answers 400 with a field error for the malformed code %s', async (code) => {
      const { res, body } = await get(`/api/erpo/states/${code}`);
      expect(res.status).toBe(400);
      expect(body.error?.fields).toEqual({ code: ['Use a two-letter state code, like WA or DC.'] });
    });

    it('answers the malformed-code error in Spanish to a Spanish request', async () => {
      const res = await app.request('/api/erpo/states/W1', { headers: { 'accept-language': 'es' } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: unknown } }).error.fields).toEqual({ code: ['Use un código de estado de dos letras, como WA o DC.'] });
    });
  });

  describe('GET /api/erpo/lookup', () => {
    it('finds the state and its record for a ZIP code, and keeps the answer out of caches', async () => {
      const { res, body } = await get('/api/erpo/lookup?zip=97201');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(body.zip).toBe('97201');
      expect(body.state).toBe('OR');
      expect((body.record as { name: { en: string } }).name.en).toBe('Oregon');
    });

    it('accepts ZIP+4', async () => {
      const { body } = await get('/api/erpo/lookup?zip=20001-1234');
      expect(body.state).toBe('DC');
    });

    it.each([
      ['?zip=972', 'Enter a ZIP code with 5 digits, like 97201.'],
      ['?zip=', 'Enter a ZIP code.'],
      ['', 'Enter a ZIP code.'],
    ])('answers 400 with a field error for %j', async (query, message) => {
      const { res, body } = await get(`/api/erpo/lookup${query}`);
      expect(res.status).toBe(400);
      expect(body.error?.fields).toEqual({ zip: [message] });
    });

    it('answers 400 for unknown or repeated parameters', async () => {
      expect((await get('/api/erpo/lookup?zip=97201&ip=1')).res.status).toBe(400);
      expect((await get('/api/erpo/lookup?zip=97201&zip=10001')).res.status).toBe(400);
    });

    it('answers 404 for a well-formed ZIP code that does not exist', async () => {
      const { res, body } = await get('/api/erpo/lookup?zip=99999');
      expect(res.status).toBe(404);
      expect(body.error?.code).toBe('zip_not_found');
    });

    it('answers 404 with its own code for a ZIP outside the states and DC', async () => {
      const { res, body } = await get('/api/erpo/lookup?zip=00601');
      expect(res.status).toBe(404);
      expect(body.error?.code).toBe('zip_outside_states');
      expect(body.error?.message).toMatch(/territory or a military address/);
    });

    it('never writes the ZIP code, or the client address, to the logs', async () => {
      const output = await captureOutput(async () => {
        await app.request('/api/erpo/lookup?zip=83204', { headers: { 'x-forwarded-for': '198.51.100.23' } });
        await app.request('/api/erpo/lookup?zip=8320', { headers: { 'x-forwarded-for': '198.51.100.23' } });
        await app.request('/api/erpo/find', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'zip=83204&lang=en',
        });
      });
      expect(output).toContain('"route":"/api/erpo/lookup"');
      expect(output).toContain('"route":"/api/erpo/find"');
      for (const secret of ['83204', '8320', '198.51.100.23', 'ID']) expect(output).not.toContain(`"${secret}`);
      expect(output).not.toContain('83204');
    });
  });

  describe('POST /api/erpo/find (the finder form without JavaScript)', () => {
    const post = (body: string) =>
      app.request('/api/erpo/find', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });

    it.each([
      ['zip=97201&lang=en', '/red-flag-laws/or/'],
      ['zip=97201&lang=es', '/es/red-flag-laws/or/'],
      ['zip=972&lang=en', '/red-flag-laws/zip-error/invalid/'],
      ['zip=&lang=es', '/es/red-flag-laws/zip-error/invalid/'],
      ['zip=99999&lang=en', '/red-flag-laws/zip-error/not-found/'],
      ['zip=00601&lang=es', '/es/red-flag-laws/zip-error/outside/'],
      ['state=tx&lang=en', '/red-flag-laws/tx/'],
      ['state=DC&lang=es', '/es/red-flag-laws/dc/'],
      ['state=PR&lang=en', '/red-flag-laws/'],
    ])('redirects %s to %s with 303', async (body, location) => {
      const res = await post(body);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(location);
    });

    it('rejects unexpected fields without redirecting', async () => {
      const res = await post('zip=97201&lang=en&email=x');
      expect(res.status).toBe(400);
    });
  });
});
