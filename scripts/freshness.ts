/**
 * How fresh the facts people rely on must be: the crisis lines (checked against their operators'
 * sites) and the red-flag law records (reviewed against statutes). Stale content warns in
 * `npm test` (it must not fail unrelated commits), fails `npm run check:fresh`, and stops
 * `npm run deploy` when the crisis lines are stale.
 */
export const CRISIS_MAX_DAYS = 180;
export const ERPO_MAX_DAYS = 365;

const DAY_MS = 86_400_000;
const ageInDays = (now: Date, isoDate: string) => Math.floor((now.getTime() - Date.parse(`${isoDate}T00:00:00Z`)) / DAY_MS);

export interface FreshnessInput {
  crisisLastVerified: string;
  erpo: readonly { state: string; lastReviewed: string }[];
}

/** Human-readable problems, empty when everything is fresh. `crisis` limits the check to the crisis lines. */
export function freshnessProblems(now: Date, input: FreshnessInput, scope: 'all' | 'crisis' = 'all'): string[] {
  const problems: string[] = [];
  const crisisAge = ageInDays(now, input.crisisLastVerified);
  if (crisisAge > CRISIS_MAX_DAYS) {
    problems.push(
      `Crisis lines last verified ${input.crisisLastVerified} (${crisisAge} days ago, limit ${CRISIS_MAX_DAYS}): re-check every entry of functions/src/domain/crisis-resources.ts against its source and update lastVerified.`,
    );
  }
  if (scope === 'crisis') return problems;
  for (const record of input.erpo) {
    const age = ageInDays(now, record.lastReviewed);
    if (age > ERPO_MAX_DAYS) {
      problems.push(`Red-flag record ${record.state} last reviewed ${record.lastReviewed} (${age} days ago, limit ${ERPO_MAX_DAYS}): see docs/erpo-dataset.md.`);
    }
  }
  return problems;
}
