import { html } from 'hono/html';
import type { SharedPages } from '../../domain/campaign-paths.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import { CRISIS_ACTION } from '../../platform/pages/parts.ts';
import { MANAGE_TEXT, PLEDGE_TEXT, pledgeCountLines } from './text.ts';

/**
 * The pages around the form: "check your email", the pages the email's links open (each shows a
 * button that POSTs, so a mail scanner opening the link changes nothing), their results, and a
 * link that does not work. Every page ends with a hope statement and the crisis action.
 */
const closing = (locale: SiteLocale) => html`<p class="callout" data-hope>${MANAGE_TEXT[locale].hope}</p>
<p data-action>${CRISIS_ACTION[locale]}</p>`;

/** Where the pledge's next-step links go: the lock finder and the shared pages, in the page's language. */
export interface NextLinks {
  finder: string;
  shared: SharedPages;
}

export function renderCheckEmail(locale: SiteLocale, findLock: string | null): string {
  const t = MANAGE_TEXT[locale];
  return String(html`<h1>${t.checkTitle}</h1>
<div class="panel" role="status" data-check-email>${t.checkBody.map((p) => html`<p>${p}</p>`)}</div>
${findLock ? html`<p><a class="button button--secondary" href="${findLock}">${t.findLock}</a></p>` : ''}
${closing(locale)}`);
}

/** A link's page: what pressing the button does, and the button (a POST to the same address). */
export function renderLinkAction(locale: SiteLocale, kind: 'confirm' | 'unsubscribe' | 'delete', action: string): string {
  const t = MANAGE_TEXT[locale];
  const copy = {
    confirm: [t.confirmTitle, t.confirmBody, t.confirmButton],
    unsubscribe: [t.leaveTitle, t.leaveBody, t.leaveButton],
    delete: [t.deleteTitle, t.deleteBody, t.deleteButton],
  }[kind];
  return String(html`<h1>${copy[0]}</h1>
<p>${copy[1]}</p>
<form method="post" action="${action}" data-link-action="${kind}">
  <button class="button${kind === 'delete' ? ' button--secondary' : ''}" type="submit">${copy[2]}</button>
</form>
${closing(locale)}`);
}

export function renderThanks(locale: SiteLocale, counts: { here: number | null; national: number | null }, next: NextLinks, city?: string): string {
  const t = MANAGE_TEXT[locale];
  const lines = pledgeCountLines(locale, counts, city);
  return String(html`<h1>${t.thanksTitle}</h1>
<div class="panel" role="status" data-pledge-confirmed><p>${t.thanksBody}</p>${lines.length ? html`<p data-pledge-count>${lines.join(' ')}</p>` : ''}</div>
<h2>${t.nextHeading}</h2>
<ul class="link-list">
  <li><a href="${next.finder}">${t.nextLock}</a></li>
  <li><a href="${next.shared('/safe-storage/')}">${t.nextStorage}</a></li>
  <li><a href="${next.shared('/warning-signs/')}">${t.nextWarning}</a></li>
</ul>
${closing(locale)}`);
}

export type ResultPage = 'unsubscribed' | 'deleted' | 'expired' | 'bad-link';

export function renderResult(locale: SiteLocale, kind: ResultPage, formPath: string): string {
  const t = MANAGE_TEXT[locale];
  const [title, ...body] = {
    unsubscribed: [t.leftTitle, t.leftBody],
    deleted: [t.deletedTitle, t.deletedBody, t.deletedBackup],
    expired: [t.expiredTitle, t.expiredBody],
    'bad-link': [t.badTitle, t.badBody],
  }[kind];
  const again = kind === 'expired' || kind === 'bad-link';
  return String(html`<h1>${title}</h1>
<div class="panel"${kind === 'unsubscribed' || kind === 'deleted' ? html` role="status"` : ''} data-pledge-result="${kind}">${body.map((p) => html`<p>${p}</p>`)}</div>
${again ? html`<p><a href="${formPath}">${t.pledgeAgain}</a></p>` : ''}
${closing(locale)}`);
}

export function renderBusy(locale: SiteLocale, retryAfterSeconds: number): string {
  const t = MANAGE_TEXT[locale];
  return String(html`<h1>${t.busyTitle}</h1>
<p>${t.busyBody(Math.max(1, Math.ceil(retryAfterSeconds / 60)))}</p>
${closing(locale)}`);
}

export function renderRefused(locale: SiteLocale, message: string, formPath: string): string {
  const t = MANAGE_TEXT[locale];
  return String(html`<h1>${t.refusedTitle}</h1>
<p>${message}</p>
<p><a href="${formPath}">${t.pledgeAgain}</a></p>
${closing(locale)}`);
}

/**
 * The count fragment static pages frame (the home pages): the campaign's count and the national
 * one on a campaign's, the national one on the site's. The page around it has the heading and the
 * link to the pledge, so the fragment needs neither; without a count it still invites people in.
 */
export function renderCountFrame(locale: SiteLocale, counts: { here: number | null; national: number | null }, city?: string): string {
  const lines = pledgeCountLines(locale, counts, city);
  return String(html`<p class="count-frame__text" data-pledge-count>${lines.length ? lines.join(' ') : PLEDGE_TEXT[locale].frameNoCount}</p>`);
}
