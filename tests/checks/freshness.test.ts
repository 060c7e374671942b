import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/src/local/paths.ts';
import { CRISIS_MAX_DAYS, ERPO_MAX_DAYS, freshnessProblems } from '../../scripts/freshness.ts';

const input = { crisisLastVerified: '2026-11-25', erpo: [{ state: 'WA', lastReviewed: '2026-01-10' }] };
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('content freshness', () => {
  it(`flags crisis lines verified more than ${CRISIS_MAX_DAYS} days ago`, () => {
    expect(freshnessProblems(day('2027-05-24'), input, 'crisis')).toEqual([]);
    expect(freshnessProblems(day('2027-05-25'), input, 'crisis')).toEqual([expect.stringMatching(/Crisis lines last verified 2026-11-25 \(181 days ago/)]);
  });

  it(`flags red-flag records reviewed more than ${ERPO_MAX_DAYS} days ago, only when asked for everything`, () => {
    expect(freshnessProblems(day('2027-01-10'), input)).toEqual([]);
    expect(freshnessProblems(day('2027-01-11'), input)).toEqual([expect.stringMatching(/Red-flag record WA last reviewed 2026-01-10/)]);
    expect(freshnessProblems(day('2027-01-11'), input, 'crisis')).toEqual([]);
  });

  it('fails `check:fresh` (and the deploy guard) with what to re-check, on a day the content is stale', () => {
    const run = (args: string[], at: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'check-fresh.ts'), ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, CHECK_FRESH_AT: at },
        encoding: 'utf8',
      });
    const stale = run(['--crisis'], '2031-01-01');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/deploy refused/);
    expect(stale.stderr).toMatch(/crisis-resources\.ts/);
    const everything = run([], '2031-01-01');
    expect(everything.status).toBe(1);
    expect(everything.stderr).toMatch(/Red-flag record [A-Z]{2}/);
  });
});
