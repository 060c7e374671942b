import type { PledgeServiceDeps } from './deps.ts';
import { NATIONAL_SCOPE } from '../rules/scope.ts';

/** How long a count is reused before it is read again (per running instance). */
export const COUNT_CACHE_MS = 15_000;

/**
 * Confirmed pledge counts, cached briefly in memory: a page view never costs more than one read
 * per scope every 15 seconds per instance. The national total is the national pledge plus every
 * live campaign. A count that cannot be read is `null`, so pages can still be shown without it.
 */
export function pledgeCounting(deps: Pick<PledgeServiceDeps, 'pledges' | 'campaigns' | 'clock' | 'logger'>) {
  const cache = new Map<string, { value: number; at: number }>();
  const NATIONAL_TOTAL = '*national-total';

  const fresh = (key: string) => {
    const hit = cache.get(key);
    return hit && deps.clock.now().getTime() - hit.at < COUNT_CACHE_MS ? hit.value : undefined;
  };

  async function cached(key: string, read: () => Promise<number>): Promise<number | null> {
    const hit = fresh(key);
    if (hit !== undefined) return hit;
    try {
      const value = await read();
      cache.set(key, { value, at: deps.clock.now().getTime() });
      return value;
    } catch (error) {
      deps.logger.warn('pledge count unavailable', { errorName: (error as Error).name });
      return cache.get(key)?.value ?? null;
    }
  }

  const scope = (s: string) => cached(s, async () => (await deps.pledges.counts([s])).get(s) ?? 0);

  const national = () =>
    cached(NATIONAL_TOTAL, async () => {
      const live = await deps.campaigns.listLive();
      const counts = await deps.pledges.counts([NATIONAL_SCOPE, ...live.map((c) => c.slug)]);
      return [...counts.values()].reduce((sum, n) => sum + n, 0);
    });

  /** A confirmation here: this instance shows it at once (others within the cache time). */
  function forget(s: string) {
    cache.delete(s);
    cache.delete(NATIONAL_TOTAL);
  }

  return { scope, national, forget };
}

export type PledgeCounting = ReturnType<typeof pledgeCounting>;
