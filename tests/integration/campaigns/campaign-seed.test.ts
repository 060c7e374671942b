import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { seedContent } from '../../../functions/src/content-seed.ts';
import type { Campaign } from '../../../functions/src/domain/campaign.ts';
import { loadSeedContent } from '../../../functions/src/local/seed.ts';
import { MAIL_POOL } from '../../../functions/src/locks/index.ts';
import { createDynamoClients } from '../../../functions/src/platform/dynamo/client.ts';
import { freshTable, localEndpoints, tableDeps } from '../helpers.ts';
import { formToken, lockHarness, pickupRequest } from '../lock-support.ts';

/** Every item of a table, in key order: what a seed may or may not change. */
async function tableItems(tableName: string): Promise<Record<string, unknown>[]> {
  const { doc } = createDynamoClients({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint });
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

describe('seeding campaigns on DynamoDB Local', () => {
  it('seeding the repository’s content twice changes nothing the second time', async () => {
    const tableName = await freshTable('campaign-seed');
    const deps = tableDeps(tableName);
    const content = loadSeedContent();
    const first = await seedContent(deps, content);
    expect(first).toMatchObject({ campaigns: 5, campaignsChanged: 5, newStockPools: 10 });
    const campaignItems = async () => (await tableItems(tableName)).filter((i) => /^(CAMPAIGN|STOCK|ERPO)#/.test(String(i.pk)));
    const before = await campaignItems();
    expect(before.length).toBe(15 + 51);

    const second = await seedContent(deps, content);
    expect(second).toMatchObject({ campaignsChanged: 0, newStockPools: 0 });
    // Byte for byte, updatedAt included: nothing was rewritten.
    expect(await campaignItems()).toEqual(before);
  });

  it('an edited file updates sites without losing stock or requests; a removed site is hidden but still shown on its requests', async () => {
    const h = await lockHarness();
    const seed = (campaign: Campaign) => seedContent(h.deps, { campaigns: [campaign], erpo: [] });
    // A resident reserves a lock at the library: its stock goes from 5 to 4.
    const token = await formToken(h.app);
    const response = await h.app.request('/api/campaigns/lockton/lock-requests', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Form-Token': token, 'Sec-Fetch-Site': 'same-origin' },
      body: JSON.stringify(pickupRequest()),
    });
    expect(response.status).toBe(201);
    const { statusUrl } = (await response.json()) as { statusUrl: string };
    const requestsBefore = await h.items('lock_request');
    expect(requestsBefore).toHaveLength(1);

    // The file drops the library, changes the clinic's hours and adds a school.
    const [library, clinic] = h.campaign.pickupSites as [Campaign['pickupSites'][number], Campaign['pickupSites'][number]];
    const school = { ...clinic, id: 'school', name: { en: 'Lockton School', es: 'Escuela de Lockton' }, initialStock: { cable: 3 } };
    const edited: Campaign = { ...h.campaign, pickupSites: [{ ...clinic, hours: { en: 'Every day', es: 'Todos los días' } }, school] };
    expect(await seed(edited)).toMatchObject({ campaignsChanged: 1, newStockPools: 1 });

    const stored = (await h.deps.campaigns.get('lockton'))!;
    expect(stored.pickupSites.map((s) => [s.id, s.hours.en])).toEqual([['clinic', 'Every day'], ['school', clinic.hours.en]]);
    expect(stored.retiredPickupSites?.map((s) => s.id)).toEqual(['library']);
    const stock = await h.deps.stock.forCampaign('lockton');
    expect(stock.get('library')).toEqual({ cable: 4, box: 1 });
    expect(stock.get('school')).toEqual({ cable: 3, box: 0 });
    expect(stock.get(MAIL_POOL)).toEqual({ cable: 10, box: 0 });
    expect(await h.items('lock_request')).toEqual(requestsBefore);

    // Hidden from the finder and the form...
    const finder = await (await h.app.request('/c/lockton/get-a-lock/')).text();
    expect(finder).not.toContain('data-site="library"');
    expect(finder).toContain('data-site="school"');
    const form = await (await h.app.request('/c/lockton/get-a-lock/request/')).text();
    expect(form).not.toContain('value="library"');
    // ...still on the status page of the request made there.
    const status = await (await h.app.request(new URL(statusUrl, 'http://x').pathname)).text();
    expect(status).toContain(library.name.en);

    // Seeding the same file again changes nothing; bringing the library back restores it, stock kept.
    expect(await seed(edited)).toMatchObject({ campaignsChanged: 0, newStockPools: 0 });
    await seed({ ...edited, pickupSites: [...edited.pickupSites, library] });
    const back = (await h.deps.campaigns.get('lockton'))!;
    expect(back.pickupSites.map((s) => s.id)).toEqual(['clinic', 'school', 'library']);
    expect(back.retiredPickupSites).toBeUndefined();
    expect((await h.deps.stock.forCampaign('lockton')).get('library')).toEqual({ cable: 4, box: 1 });
  });
});
