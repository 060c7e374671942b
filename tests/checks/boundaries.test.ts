import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/src/local/paths.ts';

/**
 * The dependency matrix (docs/architecture.md, .dependency-cruiser.cjs): the real tree has no
 * violation, and each rule fails on a violation planted in a small copy of the layout, so a rule
 * that silently stopped matching would be caught here.
 */
const config = createRequire(import.meta.url)(join(REPO_ROOT, '.dependency-cruiser.cjs')) as { forbidden: object[]; options: object };

async function violations(baseDir: string, roots: string[]): Promise<{ rule: string; from: string; to: string }[]> {
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    const result = await cruise(roots, { ruleSet: { forbidden: config.forbidden }, validate: true, ...config.options } as never);
    return (result.output as ICruiseResult).summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  } finally {
    process.chdir(cwd);
  }
}

/** A tree with the project's folder names, one file per planted import, and the real node_modules. */
function plantedTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockline-boundaries-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(REPO_ROOT, 'tsconfig.json')));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('architecture boundaries (dependency-cruiser)', () => {
  it('finds no violation in the real code', { timeout: 120_000 }, async () => {
    expect(await violations(REPO_ROOT, ['functions/src', 'site/src', 'infra'])).toEqual([]);
  });

  // Each case: the files of a tiny tree, the rule that must fire, and the import that breaks it.
  const base = {
    'functions/src/config.ts': 'export const config = 1;\n',
    'functions/src/app.ts': "export const app = 1;\n",
    'functions/src/domain/campaign.ts': "import { z } from 'zod';\nexport const schema = z.string();\n",
    'functions/src/platform/http/env.ts': 'export const env = 1;\n',
    'functions/src/platform/dynamo/table-definition.ts': 'export const TABLE = 1;\n',
    'functions/src/locks/index.ts': "export { x } from './service/x.ts';\n",
    'functions/src/locks/service/x.ts': 'export const x = 1;\n',
    'functions/src/locks/rules/plan.ts': "import { schema } from '../../domain/campaign.ts';\nexport const plan = schema;\n",
    'functions/src/locks/store/requests.ts': 'export const store = 1;\n',
    'functions/src/campaigns/index.ts': 'export const campaigns = 1;\n',
    'functions/src/local/platform.ts': 'export const local = 1;\n',
  };
  const cases: [rule: string, file: string, body: string][] = [
    ['domain-is-pure', 'functions/src/domain/bad.ts', "import { readFileSync } from 'node:fs';\nexport const bad = readFileSync;\n"],
    ['domain-is-pure', 'functions/src/domain/bad-http.ts', "import { Hono } from 'hono';\nexport const bad = Hono;\n"],
    ['platform-knows-no-capability', 'functions/src/platform/bad.ts', "import { x } from '../locks/index.ts';\nexport const bad = x;\n"],
    ['platform-knows-no-capability', 'functions/src/platform/bad-root.ts', "import { app } from '../app.ts';\nexport const bad = app;\n"],
    ['capabilities-meet-at-their-index', 'functions/src/campaigns/bad.ts', "import { x } from '../locks/service/x.ts';\nexport const bad = x;\n"],
    ['capabilities-do-not-reach-the-root', 'functions/src/campaigns/bad-root.ts', "import { app } from '../app.ts';\nexport const bad = app;\n"],
    ['rules-are-pure', 'functions/src/locks/rules/bad.ts', "import { createHash } from 'node:crypto';\nexport const bad = createHash;\n"],
    ['rules-are-pure', 'functions/src/locks/rules/bad-platform.ts', "import { env } from '../../platform/http/env.ts';\nexport const bad = env;\n"],
    ['storage-never-imports-http', 'functions/src/locks/store/bad.ts', "import { env } from '../../platform/http/env.ts';\nexport const bad = env;\n"],
    ['storage-never-imports-http', 'functions/src/locks/store/bad-hono.ts', "import { Hono } from 'hono';\nexport const bad = Hono;\n"],
    ['storage-never-imports-http', 'functions/src/platform/abuse/bad-store.ts', "import { env } from '../http/env.ts';\nexport const bad = env;\n"],
    ['storage-never-imports-http', 'functions/src/staff/audit/audit-store.ts', "import { Hono } from 'hono';\nexport const bad = Hono;\n"],
    ['storage-never-imports-http', 'functions/src/platform/email/suppressions.ts', "import { env } from '../http/env.ts';\nexport const bad = env;\n"],
    ['only-local-runs-local', 'functions/src/locks/service/bad.ts', "import { local } from '../../local/platform.ts';\nexport const bad = local;\n"],
    ['site-uses-the-domain-only', 'site/src/lib/bad.ts', "import { store } from '../../../functions/src/locks/store/requests.ts';\nexport const bad = store;\n"],
    ['infra-reads-plain-data', 'infra/lib/bad.ts', "import { x } from '../../functions/src/locks/service/x.ts';\nexport const bad = x;\n"],
    ['no-cycles', 'functions/src/locks/service/y.ts', "import { z } from './z.ts';\nexport const y = () => z;\n"],
  ];

  it.each(cases)('rule %s fails on a planted violation in %s', { timeout: 60_000 }, async (rule, file, body) => {
    const extra: Record<string, string> = rule === 'no-cycles' ? { 'functions/src/locks/service/z.ts': "import { y } from './y.ts';\nexport const z = () => y;\n" } : {};
    const dir = plantedTree({ ...base, ...extra, [file]: body });
    made.push(dir);
    const roots = ['functions/src', ...(file.startsWith('site/') ? ['site/src'] : []), ...(file.startsWith('infra/') ? ['infra'] : [])];
    const found = await violations(dir, roots);
    expect(found.map((v) => v.rule)).toContain(rule);
    // The clean files of the tree break nothing by themselves: only the planted import fires.
    expect(found.filter((v) => v.rule !== rule && !Object.keys(extra).includes(v.from))).toEqual([]);
  });

  it('lets the site reach functions/src only through the #domain alias or the shared error summary (Astro files too)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(astro|ts|mjs)$/.test(entry.name)) {
          for (const [, spec] of readFileSync(path, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) {
            if (spec!.includes('functions/src/') && !/functions\/src\/(domain\/|platform\/pages\/parts\.ts$)/.test(spec!)) offenders.push(`${path}: ${spec}`);
          }
        }
      }
    };
    walk(join(REPO_ROOT, 'site', 'src'));
    expect(offenders).toEqual([]);
  });
});
