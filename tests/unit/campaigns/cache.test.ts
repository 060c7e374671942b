import { describe, expect, it } from 'vitest';
import { cachedCampaigns, CAMPAIGN_CACHE_MS, type CampaignRepository } from '../../../functions/src/campaigns/index.ts';
import type { Campaign } from '../../../functions/src/domain/campaign.ts';
import { buildCampaign } from '../../support/builders.ts';

/** A repository over a map that counts its reads, and can fail on demand. */
function countingRepository(campaigns: Campaign[]) {
  const stored = new Map(campaigns.map((c) => [c.slug, c]));
  const reads = { get: 0, list: 0 };
  let failing = false;
  const repository: CampaignRepository = {
    async get(slug) {
      reads.get += 1;
      if (failing) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      return stored.get(slug) ?? null;
    },
    async listLive() {
      reads.list += 1;
      return [...stored.values()].filter((c) => c.status === 'live');
    },
    async listByStatus(status) {
      reads.list += 1;
      return [...stored.values()].filter((c) => c.status === status);
    },
    async put(campaign) {
      stored.set(campaign.slug, campaign);
    },
  };
  return { repository, reads, fail: (on: boolean) => (failing = on) };
}

describe('campaigns cached per warm function', () => {
  it('reads a campaign (or its absence) once a minute however many requests ask, and again after', async () => {
    let now = Date.parse('2026-11-28T12:00:00Z');
    const clock = { now: () => new Date(now) };
    const { repository, reads } = countingRepository([buildCampaign({ slug: 'lockton' })]);
    const cached = cachedCampaigns(repository, clock);
    for (let i = 0; i < 5; i += 1) {
      expect((await cached.get('lockton'))?.slug).toBe('lockton');
      expect(await cached.get('made-up')).toBeNull();
      expect(await cached.listLive()).toHaveLength(1);
    }
    expect(reads).toEqual({ get: 2, list: 1 });
    now += CAMPAIGN_CACHE_MS + 1;
    await cached.get('lockton');
    expect(reads.get).toBe(3);
  });

  it('forgets on a put through it, so the instance that writes reads its own change', async () => {
    const clock = { now: () => new Date('2026-11-28T12:00:00Z') };
    const { repository } = countingRepository([buildCampaign({ slug: 'lockton', status: 'live' })]);
    const cached = cachedCampaigns(repository, clock);
    expect((await cached.get('lockton'))?.status).toBe('live');
    await cached.put(buildCampaign({ slug: 'lockton', status: 'ended' }));
    expect((await cached.get('lockton'))?.status).toBe('ended');
    expect(await cached.listLive()).toEqual([]);
  });

  it('keeps no failed read: the next request asks the table again', async () => {
    const clock = { now: () => new Date('2026-11-28T12:00:00Z') };
    const { repository, reads, fail } = countingRepository([buildCampaign({ slug: 'lockton' })]);
    const cached = cachedCampaigns(repository, clock);
    fail(true);
    await expect(cached.get('lockton')).rejects.toThrow('throttled');
    fail(false);
    expect((await cached.get('lockton'))?.slug).toBe('lockton');
    expect(reads.get).toBe(2);
  });
});
