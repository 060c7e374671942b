import { CRISIS_RESOURCES } from '#domain/crisis-resources';
import type { SiteLocale } from '../i18n/ui.ts';

/**
 * Expands `{{line:<id>}}` tokens in a page's rendered HTML into a real tel:/sms:/https: link from
 * the one crisis-resources module, so a page never retypes a hotline number: when a number or
 * keyword changes there, every page follows at the next build. An unknown id throws, which fails
 * the build. Each link carries `data-crisis-line="<id>"`: the content linter fails a tel: or sms:
 * link in a page's Markdown body that lacks it (a number typed into the page).
 */
export const LINE_TOKEN = /\{\{line:([a-z0-9-]+)\}\}/g;

const r = CRISIS_RESOURCES;

export const CRISIS_LINES = {
  '988-call': r.lifeline.call,
  '988-text': r.lifeline.text,
  '988-chat': r.lifeline.chat,
  '911': r.emergency.call,
  'dv-call': r.domesticViolence.call,
  'dv-text': r.domesticViolence.text,
  'trevor-call': r.trevor.call,
  'trevor-text': r.trevor.text,
  'trevor-chat': r.trevor.chat,
} as const;

export type CrisisLineId = keyof typeof CRISIS_LINES;

type Link = { href: string; label: Record<SiteLocale, string> };

/** Some routes differ by language (988's text line takes AYUDA in Spanish): pick the page's. */
export const lineFor = (id: CrisisLineId, locale: SiteLocale): Link => {
  const line: Link | Record<SiteLocale, Link> = CRISIS_LINES[id];
  return 'href' in line ? (line as Link) : (line as Record<SiteLocale, Link>)[locale];
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const isLineId = (id: string): id is CrisisLineId => Object.hasOwn(CRISIS_LINES, id);

export function expandCrisisLines(html: string, locale: SiteLocale): string {
  return html.replace(LINE_TOKEN, (_token, id: string) => {
    if (!isLineId(id)) {
      throw new Error(`Unknown crisis line "{{line:${id}}}": use one of ${Object.keys(CRISIS_LINES).join(', ')}.`);
    }
    const line = lineFor(id, locale);
    return `<a href="${escapeHtml(line.href)}" data-crisis-line="${id}">${escapeHtml(line.label[locale])}</a>`;
  });
}
