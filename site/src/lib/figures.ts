import { FIGURE_TOKEN, resolveFigure, type Figure } from '#domain/figure';
import type { SiteLocale } from '../i18n/ui.ts';

/**
 * Expands `{{fig:<id>}}` tokens in a page's rendered HTML into the figure's value and a link to
 * its numbered source, and returns the figures used (for the page's source list). Done at render
 * time from the figures collection, so a changed figure shows on every page at the next build.
 * Unknown or unverified figures throw, which fails the build.
 */
const WORDS = {
  en: { source: 'source', data: 'data from' },
  es: { source: 'fuente', data: 'datos de' },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function expandFigures(html: string, figures: readonly Figure[], locale: SiteLocale): { html: string; used: Figure[] } {
  const used: Figure[] = [];
  const words = WORDS[locale];
  const out = html.replace(FIGURE_TOKEN, (_token, id: string) => {
    const figure = resolveFigure(figures, id);
    if (!used.includes(figure)) used.push(figure);
    const n = used.indexOf(figure) + 1;
    return (
      `<strong class="figure" data-figure="${figure.id}">${escapeHtml(figure.value[locale])}</strong>` +
      ` <span class="figure-source">(<a href="#figure-source-${n}">${words.source} ${n}</a>, ${words.data} ${escapeHtml(figure.dataYear)})</span>`
    );
  });
  return { html: out, used };
}
