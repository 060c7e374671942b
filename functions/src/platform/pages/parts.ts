import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * Pieces every API-rendered page shares, so the GOV.UK patterns are written once: the error
 * summary (focused on load, links to each field) and the field error line.
 */
export interface SummaryError {
  /** The id of the field the link moves focus to. */
  href: string;
  text: string;
}

export function errorSummary(title: string, errors: readonly SummaryError[]): HtmlEscapedString | Promise<HtmlEscapedString> | '' {
  if (!errors.length) return '';
  return html`<div class="error-summary" tabindex="-1" autofocus data-error-summary>
  <div role="alert"><h2 class="error-summary__title" id="error-summary-title">${title}</h2>
  <ul class="error-summary__list">${errors.map((e) => html`<li><a href="#${e.href}">${e.text}</a></li>`)}</ul></div></div>`;
}

export function fieldError(id: string, messages: readonly string[] | undefined, prefix: string): HtmlEscapedString | Promise<HtmlEscapedString> | '' {
  if (!messages?.length) return '';
  return html`<p class="field__error" id="${id}-error"><span class="visually-hidden">${prefix}</span> ${messages.join('. ')}</p>`;
}

/** The concrete action every lock page ends with (the content linter's `data-action`). */
export const CRISIS_ACTION = {
  en: 'If you need to talk to someone now, call or text 988.',
  es: 'Si necesita hablar con alguien ahora, llame o envíe un texto al 988.',
} as const;
