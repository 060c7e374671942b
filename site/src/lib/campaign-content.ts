import { getCollection } from 'astro:content';
import type { Campaign } from '#domain/campaign';
import type { ErpoRecord } from '#domain/erpo';
import { getErpoRecords } from './erpo-content.ts';

/** Published campaigns (live, and ended ones: their closing page links here) paired with their state's red-flag record (for /c/<slug>/red-flag-laws/). */
export async function campaignErpoPaths(): Promise<{ params: { slug: string }; props: { campaign: Campaign; record: ErpoRecord } }[]> {
  const records = new Map<string, ErpoRecord>((await getErpoRecords()).map((r) => [r.state, r]));
  const campaigns = (await getCollection('campaigns')).map((e) => e.data).filter((c) => c.status !== 'draft');
  return campaigns.flatMap((campaign) => {
    const record = records.get(campaign.state);
    return record ? [{ params: { slug: campaign.slug }, props: { campaign, record } }] : [];
  });
}
