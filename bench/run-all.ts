/**
 * `npm run bench`: every benchmark, one after the other, then bench/RESULTS.md with every figure and
 * the machine they ran on. Figures only: nothing here passes or fails a build. A benchmark that
 * breaks is reported in its section and makes the command exit non-zero once the file is written.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../infra/lib/paths.ts';
import { API_GOALS, coldStartBench, coldStartMarkdown, type ColdStartFigures } from './cold-start.ts';
import { exportBench, exportMarkdown, type ExportFigures } from './export.ts';
import { loadBench, loadMarkdown, type LoadFigures } from './load.ts';
import { lockRequestBench, lockRequestMarkdown, type LockRequestFigures } from './lock-request.ts';
import { kib, ratio, section, table } from './markdown.ts';
import { pageWeightBench, pageWeightMarkdown, type PageWeightFigures } from './page-weight.ts';
import { pledgeBench, pledgeMarkdown, type PledgeFigures } from './pledge.ts';

const RESULTS = join(REPO_ROOT, 'bench', 'RESULTS.md');

/** A command's output (stdout, or stderr where it writes there, as `java -version` does). */
function quiet(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.error) return 'not found';
  return (result.stdout.trim() || result.stderr.trim());
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    java: quiet('java', ['-version']).split('\n')[0] ?? '',
    chromium: quiet('/usr/bin/chromium', ['--version']),
    commit: quiet('git', ['rev-parse', '--short', 'HEAD']),
    /** Files that differ from the commit when the run started (the figures are of the commit plus these). */
    changed: quiet('git', ['status', '--porcelain']).split('\n').filter(Boolean).map((line) => line.slice(3)),
    date: new Date().toISOString(),
    loadBefore: loadavg(),
  };
}

interface Figures {
  coldStart?: ColdStartFigures;
  pageWeight?: PageWeightFigures;
  lockRequest?: LockRequestFigures;
  pledge?: PledgeFigures;
  export?: ExportFigures;
  load?: LoadFigures;
}

const BENCHES = [
  { key: 'coldStart', title: 'Lambda bundles and cold start', run: coldStartBench, markdown: coldStartMarkdown },
  { key: 'pageWeight', title: 'Page weight and Lighthouse', run: pageWeightBench, markdown: pageWeightMarkdown },
  { key: 'lockRequest', title: 'Lock request', run: lockRequestBench, markdown: lockRequestMarkdown },
  { key: 'pledge', title: 'Pledge', run: pledgeBench, markdown: pledgeMarkdown },
  { key: 'export', title: 'Staff export: pledges', run: exportBench, markdown: exportMarkdown },
  { key: 'load', title: 'Load (autocannon)', run: loadBench, markdown: loadMarkdown },
] as const;

function summary(f: Figures): string {
  const rows: (string | number)[][] = [];
  const api = f.coldStart?.functions.find((fn) => fn.name === 'api');
  if (api) {
    rows.push(['API Lambda: code read at cold start', `${kib(api.eagerBytes)} (whole bundle ${kib(api.codeBytes)})`, `at most ${kib(API_GOALS.eagerBytes)}`, api.eagerBytes <= API_GOALS.eagerBytes ? 'met' : 'not met']);
    rows.push(['API Lambda: cold import median (wall; CPU)', `${api.importMs.median.toFixed(1)} ms; ${api.importCpuMs.median.toFixed(1)} ms`, `at most ${API_GOALS.importMedianMs} ms`, api.importMs.median <= API_GOALS.importMedianMs ? 'met' : 'not met']);
  }
  if (f.lockRequest) rows.push(['Lock request p50 / its raw DynamoDB calls p50', ratio(f.lockRequest.ratio), 'within 1.5x', f.lockRequest.ratio <= 1.5 ? 'met' : 'not met']);
  if (f.pledge) rows.push(['Pledge p50 / its raw DynamoDB calls p50', ratio(f.pledge.ratio), 'within 1.5x', f.pledge.ratio <= 1.5 ? 'met' : 'not met']);
  if (f.export) rows.push(['Pledge export throughput / raw Query', f.export.ratio.toFixed(2), '', '']);
  for (const r of f.load?.routes ?? []) rows.push([`Load: ${r.route}`, `${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.ratio === undefined ? '' : `, ${ratio(r.ratio)} raw`}`, '', '']);
  if (f.pageWeight) {
    const worst = Math.min(...f.pageWeight.lighthouse.map((l) => l.scores.performance));
    rows.push([`Pages over the weight budget (${kib(f.pageWeight.budgetBytes)}); lowest Lighthouse performance score`, `${f.pageWeight.overBudget} of ${f.pageWeight.pageCount}; ${worst}`, '', '']);
  }
  return section('Summary', table(['figure', 'measured', 'goal', ''], rows, ['l', 'r', 'l', 'l']));
}

const started = machine();
const figures: Figures = {};
const sections: string[] = [];
const failures: string[] = [];
for (const bench of BENCHES) {
  const t0 = performance.now();
  console.log(`\n== ${bench.title} ==`);
  try {
    const result = await bench.run();
    (figures as Record<string, unknown>)[bench.key] = result;
    // Each renderer takes its own bench's figures.
    const part = (bench.markdown as (f: typeof result) => string)(result);
    sections.push(`${part}\n\n_Took ${((performance.now() - t0) / 1000).toFixed(0)} s._`);
    console.log(part);
  } catch (error) {
    failures.push(bench.title);
    sections.push(section(bench.title, `**This benchmark failed:** ${(error as Error).message}`));
    console.error(error);
  }
}
const loadAfter = loadavg();

const header = [
  '# Lockline: figures',
  `Written by \`npm run bench\` (bench/run-all.ts) on ${started.date}. Local figures on a shared development machine: ` +
    'AWS adds network time to every DynamoDB call and Lambda runs on arm64, so compare rows with each other rather than with production. ' +
    'The load average shows how busy the machine was (other work ran on it at the same time).',
  table(
    ['machine', ''],
    [
      ['CPU', started.cpu],
      ['cores', started.cores],
      ['memory', `${started.memoryGiB.toFixed(1)} GiB`],
      ['Node.js', started.node],
      ['Java (DynamoDB Local)', started.java],
      ['Chromium (Lighthouse)', started.chromium],
      ['git commit', `${started.commit}${started.changed.length ? ` (with uncommitted changes to ${started.changed.join(', ')})` : ''}`],
      ['load average (1, 5, 15 min) before; after', `${started.loadBefore.map((l) => l.toFixed(2)).join(', ')}; ${loadAfter.map((l) => l.toFixed(2)).join(', ')}`],
    ],
  ),
].join('\n\n');

writeFileSync(RESULTS, `${[header, summary(figures), ...sections].join('\n\n')}\n`);
console.log(`\nWrote ${RESULTS}`);
if (failures.length > 0) {
  console.error(`Failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
