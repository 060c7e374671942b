import { CRISIS_RESOURCES } from '../../functions/src/domain/crisis-resources.ts';
import { loadErpoFiles } from '../../functions/src/local/seed.ts';
import { freshnessProblems } from '../../scripts/freshness.ts';

/**
 * Stale content warns in `npm test` instead of failing it: a review that falls due must not turn
 * every unrelated commit red. `npm run check:fresh` fails on it, and deploys refuse stale crisis
 * lines (scripts/check-fresh.ts).
 */
export default function warnAboutStaleContent() {
  const problems = freshnessProblems(new Date(), { crisisLastVerified: CRISIS_RESOURCES.lastVerified, erpo: loadErpoFiles() });
  for (const problem of problems) console.warn(`\n⚠ Review due: ${problem}`);
}
