/** Where campaign items live: one per campaign, listed per status on gsi1 (docs/data-model.md). */
export const campaignKeys = (slug: string, status: string) => ({
  pk: `CAMPAIGN#${slug}`,
  sk: 'CAMPAIGN',
  gsi1pk: `CAMPAIGNS#${status}`,
  gsi1sk: slug,
});

export const campaignKey = (slug: string) => ({ pk: `CAMPAIGN#${slug}`, sk: 'CAMPAIGN' });

export const campaignsByStatusKey = (status: string) => ({ gsi1pk: `CAMPAIGNS#${status}` });
