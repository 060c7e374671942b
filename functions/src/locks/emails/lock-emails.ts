import { html } from 'hono/html';
import type { SiteLocale } from '../../domain/locales.ts';
import { crisisClosing, EMAIL_STYLE, emailDocument } from '../../platform/email/layout.ts';
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


/** '2026-05-01' → 'May 1, 2026' / '1 de mayo de 2026'; anything else is shown as given. */
function longDate(locale: SiteLocale, day: string | undefined): string {
  if (!day) return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Intl.DateTimeFormat(TEXT[locale].dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
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

  const body = emailDocument(
    locale,
    subject,
    copy.heading,
    html`<p>${t.hello}</p>
${copy.body.map((p) => html`<p>${p}</p>\n`)}${site
      ? html`<p><strong>${t.site.name}:</strong> ${site.name}<br>
<strong>${t.site.address}:</strong> ${site.address}<br>
<strong>${t.site.hours}:</strong> ${site.hours}</p>\n`
      : ''}<p>${t.code(code)}</p>
<p><a href="${data.statusUrl}" style="${EMAIL_STYLE.link}">${t.statusLink}</a>. ${t.statusPrivate}</p>
<p>${t.thanks}<br>${data.campaignName}</p>
`,
  );
  const preview = text.replace(/\s+/g, ' ').slice(0, PREVIEW_CHARACTERS);
  return { subject, preview, text, html: body, locale };
}
