import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { CRISIS_RESOURCES, crisisLinks } from '../../domain/crisis-resources.ts';
import type { SiteLocale } from '../../domain/locales.ts';

/** Inline styles (mail clients drop style sheets): one column, readable type, visible links. */
export const EMAIL_STYLE = {
  body: 'margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5',
  column: 'max-width:600px;margin:0 auto',
  h1: 'font-size:22px;line-height:1.3;margin:0 0 16px',
  link: 'color:#0b4f8a;text-decoration:underline',
  button: 'display:inline-block;padding:10px 18px;background:#00703c;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:4px',
} as const;

/**
 * The crisis closing every email ends with, all from crisis-resources.ts. Text: the closing line
 * (988 call, text, chat), the Crisis Text Line keyword for this language, 911, then the 988
 * language/veteran options. HTML: the closing line, the same lines as tel:/sms:/https: links,
 * then the options.
 */
export function crisisClosing(locale: SiteLocale) {
  const r = CRISIS_RESOURCES;
  const textOnly = [`${r.textLine.text[locale].label[locale]}.`, `${r.emergency.call.label[locale]}.`];
  return {
    line: r.closingLine[locale],
    text: [r.closingLine[locale], ...textOnly, r.lifeline.options[locale]].join(' '),
    links: crisisLinks(locale),
    options: r.lifeline.options[locale],
  };
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * An email's HTML part: the document, its heading, the capability's own paragraphs (`main`, each
 * ending in a newline), then the crisis closing. Every capability's emails share it.
 */
export function emailDocument(locale: SiteLocale, title: string, heading: string, main: Html): string {
  const crisis = crisisClosing(locale);
  return String(html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="${EMAIL_STYLE.body}">
<div style="${EMAIL_STYLE.column}">
<h1 style="${EMAIL_STYLE.h1}">${heading}</h1>
${main}<hr>
<p><strong>${crisis.line}</strong></p>
<p>${crisis.links.map((l, i) => html`${i ? html`<br>\n` : ''}<a href="${l.href}" style="${EMAIL_STYLE.link}">${l.label}</a>`)}</p>
<p>${crisis.options}</p>
</div>
</body>
</html>
`);
}
