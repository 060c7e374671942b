/**
 * Each built page's first-load weight (compressed) and, for one page per template, the Lighthouse
 * scores against the local server (Debian's Chromium, tests/support/lighthouse.ts). Run
 * `npm run build:site` first.
 */
import { startPlatform } from '../functions/src/local/platform.ts';
import { SITE_DIST } from '../functions/src/local/paths.ts';
import { builtPages } from '../scripts/content-lint.ts';
import { PAGE_BUDGET_BYTES, pageWeight, type PageWeight } from '../scripts/page-weight.ts';
import { runLighthouse, type LighthouseScores } from '../tests/support/lighthouse.ts';
import { kib, section, table } from './markdown.ts';

const TEMPLATES = ['/', '/es/', '/safe-storage/', '/red-flag-laws/', '/red-flag-laws/wa/', '/red-flag-laws/which-option/', '/c/demo-city/get-a-lock/', '/c/demo-city/get-a-lock/request/'];

export interface PageWeightFigures {
  budgetBytes: number;
  pageCount: number;
  medianBytes: number;
  maxBytes: number;
  overBudget: number;
  heaviest: { page: string; weight: PageWeight }[];
  lighthouse: { path: string; scores: LighthouseScores }[];
}

export async function pageWeightBench(): Promise<PageWeightFigures> {
  const pages = builtPages(SITE_DIST).map((p) => ({ page: p.page, weight: pageWeight(SITE_DIST, p.file) }));
  pages.sort((a, b) => b.weight.total - a.weight.total);
  const totals = pages.map((p) => p.weight.total).sort((a, b) => a - b);

  const lighthouse: PageWeightFigures['lighthouse'] = [];
  const platform = await startPlatform({ port: 0, host: '127.0.0.1', sesPort: 0, dataDir: '/tmp', inMemory: true, logLevel: 'SILENT' });
  try {
    for (const path of TEMPLATES) lighthouse.push({ path, scores: await runLighthouse(`${platform.url}${path}`) });
  } finally {
    await platform.stop();
  }
  return {
    budgetBytes: PAGE_BUDGET_BYTES,
    pageCount: pages.length,
    medianBytes: totals[Math.floor(totals.length / 2)]!,
    maxBytes: totals.at(-1)!,
    overBudget: totals.filter((t) => t > PAGE_BUDGET_BYTES).length,
    heaviest: pages.slice(0, 12),
    lighthouse,
  };
}

export function pageWeightMarkdown(f: PageWeightFigures): string {
  return section(
    'Page weight and Lighthouse',
    `First load of each built page, gzip -9 (HTML and every stylesheet, script, image and font it references; budget ${kib(f.budgetBytes)}): ${f.pageCount} pages, ` +
      `median ${kib(f.medianBytes)}, heaviest ${kib(f.maxBytes)}, over budget: ${f.overBudget}. The twelve heaviest:`,
    table(
      ['page', 'HTML', 'CSS', 'JS', 'other', 'total'],
      f.heaviest.map(({ page, weight: w }) => [page, kib(w.html), kib(w.css), kib(w.scripts), kib(w.other), kib(w.total)]),
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    'Lighthouse 12 (mobile emulation, Debian Chromium headless, local server), one page per template:',
    table(
      ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'failing audits'],
      f.lighthouse.map(({ path, scores: s }) => [path, s.performance, s.accessibility, s['best-practices'], s.seo, s.failing.join(', ') || 'none']),
      ['l', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(pageWeightMarkdown(await pageWeightBench()));
