/**
 * Key builders: the only place key strings are spelled. Each returns the full key set for one
 * item type, so a repository never concatenates strings by hand.
 */
export const ENTITY = {
  campaign: 'campaign',
  erpoState: 'erpo_state',
  siteStock: 'site_stock',
  lockRequest: 'lock_request',
  household: 'household',
  idempotency: 'idempotency',
  outbox: 'outbox',
  rate: 'rate',
  secret: 'secret',
} as const;

export const campaignKeys = (slug: string, status: string) => ({
  pk: `CAMPAIGN#${slug}`,
  sk: 'CAMPAIGN',
  gsi1pk: `CAMPAIGNS#${status}`,
  gsi1sk: slug,
});

export const campaignsByStatusKey = (status: string) => ({ gsi1pk: `CAMPAIGNS#${status}` });

export const erpoStateKeys = (code: string) => ({
  pk: `ERPO#${code}`,
  sk: 'ERPO',
  gsi1pk: 'ERPO',
  gsi1sk: code,
});

export const erpoListKey = () => ({ gsi1pk: 'ERPO' });

/** A pickup site's stock lives in its campaign's partition, beside the campaign item. */
export const siteStockKeys = (slug: string, siteId: string) => ({ pk: `CAMPAIGN#${slug}`, sk: `SITE#${siteId}` });
export const SITE_STOCK_PREFIX = 'SITE#';

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

/** A household's claim on the request period: a hash of its address, email or phone, never the value. */
export const householdKeys = (slug: string, matchHash: string) => ({ pk: `HOUSEHOLD#${slug}#${matchHash}`, sk: 'HOUSEHOLD' });

/** A submission's Idempotency-Key (or form token), hashed. */
export const idempotencyKeys = (slug: string, keyHash: string) => ({ pk: `IDEMPOTENCY#${slug}#${keyHash}`, sk: 'IDEMPOTENCY' });

/** An email to send; due ones are found on gsi1 by time. Dead ones stay for staff. */
export const outboxKeys = (id: string, state: 'pending' | 'dead', dueAt: string) => ({
  pk: `OUTBOX#${id}`,
  sk: 'OUTBOX',
  gsi1pk: `OUTBOX#${state}`,
  gsi1sk: `${dueAt}#${id}`,
});
export const outboxKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });
export const outboxByStateKey = (state: 'pending' | 'dead') => ({ gsi1pk: `OUTBOX#${state}` });

/** A rate-limit counter for one hashed client address and one time window. */
export const rateKeys = (bucket: string, windowStart: number) => ({ pk: `RATE#${bucket}`, sk: `W#${windowStart}` });

export const secretKeys = (name: string) => ({ pk: `SECRET#${name}`, sk: 'SECRET' });
