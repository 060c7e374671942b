/**
 * `npm run check:fresh` (everything) and `node --import tsx scripts/check-fresh.ts --crisis` (run
 * by `npm run deploy`): exits 1 and says what to re-check when content is past its review limit.
 * `CHECK_FRESH_AT=2027-06-01` checks as of another day (tests, planning a review).
 */
import { CRISIS_RESOURCES } from '../functions/src/domain/crisis-resources.ts';
import { loadErpoFiles } from '../functions/src/local/seed.ts';
import { freshnessProblems } from './freshness.ts';

const now = process.env.CHECK_FRESH_AT ? new Date(`${process.env.CHECK_FRESH_AT}T12:00:00Z`) : new Date();
const scope = process.argv.includes('--crisis') ? 'crisis' : 'all';
const problems = freshnessProblems(now, { crisisLastVerified: CRISIS_RESOURCES.lastVerified, erpo: loadErpoFiles() }, scope);
if (problems.length) {
  console.error(`Content is past its review limit${scope === 'crisis' ? ' (deploy refused)' : ''}:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`Content is within its review limits (${scope === 'crisis' ? 'crisis lines' : 'crisis lines and red-flag records'}).`);
}
