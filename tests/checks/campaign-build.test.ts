import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/src/local/paths.ts';

/**
 * A bad campaign file fails the real site build, not only the seed loader
 * (tests/unit/campaigns/campaign-file-rules.test.ts tests each rule through that loader).
 *
 * This runs the real `astro build` with the real config, over a temporary copy of site/ in which one
 * campaign file is bad. The copy sits beside symlinks to functions/ and node_modules/ and a copy of
 * package.json, so the site's relative imports of functions/src and the `#domain/*` alias resolve as
 * in the repository; the build writes only into the temporary folder. The full build takes about
 * 15 s on the project's 2-core machine, but a bad file stops it in its first step (the content
 * collection sync that validates campaign files with `campaignSchema`), so the test takes about 2 s.
 * The asserted message comes only from that validation, so a broken harness cannot pass for it.
 */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function buildWithCampaign(slug: string, edit: (file: Record<string, unknown>) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'lockline-campaign-build-'));
  made.push(dir);
  for (const entry of ['src', 'public', 'astro.config.mjs', 'tsconfig.json']) cpSync(join(REPO_ROOT, 'site', entry), join(dir, 'site', entry), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'functions'), join(dir, 'functions'), 'dir');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), readFileSync(join(REPO_ROOT, 'package.json')));
  const path = join(dir, 'site', 'src', 'content', 'campaigns', `${slug}.json`);
  const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(file);
  writeFileSync(path, JSON.stringify(file, null, 2));
  return spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'astro', 'astro.js'), 'build', '--root', 'site', '--outDir', join(dir, 'dist')], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe('the site build and campaign files', () => {
  it('fails on a bad campaign file, naming the file, the field, the failing pair and how to fix it', () => {
    // A focus ring that passes on white and on the header band but fades on the action callout.
    const run = buildWithCampaign('demo-city', (file) => {
      (file.brand as Record<string, string>).focus = '#f0600f';
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).not.toBe(0);
    expect(output).toContain('campaigns → demo-city data does not match collection schema');
    expect(output).toContain(
      'brand: The colour pair focus #f0600f on panel #eef3fa (the focus ring inside the light grey boxes) has a contrast of 2.95:1; it needs at least 3:1. ' +
        'Choose a darker or lighter colour so the two stand further apart.',
    );
  });
});
