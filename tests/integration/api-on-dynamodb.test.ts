import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/src/app.ts';
import { seedContent } from '../../functions/src/content-seed.ts';
import { loadSeedContent } from '../../functions/src/local/seed.ts';
import type { buildConfig } from '../support/builders.ts';
import { freshTable, tableDeps } from './helpers.ts';

describe('the API on DynamoDB Local', () => {
  let tableName: string;
  beforeAll(async () => {
    tableName = await freshTable('api');
  });

  function app(overrides: Parameters<typeof buildConfig>[0] = {}) {
    return createApp(tableDeps(overrides.tableName ?? tableName, { config: overrides }));
  }

  it('reports healthy when the table answers', async () => {
    const res = await app().request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports 503 when the table does not exist', async () => {
    const res = await app({ tableName: 'no-such-table' }).request('/api/health');
    expect(res.status).toBe(503);
  });

  it('reports 503 when DynamoDB cannot be reached', async () => {
    const res = await app({ dynamodbEndpoint: 'http://127.0.0.1:9' }).request('/api/health');
    expect(res.status).toBe(503);
  });

  it('lists the seeded demo campaign, and seeding twice changes nothing', async () => {
    const deps = tableDeps(tableName);
    await seedContent(deps, loadSeedContent());
    await seedContent(deps, loadSeedContent());
    const res = await createApp(deps).request('/api/campaigns');
    const body = (await res.json()) as { campaigns: { slug: string }[] };
    expect(body.campaigns.filter((c) => c.slug === 'demo-city')).toHaveLength(1);
    expect(body.campaigns[0]).toEqual({
      slug: 'demo-city',
      name: 'Demo City (sample campaign)',
      state: 'WA',
      languages: ['en', 'es'],
    });
  });
});
