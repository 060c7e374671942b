/**
 * Where the lock capability's items live (docs/data-model.md): the only place their key strings
 * are spelled.
 */

/** A pool's stock (a pickup site, or the mail programme): one item per pool, in the campaign's stock partition. */
export const stockKeys = (slug: string, pool: string) => ({ pk: `STOCK#${slug}`, sk: `POOL#${pool}` });
export const stockPartition = (slug: string) => `STOCK#${slug}`;
export const POOL_PREFIX = 'POOL#';

/**
 * A lock request: its own partition (requests never crowd the campaign's), listed per campaign and
 * status on gsi1 in arrival order, which is also the waitlist's order.
 */
export const lockRequestKeys = (slug: string, code: string, status: string, createdAt: string) => ({
  pk: `LOCKREQ#${slug}#${code}`,
  sk: 'LOCKREQ',
  gsi1pk: `LOCKREQS#${slug}#${status}`,
  gsi1sk: `${createdAt}#${code}`,
});
export const lockRequestKey = (slug: string, code: string) => ({ pk: `LOCKREQ#${slug}#${code}`, sk: 'LOCKREQ' });
export const lockRequestsByStatusKey = (slug: string, status: string) => ({ gsi1pk: `LOCKREQS#${slug}#${status}` });

/** A household's claim on the request period: a keyed hash of its address, email or phone, never the value. */
export const householdKeys = (slug: string, matchKey: string) => ({ pk: `HOUSEHOLD#${slug}#${matchKey}`, sk: 'HOUSEHOLD' });
