import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { campaignSchema, type Campaign } from '../domain/campaign.ts';
import { datasetProblems, erpoRecordSchema, type ErpoRecord } from '../domain/erpo.ts';
import type { SeedContent } from '../content-seed.ts';
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

/** Everything in the repository's content folders, validated: what `npm start` seeds. */
export function loadSeedContent(): SeedContent {
  return { campaigns: loadCampaignFiles(), erpo: loadErpoFiles() };
}
