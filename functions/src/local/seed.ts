import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { campaignSchema, type Campaign } from '../domain/campaign.ts';
import { datasetProblems, erpoRecordSchema, type ErpoRecord } from '../domain/erpo.ts';
import type { Store } from '../ports.ts';
import { CAMPAIGN_CONTENT_DIR, ERPO_CONTENT_DIR } from './paths.ts';

/** Reads and validates every JSON file in a content folder; a bad file fails with its name and the problems. */
function loadJsonFiles<T extends z.ZodTypeAny>(dir: string, schema: T, what: string): z.infer<T>[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const result = schema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!result.success) {
        const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
        throw new Error(`${what} file ${name} is not valid:\n  ${problems.join('\n  ')}`);
      }
      return result.data;
    });
}

export function loadCampaignFiles(dir = CAMPAIGN_CONTENT_DIR): Campaign[] {
  return loadJsonFiles(dir, campaignSchema, 'Campaign');
}

/** The red-flag dataset: every state and DC exactly once, each record valid. */
export function loadErpoFiles(dir = ERPO_CONTENT_DIR): ErpoRecord[] {
  const records = loadJsonFiles(dir, erpoRecordSchema, 'Red-flag state');
  const problems = datasetProblems(records);
  if (problems.length) throw new Error(`The red-flag dataset is incomplete:\n  ${problems.join('\n  ')}`);
  return records;
}

/**
 * Loads the repository's content into the table. Idempotent: content items are keyed by their
 * slug and overwritten with the file's version, so running it on every start is safe.
 */
export async function seedContent(
  store: Store,
  content: { campaigns: Campaign[]; erpo: ErpoRecord[] } = { campaigns: loadCampaignFiles(), erpo: loadErpoFiles() },
): Promise<{ campaigns: number; erpoStates: number }> {
  for (const campaign of content.campaigns) await store.campaigns.put(campaign);
  await store.erpo.putAll(content.erpo);
  return { campaigns: content.campaigns.length, erpoStates: content.erpo.length };
}
