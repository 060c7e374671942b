import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { campaignSchema, type Campaign } from './domain/campaign.ts';
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
 * Loads content into the table. Idempotent: content items are keyed by slug or state code and
 * overwritten with the repository's version, so it runs on every local start and every deploy.
 * A pickup site's stock is created once, from its `initialStock`, and never reset afterwards.
 */
export async function seedContent(
  store: Pick<AppDeps, 'campaigns' | 'stock' | 'erpo'>,
  content: SeedContent,
): Promise<{ campaigns: number; erpoStates: number; newStockPools: number }> {
  let newStockPools = 0;
  for (const campaign of content.campaigns) {
    await store.campaigns.put(campaign);
    const pools = campaign.locks.mail.enabled
      ? [...campaign.pickupSites, { id: MAIL_POOL, initialStock: campaign.locks.mail.initialStock }]
      : campaign.pickupSites;
    newStockPools += await store.stock.seedInitial(campaign.slug, pools);
  }
  await store.erpo.putAll(content.erpo);
  return { campaigns: content.campaigns.length, erpoStates: content.erpo.length, newStockPools };
}
