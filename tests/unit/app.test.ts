import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/src/app.ts';
import { buildCampaign, buildDeps, captureOutput, memoryCampaigns } from '../support/builders.ts';

describe('GET /api/health', () => {
  it('answers 200 with status ok when the table answers', async () => {
    const res = await createApp(buildDeps()).request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 when the table does not answer', async () => {
    const app = createApp(buildDeps({ health: { ping: async () => false } }));
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
  });
});

describe('GET /api/campaigns', () => {
  it('lists only live campaigns, sorted, with only their public fields', async () => {
    const campaigns = memoryCampaigns([
      buildCampaign({ slug: 'zeta', name: 'Zeta' }),
      buildCampaign({ slug: 'alpha', name: 'Alpha', state: 'NM', languages: ['en', 'es', 'vi'] }),
      buildCampaign({ slug: 'draft-town', status: 'draft' }),
    ]);
    const res = await createApp(buildDeps({ campaigns })).request('/api/campaigns');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      campaigns: [
        { slug: 'alpha', name: 'Alpha', state: 'NM', languages: ['en', 'es', 'vi'] },
        { slug: 'zeta', name: 'Zeta', state: 'OR', languages: ['en', 'es'] },
      ],
    });
  });

  it('returns one live campaign by slug', async () => {
    const res = await createApp(buildDeps()).request('/api/campaigns/testville');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      campaign: { slug: 'testville', name: 'Testville Safe Storage', state: 'OR', languages: ['en', 'es'] },
    });
  });

  it('answers 404 in the error shape for an unknown or draft campaign', async () => {
    const campaigns = memoryCampaigns([buildCampaign({ slug: 'hidden', status: 'draft' })]);
    const app = createApp(buildDeps({ campaigns }));
    for (const slug of ['nowhere', 'hidden']) {
      const res = await app.request(`/api/campaigns/${slug}`);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(/no live campaign/);
    }
  });

  it('answers 400 with a field error for a malformed slug', async () => {
    const res = await createApp(buildDeps()).request('/api/campaigns/Not_A_Slug!');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe('validation_failed');
    expect(Object.values(body.error.fields).flat().join(' ')).toMatch(/lower-case letters/);
  });
});

describe('errors, limits and headers', () => {
  it('answers unknown API routes with a JSON 404', async () => {
    const res = await createApp(buildDeps()).request('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'There is no such API route.' } });
  });

  it('rejects a body over the limit with 413 before any route sees it', async () => {
    const app = createApp(buildDeps({ config: { maxBodyBytes: 1024 } }));
    const res = await app.request('/api/campaigns', {
      method: 'POST',
      body: 'x'.repeat(2048),
      headers: { 'content-type': 'text/plain', 'content-length': '2048' },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('hides internal errors behind a generic 500 with a request id, and logs no request data', async () => {
    const logger = new Logger({ serviceName: 'lockline-test', logLevel: 'INFO' });
    const campaigns = {
      ...memoryCampaigns(),
      listLive: async () => {
        throw new Error('secret internal detail canary+pii@example.com');
      },
    };
    const app = createApp(buildDeps({ campaigns, logger }));
    let res!: Response;
    const output = await captureOutput(async () => {
      res = await app.request('/api/campaigns?zip=97201', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).not.toMatch(/secret/);
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(output).toContain(body.error.requestId);
    expect(output).toContain('"route":"/api/campaigns"');
    for (const leaked of ['97201', '203.0.113.9', 'zip=', 'canary+pii@example.com', 'secret internal']) {
      expect(output).not.toContain(leaked);
    }
    expect(output).toContain('"errorName":"Error"');
  });

  it('ignores a client-sent request id so callers cannot plant text in logs', async () => {
    const res = await createApp(buildDeps()).request('/api/health', { headers: { 'x-request-id': 'planted-id' } });
    expect(res.headers.get('x-request-id')).not.toBe('planted-id');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets the security headers on every response, errors included', async () => {
    const app = createApp(buildDeps());
    for (const path of ['/api/health', '/api/campaigns', '/api/nope', '/api/campaigns/BAD!']) {
      const res = await app.request(path);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('allows CORS only for listed origins', async () => {
    const app = createApp(buildDeps({ config: { allowedOrigins: ['https://staff.example.org'] } }));
    const allowed = await app.request('/api/campaigns', { headers: { origin: 'https://staff.example.org' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://staff.example.org');
    const denied = await app.request('/api/campaigns', { headers: { origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});
