import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { campaignSchema, type Campaign } from '../domain/campaign.ts';
import { datasetProblems, erpoRecordSchema, type ErpoRecord } from '../domain/erpo.ts';
import type { SeedContent } from '../content-seed.ts';
import { CAMPAIGN_CONTENT_DIR, ERPO_CONTENT_DIR } from './paths.ts';

/** zod issues as lines that name the field and say what to do (an unknown field on its own line). */
export function describeIssues(issues: readonly z.ZodIssue[]): string[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => `${[...i.path, key].join('.')}: Unrecognized key. Lockline does not know this field: check its spelling or remove it.`)
      : [`${i.path.join('.') || '(file)'}: ${i.message}`],
  );
}

/** A content file's data: JSON, or YAML where the folder allows it (campaign files). */
export function readContentFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

/** Reads and validates every content file in a folder; a bad file fails with its name and the problems. */
function loadJsonFiles<T extends z.ZodTypeAny>(dir: string, schema: T, what: string, extensions = ['.json']): z.infer<T>[] {
  return readdirSync(dir)
    .filter((name) => extensions.some((ext) => name.endsWith(ext)))
    .sort()
    .map((name) => {
      const result = schema.safeParse(readContentFile(join(dir, name)));
      if (!result.success) {
        const problems = describeIssues(result.error.issues);
        throw new Error(`${what} file ${name} is not valid:\n  ${problems.join('\n  ')}`);
      }
      return result.data;
    });
}

/** A campaign file is JSON or YAML (site/src/content.config.ts reads the same). */
export const CAMPAIGN_FILE_EXTENSIONS = ['.json', '.yaml', '.yml'];

export function loadCampaignFiles(dir = CAMPAIGN_CONTENT_DIR): Campaign[] {
  return loadJsonFiles(dir, campaignSchema, 'Campaign', CAMPAIGN_FILE_EXTENSIONS);
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
