import type { Campaign } from '../domain/campaign.ts';
import type { Clock } from '../platform/clock.ts';
import type { CampaignRepository } from './ports.ts';

/**
 * How long a warm function keeps what it read about campaigns. A campaign changes when its content
 * file is deployed (the content seed), a few times a year; every lock request and pledge reads
 * one. So a change reaches every warm function within this time (docs/operations.md), and the
 * request path saves a read (issue 15).
 */
export const CAMPAIGN_CACHE_MS = 60_000;

/**
 * The campaign repository with reads kept for `CAMPAIGN_CACHE_MS` per function instance, misses
 * included (a made-up slug costs one read a minute, not one per request). A `put` through it
 * forgets everything, so the instance that writes reads its own change at once.
 */
export function cachedCampaigns(repository: CampaignRepository, clock: Clock, ttlMs = CAMPAIGN_CACHE_MS): CampaignRepository {
  const kept = new Map<string, { until: number; value: Promise<unknown> }>();
  function remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    const now = clock.now().getTime();
    const hit = kept.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    const value = read();
    kept.set(key, { until: now + ttlMs, value });
    // A failed read is not kept: the next request asks again.
    value.catch(() => kept.delete(key));
    return value;
  }
  return {
    get: (slug) => remember<Campaign | null>(`get:${slug}`, () => repository.get(slug)),
    listLive: () => remember<Campaign[]>('live', () => repository.listLive()),
    listByStatus: (status) => remember<Campaign[]>(`status:${status}`, () => repository.listByStatus(status)),
    async put(campaign) {
      kept.clear();
      await repository.put(campaign);
      kept.clear();
    },
  };
}
