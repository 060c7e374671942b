import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { campaignSchema, type Campaign } from '../domain/campaign.ts';
import type { Clock } from '../platform/clock.ts';
import { isExpired, queryAll } from '../platform/dynamo/query.ts';
import type { Table } from '../platform/dynamo/table.ts';
import { campaignKey, campaignKeys, campaignsByStatusKey } from './keys.ts';
import type { CampaignRepository } from './ports.ts';

const ITEM_VERSION = 1;

/** Strips storage attributes and re-validates, so a hand-edited or stale item can't leak out. */
function fromItem(item: Record<string, unknown>): Campaign {
  const { slug, name, city, state, status, languages, demo, localResources, pickupSites, locks, timeZone, pledge } = item;
  return campaignSchema.parse({ slug, name, city, state, status, languages, demo, localResources, pickupSites, locks, timeZone, pledge });
}

export function campaignRepository(table: Table, clock: Clock, options: { pageSize?: number } = {}): CampaignRepository {
  const { doc, name: tableName } = table;
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  async function listByStatus(status: Campaign['status']): Promise<Campaign[]> {
    const items = await queryAll(
      doc,
      {
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': campaignsByStatusKey(status).gsi1pk },
      },
      nowSeconds(),
      options.pageSize,
    );
    return items.map(fromItem);
  }

  return {
    listLive() {
      return listByStatus('live');
    },

    listByStatus,

    async get(slug) {
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: campaignKey(slug) }));
      if (!Item || isExpired(Item, nowSeconds())) return null;
      return fromItem(Item);
    },

    async put(campaign) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...campaignKeys(campaign.slug, campaign.status),
            entity: 'campaign',
            version: ITEM_VERSION,
            ...campaign,
            updatedAt: clock.now().toISOString(),
          },
        }),
      );
    },
  };
}
