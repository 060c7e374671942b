import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ChartData } from './chart-data.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Two fills with 4.5:1 contrast or more on white, told apart by the legend and the table too. */
const FILLS = ['#1d4ed8', '#9a3412', '#166534'];
const WIDTH = 320;
const LABEL_HEIGHT = 16;
const BAR_HEIGHT = 14;
const GAP = 10;

/**
 * A horizontal bar chart as inline SVG (no script, no style attributes: the site's CSP holds),
 * readable on a phone: each category's name sits above its bars. The SVG is an image with a title
 * and a short text alternative; the table beside it carries every number for screen readers and
 * for copying.
 */
export function renderChart(chart: ChartData, locale: 'en' | 'es'): Html {
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const rowHeight = LABEL_HEIGHT + chart.series.length * BAR_HEIGHT + GAP;
  const height = Math.max(1, chart.labels.length) * rowHeight;
  const scale = (WIDTH - 48) / max;
  const total = chart.series.map((s) => `${s.name}: ${s.values.reduce((a, b) => a + b, 0)}`).join('; ');
  const summary = locale === 'es' ? `Totales: ${total}. Los números están en la tabla.` : `Totals: ${total}. The numbers are in the table.`;
  const bars = chart.labels.map((label, i) => {
    const top = i * rowHeight;
    return raw(
      `<text x="0" y="${top + 12}" font-size="12" fill="#1a1a1a">${escapeXml(label)}</text>` +
        chart.series
          .map((s, j) => {
            const value = s.values[i] ?? 0;
            const y = top + LABEL_HEIGHT + j * BAR_HEIGHT;
            const w = Math.max(value > 0 ? 2 : 0, Math.round(value * scale));
            return `<rect x="0" y="${y}" width="${w}" height="${BAR_HEIGHT - 3}" fill="${FILLS[j % FILLS.length]}"/><text x="${w + 4}" y="${y + 10}" font-size="11" fill="#1a1a1a">${value}</text>`;
          })
          .join(''),
    );
  });
  const titleId = `chart-${chart.id}-title`;
  const descId = `chart-${chart.id}-desc`;
  return html`<section class="staff-chart" aria-labelledby="${chart.id}-heading">
<h3 id="${chart.id}-heading">${chart.title}</h3>
<p>${chart.caption}</p>
${chart.series.length > 1 ? html`<ul class="staff-chart__legend">${chart.series.map((s, j) => html`<li><svg width="12" height="12" aria-hidden="true" focusable="false"><rect width="12" height="12" fill="${FILLS[j % FILLS.length]}"/></svg> ${s.name}</li>`)}</ul>` : ''}
<div class="staff-chart__body">
<svg class="staff-chart__svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" focusable="false"><title id="${titleId}">${chart.title}</title><desc id="${descId}">${summary}</desc>${bars}</svg>
<div class="table-scroll" tabindex="0" role="region" aria-label="${chart.title}"><table class="staff-table">
<caption class="visually-hidden">${chart.title}</caption>
<thead><tr><th scope="col">${locale === 'es' ? 'Categoría' : 'Category'}</th>${chart.series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
<tbody>${chart.labels.map((label, i) => html`<tr><th scope="row">${label}</th>${chart.series.map((s) => html`<td>${s.values[i] ?? 0}</td>`)}</tr>`)}</tbody>
</table></div>
</div>
</section>`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
