import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AppDeps } from '../../functions/src/deps.ts';
import { loadSeedContent } from '../../functions/src/local/seed.ts';
import { seedFromEvent } from '../../functions/src/seed-lambda.ts';
import { freshTable, tableDeps } from './helpers.ts';

function event(type: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent {
  return {
    RequestType: type,
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:seed',
    ResponseURL: 'https://example.invalid/response',
    StackId: 'stack',
    RequestId: 'req',
    LogicalResourceId: 'Seed',
    ResourceType: 'Custom::LocklineContentSeed',
    ResourceProperties: { ServiceToken: 'x', Bucket: 'assets', Key: 'content.json' },
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'lockline-content-seed', OldResourceProperties: {} }),
  } as CloudFormationCustomResourceEvent;
}

describe('deploy-time content seed (custom resource handler) on DynamoDB Local', () => {
  let deps: AppDeps;
  beforeAll(async () => {
    const tableName = await freshTable('seed');
    deps = tableDeps(tableName);
  });

  it('loads the campaigns and all 51 red-flag records from the content object, idempotently', async () => {
    const body = JSON.stringify(loadSeedContent());
    const reads: string[] = [];
    const read = async (bucket: string, key: string) => {
      reads.push(`${bucket}/${key}`);
      return body;
    };
    const created = await seedFromEvent(event('Create'), deps, read);
    expect(created).toEqual({ PhysicalResourceId: 'lockline-content-seed', Data: { campaigns: 5, campaignsChanged: 5, erpoStates: 51, newStockPools: 10 } });
    // The second run changes nothing: campaigns are unchanged and stock items are left alone.
    const updated = await seedFromEvent(event('Update'), deps, read);
    expect(updated).toEqual({ PhysicalResourceId: 'lockline-content-seed', Data: { campaigns: 5, campaignsChanged: 0, erpoStates: 51, newStockPools: 0 } });
    expect(reads).toEqual(['assets/content.json', 'assets/content.json']);
    expect(await deps.erpo.list()).toHaveLength(51);
    expect((await deps.campaigns.listLive()).map((c) => c.slug)).toEqual(['demo-city', 'mesa-alta', 'pine-hollow']);
    // Drafts are stored as drafts, never as live.
    expect((await deps.campaigns.listByStatus('draft')).map((c) => c.slug)).toEqual(['riverside-draft']);
  });

  it('refuses an incomplete dataset and writes nothing', async () => {
    const tableName = await freshTable('seed-bad');
    const fresh = tableDeps(tableName);
    const content = loadSeedContent();
    const broken = JSON.stringify({ ...content, erpo: content.erpo.filter((r) => r.state !== 'WA') });
    await expect(seedFromEvent(event('Update'), fresh, async () => broken)).rejects.toThrow(/WA: missing record/);
    expect(await fresh.erpo.list()).toEqual([]);
  });

  it('does nothing on delete', async () => {
    let read = false;
    const result = await seedFromEvent(event('Delete'), deps, async () => {
      read = true;
      return '';
    });
    expect(result).toEqual({ PhysicalResourceId: 'lockline-content-seed' });
    expect(read).toBe(false);
  });
});
