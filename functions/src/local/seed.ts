import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { campaignSchema, type Campaign } from '../domain/campaign.ts';
import type { Store } from '../ports.ts';
import { CAMPAIGN_CONTENT_DIR } from './paths.ts';

/** Reads and validates every campaign file; a bad file stops start-up with its name and the problem. */
export function loadCampaignFiles(dir = CAMPAIGN_CONTENT_DIR): Campaign[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const result = campaignSchema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!result.success) {
        const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
        throw new Error(`Campaign file ${name} is not valid:\n  ${problems.join('\n  ')}`);
      }
      return result.data;
    });
}

/**
 * Loads the repository's content into the table. Idempotent: content items are keyed by their
 * slug and overwritten with the file's version, so running it on every start is safe.
 */
export async function seedContent(store: Store, campaigns = loadCampaignFiles()): Promise<{ campaigns: number }> {
  for (const campaign of campaigns) await store.campaigns.put(campaign);
  return { campaigns: campaigns.length };
}
