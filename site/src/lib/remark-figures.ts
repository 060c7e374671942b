import { readFileSync } from 'node:fs';
import { FIGURE_TOKEN, figuresFileSchema, resolveFigure, type Figure } from '../../../functions/src/domain/figure.ts';

/**
 * Replaces `{{fig:<id>}}` in Markdown with the figure's value and a link to its entry in a
 * "Sources for the figures on this page" list that the plugin appends. The locale comes from the
 * file's folder (content/pages/es/ is Spanish). Any unknown or unverified figure fails the build.
 */
type Node = { type: string; value?: string; children?: Node[]; depth?: number };
type VFile = { path?: string; history?: string[] };

const FIGURES_PATH = new URL('../content/figures/figures.json', import.meta.url);

function loadFigures(): Figure[] {
  return figuresFileSchema.parse(JSON.parse(readFileSync(FIGURES_PATH, 'utf8')));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WORDS = {
  en: { heading: 'Sources for the figures on this page', source: 'source', data: 'data from' },
  es: { heading: 'Fuentes de las cifras de esta página', source: 'fuente', data: 'datos de' },
};

export function remarkFigures() {
  const figures = loadFigures();
  return (tree: Node, file: VFile) => {
    const path = file.path ?? file.history?.[0] ?? '';
    const locale = /[/\\]es[/\\]/.test(path) ? 'es' : 'en';
    const words = WORDS[locale];
    const used: Figure[] = [];

    const visit = (node: Node) => {
      if (!node.children) return;
      const next: Node[] = [];
      for (const child of node.children) {
        if (child.type === 'text' && child.value && FIGURE_TOKEN.test(child.value)) {
          FIGURE_TOKEN.lastIndex = 0;
          let last = 0;
          for (const match of child.value.matchAll(FIGURE_TOKEN)) {
            const figure = resolveFigure(figures, match[1]!);
            if (!used.includes(figure)) used.push(figure);
            const n = used.indexOf(figure) + 1;
            next.push({ type: 'text', value: child.value.slice(last, match.index) });
            next.push({
              type: 'html',
              value:
                `<strong class="figure" data-figure="${figure.id}">${escapeHtml(figure.value[locale])}</strong>` +
                ` <span class="figure-source">(<a href="#figure-source-${n}">${words.source} ${n}</a>, ${words.data} ${escapeHtml(figure.dataYear)})</span>`,
            });
            last = (match.index ?? 0) + match[0].length;
          }
          next.push({ type: 'text', value: child.value.slice(last) });
        } else {
          visit(child);
          next.push(child);
        }
      }
      node.children = next;
    };
    visit(tree);

    if (used.length > 0) {
      const items = used
        .map(
          (f, i) =>
            `<li id="figure-source-${i + 1}"><a href="${escapeHtml(f.source.url)}" rel="noreferrer">${escapeHtml(f.source.title)}</a> (${words.data} ${escapeHtml(f.dataYear)}).</li>`,
        )
        .join('');
      tree.children?.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: words.heading }] });
      tree.children?.push({ type: 'html', value: `<ol class="figure-sources" data-figure-sources>${items}</ol>` });
    }
  };
}
