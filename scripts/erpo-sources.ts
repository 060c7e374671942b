/**
 * Lists, per red-flag record, what breaks the schema or the sourcing policy (docs/content-rules.md,
 * "Sources"), so a reviewer can fix records one by one. Usage:
 *   node --import tsx scripts/erpo-sources.ts            every record
 *   node --import tsx scripts/erpo-sources.ts ct wa      only these
 * Exits with 1 when anything is found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { erpoRecordSchema } from '../functions/src/domain/erpo.ts';
import { sourcePolicyProblems } from '../functions/src/domain/erpo-sources.ts';
import { ERPO_CONTENT_DIR } from '../functions/src/local/paths.ts';

const only = new Set(process.argv.slice(2).map((s) => s.toLowerCase()));
let found = 0;
for (const name of readdirSync(ERPO_CONTENT_DIR).filter((n) => n.endsWith('.json')).sort()) {
  if (only.size && !only.has(name.replace(/\.json$/, ''))) continue;
  const raw: unknown = JSON.parse(readFileSync(join(ERPO_CONTENT_DIR, name), 'utf8'));
  const parsed = erpoRecordSchema.safeParse(raw);
  const problems = parsed.success
    ? sourcePolicyProblems(parsed.data)
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  if (problems.length === 0) continue;
  found += problems.length;
  console.log(`${name}\n  ${problems.join('\n  ')}`);
}
console.log(found ? `${found} problem(s).` : 'No problems.');
process.exitCode = found ? 1 : 0;
