import { html } from 'hono/html';
import { CRISIS_RESOURCES, crisisLinks } from '../../domain/crisis-resources.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import type { LockEmailKind } from '../rules/lifecycle.ts';
import { TEXT } from './lock-email-copy.ts';

/**
 * The emails a resident gets about a free-lock request, in English and Spanish, as plain text and
 * HTML. Pure: data in, strings out. People may read these in a crisis, and someone else in the
 * household may see them, so they carry only the campaign, the confirmation code, the lock type and
 * quantity, the pickup site, dates and the private status link: never a name, an address (other
 * than the site's) or anything about firearms or reasons. Every email ends with the crisis lines
 * from crisis-resources.ts. tests/unit/lock-emails.test.ts runs the content linter over every kind.
 */

export { LOCK_EMAIL_KINDS, type LockEmailKind } from '../rules/lifecycle.ts';

export interface LockEmailData {
  kind: LockEmailKind;
  /** The request's language; anything other than 'es' (or 'es-…') gets English (only en/es templates exist). */
  language: string;
  campaignName: string;
  confirmationCode: string;
  /** Private link to the status page (absolute https URL). */
  statusUrl: string;
  delivery: 'mail' | 'pickup';
  lockType: 'cable' | 'box';
  /** 1..n */
  quantity: number;
  /** Pickup only: the site. */
  site?: { name: string; address: string; hours: string };
  /** Pickup only: the day the reservation ends, already formatted 'YYYY-MM-DD'. */
  holdUntil?: string;
}

export interface RenderedEmail {
  subject: string;
  /**
   * What an inbox or a phone's notification shows after the subject: the start of the text part.
   * Like the subject it must never name firearms (the content linter checks both).
   */
  preview: string;
  text: string;
  html: string;
  locale: SiteLocale;
}

const STYLE = {
  body: 'margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5',
  column: 'max-width:600px;margin:0 auto',
  h1: 'font-size:22px;line-height:1.3;margin:0 0 16px',
  link: 'color:#0b4f8a;text-decoration:underline',
};

/** '2026-05-01' → 'May 1, 2026' / '1 de mayo de 2026'; anything else is shown as given. */
function longDate(locale: SiteLocale, day: string | undefined): string {
  if (!day) return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Intl.DateTimeFormat(TEXT[locale].dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * The crisis closing, all from crisis-resources.ts. Text: the closing line (988 call, text, chat),
 * the Crisis Text Line keyword for this language, 911, then the 988 language/veteran options.
 * HTML: the closing line, the same lines as tel:/sms:/https: links, then the options.
 */
function crisisClosing(locale: SiteLocale) {
  const r = CRISIS_RESOURCES;
  const textOnly = [`${r.textLine.text[locale].label[locale]}.`, `${r.emergency.call.label[locale]}.`];
  return {
    line: r.closingLine[locale],
    text: [r.closingLine[locale], ...textOnly, r.lifeline.options[locale]].join(' '),
    links: crisisLinks(locale),
    options: r.lifeline.options[locale],
  };
}

/** Inboxes and lock screens show about this much of a message's start. */
const PREVIEW_CHARACTERS = 140;

export function renderLockEmail(data: LockEmailData): RenderedEmail {
  const locale: SiteLocale = /^es(?:-|$)/i.test(data.language.trim()) ? 'es' : 'en';
  const t = TEXT[locale];
  const pickup = data.delivery === 'pickup';
  const locks = `${data.quantity} ${t.lock[data.lockType][data.quantity === 1 ? 0 : 1]}`;
  const copy = t.kinds[data.kind]({ locks, campaign: data.campaignName, date: longDate(locale, data.holdUntil), pickup });
  const site = copy.site && pickup ? data.site : undefined;
  const code = data.confirmationCode;
  const subject = `${t.subject(code)}${copy.status ? `: ${copy.status}` : ''}`.replace(/\s+/g, ' ').trim();
  const crisis = crisisClosing(locale);
  const siteLines = site ? [`${t.site.name}: ${site.name}`, `${t.site.address}: ${site.address}`, `${t.site.hours}: ${site.hours}`] : [];

  const text = [
    t.hello,
    ...copy.body,
    ...(siteLines.length ? [siteLines.join('\n')] : []),
    t.code(code),
    `${t.statusLink}:\n${data.statusUrl}\n${t.statusPrivate}`,
    `${t.thanks}\n${data.campaignName}`,
    crisis.text,
  ].join('\n\n');

  const body = html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="${STYLE.body}">
<div style="${STYLE.column}">
<h1 style="${STYLE.h1}">${copy.heading}</h1>
<p>${t.hello}</p>
${copy.body.map((p) => html`<p>${p}</p>\n`)}${site
    ? html`<p><strong>${t.site.name}:</strong> ${site.name}<br>
<strong>${t.site.address}:</strong> ${site.address}<br>
<strong>${t.site.hours}:</strong> ${site.hours}</p>\n`
    : ''}<p>${t.code(code)}</p>
<p><a href="${data.statusUrl}" style="${STYLE.link}">${t.statusLink}</a>. ${t.statusPrivate}</p>
<p>${t.thanks}<br>${data.campaignName}</p>
<hr>
<p><strong>${crisis.line}</strong></p>
<p>${crisis.links.map((l, i) => html`${i ? html`<br>\n` : ''}<a href="${l.href}" style="${STYLE.link}">${l.label}</a>`)}</p>
<p>${crisis.options}</p>
</div>
</body>
</html>
`;
  const preview = text.replace(/\s+/g, ' ').slice(0, PREVIEW_CHARACTERS);
  return { subject, preview, text, html: String(body), locale };
}
