import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/src/app.ts';
import { seedContent } from '../../functions/src/content-seed.ts';
import { loadSeedContent } from '../../functions/src/local/seed.ts';
import { createDynamoClients } from '../../functions/src/platform/dynamo/client.ts';
import { stockKeys } from '../../functions/src/locks/store/keys.ts';
import { freshTable, localEndpoints, tableDeps } from './helpers.ts';

interface SitesBody {
  zip?: string;
  sites: { id: string; inStock: boolean; distanceMiles?: number; noQuestionsAsked: boolean; lockTypes: string[] }[];
}

describe('pickup-site finder API on DynamoDB Local', () => {
  let tableName: string;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    tableName = await freshTable('sites');
    const deps = tableDeps(tableName);
    await seedContent(deps, loadSeedContent());
    app = createApp(deps);
  });

  it('sorts the demo campaign’s sites by distance from a ZIP code, with stock from the table', async () => {
    const res = await app.request('/api/campaigns/demo-city/pickup-sites?zip=98133');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = (await res.json()) as SitesBody;
    expect(body.zip).toBe('98133');
    expect(body.sites.map((s) => s.id)).toEqual(['north-fire-station', 'central-library', 'eastside-clinic']);
    expect(body.sites[0]!.distanceMiles).toBe(0);
    const distances = body.sites.map((s) => s.distanceMiles!);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(Object.fromEntries(body.sites.map((s) => [s.id, s.inStock]))).toEqual({
      'north-fire-station': true,
      'central-library': true,
      'eastside-clinic': false,
    });
  });

  it('keeps stock that changed at run time when content is seeded again', async () => {
    const { doc } = createDynamoClients({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint });
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: stockKeys('demo-city', 'eastside-clinic'),
        UpdateExpression: 'SET stock.cable = :n',
        ExpressionAttributeValues: { ':n': 12 },
      }),
    );
    const deps = tableDeps(tableName);
    await seedContent(deps, loadSeedContent());
    const body = (await (await app.request('/api/campaigns/demo-city/pickup-sites')).json()) as SitesBody;
    expect(body.sites.find((s) => s.id === 'eastside-clinic')?.inStock).toBe(true);
    expect((await deps.stock.forCampaign('demo-city')).get('eastside-clinic')).toEqual({ cable: 12, box: 0 });
  });

  it('lists sites in campaign order without a ZIP code', async () => {
    const body = (await (await app.request('/api/campaigns/demo-city/pickup-sites')).json()) as SitesBody;
    expect(body.sites.map((s) => s.id)).toEqual(['central-library', 'eastside-clinic', 'north-fire-station']);
    expect(body.sites.every((s) => s.distanceMiles === undefined)).toBe(true);
  });
});
