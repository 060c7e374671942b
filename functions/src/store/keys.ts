/**
 * Key builders: the only place key strings are spelled. Each returns the full key set for one
 * item type, so a repository never concatenates strings by hand.
 */
export const ENTITY = {
  campaign: 'campaign',
  erpoState: 'erpo_state',
  siteStock: 'site_stock',
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
