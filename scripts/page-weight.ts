/**
 * What a first visit to a page downloads, compressed: the HTML plus every stylesheet, script,
 * image, icon and font it references from our origin. Gzip level 9 stands in for CloudFront's
 * compression. Used by tests/unit/page-weight.test.ts (budget) and bench/page-weight.ts (report).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'node-html-parser';

export const PAGE_BUDGET_BYTES = 60 * 1024;

export interface PageWeight {
  html: number;
  css: number;
  scripts: number;
  other: number;
  total: number;
  assets: string[];
}

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

export function pageWeight(distDir: string, htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile);
  const root = parse(html.toString('utf8'));
  const refs = new Set<string>();
  for (const el of root.querySelectorAll('link[rel="stylesheet"], link[rel="icon"], script[src], img[src], source[srcset]')) {
    const ref = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('srcset')?.split(/\s/)[0];
    if (ref && ref.startsWith('/') && !ref.startsWith('//')) refs.add(ref.split(/[?#]/)[0]!);
  }
  const weight: PageWeight = { html: gz(html), css: 0, scripts: 0, other: 0, total: 0, assets: [...refs] };
  for (const ref of refs) {
    const file = join(distDir, ref);
    if (!existsSync(file)) throw new Error(`${htmlFile} references a missing file: ${ref}`);
    const size = gz(readFileSync(file));
    if (ref.endsWith('.css')) weight.css += size;
    else if (ref.endsWith('.js')) weight.scripts += size;
    else weight.other += size;
  }
  weight.total = weight.html + weight.css + weight.scripts + weight.other;
  return weight;
}
