import type { Campaign } from '../domain/campaign.ts';

/** What other capabilities may ask about campaigns. */
export interface CampaignReader {
  get(slug: string): Promise<Campaign | null>;
  listLive(): Promise<Campaign[]>;
  listByStatus(status: Campaign['status']): Promise<Campaign[]>;
}

/** Campaign items in the table: read by every capability, written by the content seed. */
export interface CampaignRepository extends CampaignReader {
  put(campaign: Campaign): Promise<void>;
}
