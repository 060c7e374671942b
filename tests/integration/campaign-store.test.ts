import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignKeys } from '../../functions/src/campaigns/keys.ts';
import { campaignRepository } from '../../functions/src/campaigns/store.ts';
import { createDynamoClients } from '../../functions/src/platform/dynamo/client.ts';
import { buildCampaign } from '../support/builders.ts';
import { freshTable, localEndpoints } from './helpers.ts';

const now = new Date('2026-11-25T12:00:00Z');
let tableName: string;
const { client, doc } = createDynamoClients({ region: 'us-east-1', endpoint: localEndpoints().dynamodbEndpoint });
const repo = () => campaignRepository({ client, doc, name: tableName }, { now: () => now });

beforeAll(async () => {
  tableName = await freshTable('campaigns');
});

describe('campaign repository on DynamoDB Local', () => {
  it('stores a campaign and reads it back by slug', async () => {
    const campaign = buildCampaign({ slug: 'roundtrip', languages: ['en', 'es', 'vi'] });
    await repo().put(campaign);
    expect(await repo().get('roundtrip')).toEqual(campaign);
    expect(await repo().get('missing')).toBeNull();
  });

  it('moves a campaign between live and draft without leaving a stale copy in the live list', async () => {
    await repo().put(buildCampaign({ slug: 'mover', status: 'live' }));
    expect((await repo().listLive()).map((c) => c.slug)).toContain('mover');
    await repo().put(buildCampaign({ slug: 'mover', status: 'draft' }));
    expect((await repo().listLive()).map((c) => c.slug)).not.toContain('mover');
  });

  it('lists every live campaign across many pages', async () => {
    const big = 'x'.repeat(60);
    const slugs = Array.from({ length: 120 }, (_, i) => `page-${String(i).padStart(3, '0')}`);
    for (const slug of slugs) await repo().put(buildCampaign({ slug, name: `${big} ${slug}`.slice(0, 80) }));
    // A tiny page size forces the repository to follow LastEvaluatedKey to the end.
    const live = await campaignRepository({ client, doc, name: tableName }, { now: () => now }, { pageSize: 7 }).listLive();
    expect(live.filter((c) => c.slug.startsWith('page-')).length).toBe(120);
  });

  it('never returns an item whose TTL has passed, even before DynamoDB deletes it', async () => {
    const expired = buildCampaign({ slug: 'expired-one' });
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...campaignKeys(expired.slug, expired.status),
          ...expired,
          expiresAt: Math.floor(now.getTime() / 1000) - 60,
        },
      }),
    );
    expect(await repo().get('expired-one')).toBeNull();
    expect((await repo().listLive()).map((c) => c.slug)).not.toContain('expired-one');
  });
});
