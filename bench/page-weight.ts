/**
 * Prints each built page's first-load weight (compressed) and, for one page per template, the
 * Lighthouse performance score against the local server. Run `npm run build` first.
 */
import { startPlatform } from '../functions/src/local/platform.ts';
import { SITE_DIST } from '../functions/src/local/paths.ts';
import { builtPages } from '../scripts/content-lint.ts';
import { PAGE_BUDGET_BYTES, pageWeight } from '../scripts/page-weight.ts';
import { runLighthouse } from '../tests/support/lighthouse.ts';

const TEMPLATES = ['/', '/es/', '/safe-storage/', '/red-flag-laws/', '/red-flag-laws/wa/', '/red-flag-laws/which-option/', '/c/demo-city/get-a-lock/', '/c/demo-city/get-a-lock/request/'];

export async function pageWeightBench() {
  const pages = builtPages(SITE_DIST).map((p) => ({ ...p, weight: pageWeight(SITE_DIST, p.file) }));
  pages.sort((a, b) => b.weight.total - a.weight.total);
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(`\nPage weight, first load, gzip -9 (budget ${kb(PAGE_BUDGET_BYTES)} KB); ${pages.length} pages, heaviest first\n`);
  console.log('| page | HTML KB | CSS KB | JS KB | other KB | total KB |');
  console.log('|---|---|---|---|---|---|');
  for (const p of pages.slice(0, 12)) {
    const w = p.weight;
    console.log(`| ${p.page} | ${kb(w.html)} | ${kb(w.css)} | ${kb(w.scripts)} | ${kb(w.other)} | ${kb(w.total)} |`);
  }
  const totals = pages.map((p) => p.weight.total).sort((a, b) => a - b);
  console.log(`\nmedian ${kb(totals[Math.floor(totals.length / 2)]!)} KB, max ${kb(totals.at(-1)!)} KB, over budget: ${totals.filter((t) => t > PAGE_BUDGET_BYTES).length}`);

  const platform = await startPlatform({ port: 0, host: '127.0.0.1', sesPort: 0, dataDir: '/tmp', inMemory: true, logLevel: 'SILENT' });
  try {
    console.log('\nLighthouse (mobile emulation, local server)\n');
    console.log('| page | performance | accessibility | best practices | SEO |');
    console.log('|---|---|---|---|---|');
    for (const path of TEMPLATES) {
      const s = await runLighthouse(`${platform.url}${path}`);
      console.log(`| ${path} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} |`);
    }
  } finally {
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await pageWeightBench();
