import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import type { PledgeStore } from '../../../functions/src/pledges/index.ts';
import { buildDeps } from '../../support/builders.ts';

/**
 * The pledge pages as the app serves them, without storage: the count fragment may be framed by
 * our own pages only, and every page still works when the counts cannot be read.
 */
const failingCounts = (counts: PledgeStore['counts']): PledgeStore =>
  new Proxy({ counts } as PledgeStore, {
    get: (target, method) => (method === 'counts' ? target.counts : () => Promise.reject(new Error(`pledges.${String(method)} is not faked`))),
  });

const unreadable = failingCounts(async () => {
  throw Object.assign(new Error('down'), { name: 'ProvisionedThroughputExceededException' });
});

describe('the pledge count fragment', () => {
  it('may be framed by our own pages only, and is cached briefly', async () => {
    const app = createApp(buildDeps({ pledges: failingCounts(async (scopes) => new Map(scopes.map((s) => [s, 1234]))) }));
    const res = await app.request('/pledge-count/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cache-control')).toBe('public, max-age=15');
    expect(await res.text()).toContain('2,468 people have taken the pledge across the country.');
    const es = await app.request('/es/c/testville/pledge-count/');
    // A campaign's frame (its home page) gives the campaign's count and the national one.
    const campaignFrame = await es.text();
    expect(campaignFrame).toContain('1,234 personas han firmado este compromiso en Testville.');
    expect(campaignFrame).toContain('En todo el país, 2,468 personas han firmado el compromiso.');
  });

  it('never says "0 people": before the first pledge it invites the first, on the national and the campaign pages', async () => {
    const app = createApp(buildDeps({ pledges: failingCounts(async (scopes) => new Map(scopes.map((s) => [s, 0]))) }));
    for (const path of ['/pledge-count/', '/c/testville/pledge-count/', '/pledge/', '/c/testville/pledge/']) {
      const page = await (await app.request(path)).text();
      expect(page, path).not.toMatch(/\b0 (people|person)/);
      expect(page, path).toContain('No one has confirmed this pledge');
    }
    expect(await (await app.request('/es/pledge-count/')).text()).not.toMatch(/\b0 personas/);
  });

  it('invites people in when the count cannot be read', async () => {
    const res = await createApp(buildDeps({ pledges: unreadable })).request('/es/pledge-count/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Únase a las personas que han firmado el compromiso.');
  });

  it('leaves every other page unframeable', async () => {
    const res = await createApp(buildDeps({ pledges: unreadable })).request('/pledge/');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('the pledge pages without counts', () => {
  it.each(['/pledge/', '/es/pledge/', '/c/testville/pledge/', '/c/testville/pledge/thanks/'])('%s still works', async (path) => {
    const res = await createApp(buildDeps({ pledges: unreadable })).request(path);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('data-pledge-count');
  });

  it('answers the count API with a 503 the client can retry', async () => {
    const res = await createApp(buildDeps({ pledges: unreadable })).request('/api/pledges/count');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('answers an unknown or draft campaign, and a malformed link, with a 404 page', async () => {
    const app = createApp(buildDeps({ pledges: unreadable }));
    for (const path of ['/c/nowhere/pledge/', '/pledge/confirm/not-a-token/', '/es/pledge/delete/x/']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });
});
