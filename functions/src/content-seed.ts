import { z, ZodError } from 'zod';
import type { AppDeps } from './deps.ts';
import { campaignSchema, campaignToStore, sameCampaign, type Campaign } from './domain/campaign.ts';
import { datasetProblems, erpoRecordSchema, type ErpoRecord } from './domain/erpo.ts';
import { MAIL_POOL } from './locks/index.ts';

/** The repository's content, as one document: what the local start-up and the deploy-time seed load. */
export const seedContentSchema = z
  .object({
    campaigns: z.array(campaignSchema),
    erpo: z.array(erpoRecordSchema).superRefine((records, ctx) => {
      for (const problem of datasetProblems(records)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  })
  .strict();

export interface SeedContent {
  campaigns: Campaign[];
  erpo: ErpoRecord[];
}

/**
 * Loads content into the table. Idempotent: content items are keyed by slug or state code, so it
 * runs on every local start and every deploy. A campaign item is written only when its file
 * changed; a pickup site taken out of the file is kept as removed (hidden from the finder and the
 * form, still shown on the requests made for it). A pickup site's stock is created once, from its
 * `initialStock`, and never reset afterwards. Draft campaigns are stored as drafts: no public
 * route shows them.
 */
export async function seedContent(
  store: Pick<AppDeps, 'campaigns' | 'stock' | 'erpo'>,
  content: SeedContent,
): Promise<{ campaigns: number; campaignsChanged: number; erpoStates: number; newStockPools: number }> {
  let newStockPools = 0;
  let campaignsChanged = 0;
  for (const file of content.campaigns) {
    // An item written under an older schema that no longer parses is replaced by the file.
    const stored = await store.campaigns.get(file.slug).catch((error: unknown) => {
      if (error instanceof ZodError) return null;
      throw error;
    });
    const campaign = campaignToStore(file, stored);
    if (!stored || !sameCampaign(stored, campaign)) {
      await store.campaigns.put(campaign);
      campaignsChanged += 1;
    }
    const pools = campaign.locks.mail.enabled
      ? [...campaign.pickupSites, { id: MAIL_POOL, initialStock: campaign.locks.mail.initialStock }]
      : campaign.pickupSites;
    newStockPools += await store.stock.seedInitial(campaign.slug, pools);
  }
  await store.erpo.putAll(content.erpo);
  return { campaigns: content.campaigns.length, campaignsChanged, erpoStates: content.erpo.length, newStockPools };
}
