import { html } from 'hono/html';
import { campaignTimeZone, type Campaign } from '../../domain/campaign.ts';
import { residentMayCancel, type LockRequestRecord, type RequestStatus } from '../rules/lifecycle.ts';
import { REFUSAL_MESSAGES, type Refusal } from '../../domain/errors.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import { CRISIS_ACTION } from '../../platform/pages/parts.ts';

/**
 * The resident's private status page (reached by the link in the confirmation email or the
 * redirect after the form), a "you already asked" page, and the "too many tries" page. Pure
 * renderers; the route decides which one and the HTTP status.
 */

const TEXT = {
  en: {
    title: 'Your free lock request',
    code: 'Your confirmation code',
    codeHint: 'Keep this code. Staff can find your request with it.',
    private: 'This page is private: do not share its link. We emailed the same link to you if you gave an email address.',
    status: {
      requested: ['Request received', 'We have a lock set aside for you.'],
      ready: ['Ready to pick up', 'Your lock is waiting for you at the site.'],
      shipped: ['Mailed', 'Your lock is on its way.'],
      picked_up: ['Picked up', 'You picked up your lock. Thank you.'],
      cancelled: ['Cancelled', 'This request is cancelled. You can ask again any time.'],
      waitlisted: ['On the waitlist', 'None are left right now. We will email you when a lock is ready for you.'],
    } satisfies Record<RequestStatus, [string, string]>,
    lapsed: 'The pickup time ended, so the lock went back for someone else. You can ask again any time.',
    details: 'Details',
    how: 'How',
    mail: 'By mail',
    pickup: 'Pick up',
    site: 'Site',
    hours: 'Hours',
    holdUntil: 'Held for you until',
    what: 'What',
    lock: (type: string, n: number) => `${n} ${type === 'box' ? (n === 1 ? 'lock box' : 'lock boxes') : n === 1 ? 'cable lock' : 'cable locks'}`,
    mailTo: 'Mailing to',
    asked: 'Asked on',
    history: 'What has happened',
    cancel: 'Cancel my request',
    cancelHint: 'If you no longer need it, cancel it so the lock can go to someone else.',
    askAgain: 'Ask for a lock again',
    safeStorage: 'How to use a lock safely',
    hope: 'Locking firearms is a simple step that can save a life.',
    notFoundTitle: 'We could not find that request',
    notFound: 'The link may be incomplete, or the request was deleted after it ended. You can ask for a lock again.',
    limitedTitle: 'Too many tries',
    refusedTitle: 'We could not take that',
    limited: (minutes: number) => `Please wait about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again.`,
  },
  es: {
    title: 'Su solicitud de candado gratis',
    code: 'Su código de confirmación',
    codeHint: 'Guarde este código. El personal puede encontrar su solicitud con él.',
    private: 'Esta página es privada: no comparta el enlace. Le enviamos el mismo enlace por correo si nos dio un correo electrónico.',
    status: {
      requested: ['Solicitud recibida', 'Tenemos un candado apartado para usted.'],
      ready: ['Listo para recoger', 'Su candado le espera en el lugar de entrega.'],
      shipped: ['Enviado', 'Su candado va en camino.'],
      picked_up: ['Recogido', 'Usted recogió su candado. Gracias.'],
      cancelled: ['Cancelada', 'Esta solicitud está cancelada. Puede pedir otro cuando quiera.'],
      waitlisted: ['En lista de espera', 'No quedan ahora. Le escribiremos cuando tengamos un candado para usted.'],
    } satisfies Record<RequestStatus, [string, string]>,
    lapsed: 'Se acabó el plazo para recogerlo, así que el candado quedó para otra persona. Puede pedir otro cuando quiera.',
    details: 'Detalles',
    how: 'Cómo',
    mail: 'Por correo',
    pickup: 'Para recoger',
    site: 'Lugar de entrega',
    hours: 'Horario',
    holdUntil: 'Se lo guardamos hasta',
    what: 'Qué',
    lock: (type: string, n: number) => `${n} ${type === 'box' ? (n === 1 ? 'caja con llave' : 'cajas con llave') : n === 1 ? 'candado de cable' : 'candados de cable'}`,
    mailTo: 'Se envía a',
    asked: 'Pedido el',
    history: 'Lo que ha pasado',
    cancel: 'Cancelar mi solicitud',
    cancelHint: 'Si ya no lo necesita, cancélela para que el candado sea para otra persona.',
    askAgain: 'Pedir un candado otra vez',
    safeStorage: 'Cómo usar un candado de forma segura',
    hope: 'Guardar las armas bajo llave es un paso sencillo que puede salvar una vida.',
    notFoundTitle: 'No encontramos esa solicitud',
    notFound: 'Puede que el enlace esté incompleto o que la solicitud se haya borrado al terminar. Puede pedir un candado otra vez.',
    limitedTitle: 'Demasiados intentos',
    refusedTitle: 'No pudimos recibir eso',
    limited: (minutes: number) => `Espere unos ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} y vuelva a intentarlo.`,
  },
};

/** Dates and times in the campaign's zone, where the person and the site are. */
const dateFormat = (locale: SiteLocale, iso: string, zone: string, withTime = false) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: zone,
  }).format(new Date(iso));

const action = (locale: SiteLocale) => CRISIS_ACTION[locale];

export interface StatusPage {
  locale: SiteLocale;
  campaign: Campaign;
  record: LockRequestRecord;
  cancelAction: string;
  requestPath: string;
  /** The safe-storage page in the page's language (a campaign's own in a language it adds). */
  storagePath: string;
}

export function renderStatus(page: StatusPage): string {
  const t = TEXT[page.locale];
  const { record, campaign } = page;
  const [heading, explain] = t.status[record.status];
  const site = record.siteId ? campaign.pickupSites.find((s) => s.id === record.siteId) : undefined;
  const storage = page.storagePath;
  const a = record.address;
  const zone = campaignTimeZone(campaign);
  return String(html`<h1>${t.title}</h1>
<div class="panel" role="status">
  <p>${t.code}</p>
  <p class="panel__code" data-confirmation-code>${record.code}</p>
  <p class="field__hint">${t.codeHint}</p>
  <h2 data-request-status="${record.status}">${heading}</h2>
  <p>${record.cancelReason === 'lapsed' ? t.lapsed : explain}</p>
</div>
<p class="note">${t.private}</p>
<h2>${t.details}</h2>
<dl class="facts">
  <dt>${t.how}</dt><dd>${record.delivery === 'mail' ? t.mail : t.pickup}</dd>
  <dt>${t.what}</dt><dd>${t.lock(record.lockType, record.quantity)}</dd>
  ${site ? html`<dt>${t.site}</dt><dd>${site.name[page.locale]}<br />${site.address.line1}, ${site.address.city}, ${site.address.state} ${site.address.zip}</dd><dt>${t.hours}</dt><dd>${site.hours[page.locale]}</dd>` : ''}
  ${record.holdUntil && (record.status === 'requested' || record.status === 'ready') ? html`<dt>${t.holdUntil}</dt><dd>${dateFormat(page.locale, record.holdUntil, zone)}</dd>` : ''}
  ${a ? html`<dt>${t.mailTo}</dt><dd>${a.line1}${a.line2 ? html`, ${a.line2}` : ''}<br />${a.city}, ${a.state} ${a.zip}</dd>` : ''}
  <dt>${t.asked}</dt><dd>${dateFormat(page.locale, record.createdAt, zone)}</dd>
</dl>
<h2>${t.history}</h2>
<ol class="timeline">${record.history.map((h) => html`<li>${dateFormat(page.locale, h.at, zone, true)}: ${t.status[h.status][0]}</li>`)}</ol>
${residentMayCancel(record.status)
  ? html`<form method="post" action="${page.cancelAction}">
  <p id="cancel-hint">${t.cancelHint}</p>
  <button class="button button--secondary" type="submit" aria-describedby="cancel-hint">${t.cancel}</button>
</form>`
  : record.status === 'cancelled'
    ? html`<p><a href="${page.requestPath}">${t.askAgain}</a></p>`
    : ''}
<p><a href="${storage}">${t.safeStorage}</a></p>
<p data-action><strong>${action(page.locale)}</strong></p>
<p class="callout" data-hope>${t.hope}</p>`);
}

export function renderStatusNotFound(locale: SiteLocale, requestPath: string): string {
  const t = TEXT[locale];
  return String(html`<h1>${t.notFoundTitle}</h1>
<p>${t.notFound}</p>
<p><a href="${requestPath}">${t.askAgain}</a></p>
<p data-action><strong>${action(locale)}</strong></p>
<p class="callout" data-hope>${t.hope}</p>`);
}

/** A post the anti-abuse path refused (another site sent it, or a token was wrong): what to do now. */
export function renderRefused(locale: SiteLocale, reason: Refusal): string {
  return String(html`<h1>${TEXT[locale].refusedTitle}</h1>
<p>${REFUSAL_MESSAGES[reason][locale]}</p>
<p data-action><strong>${action(locale)}</strong></p>
<p class="callout" data-hope>${TEXT[locale].hope}</p>`);
}

export function renderRateLimited(locale: SiteLocale, retryAfterSeconds: number): string {
  const t = TEXT[locale];
  return String(html`<h1>${t.limitedTitle}</h1>
<p>${t.limited(Math.max(1, Math.ceil(retryAfterSeconds / 60)))}</p>
<p data-action><strong>${action(locale)}</strong></p>
<p class="callout" data-hope>${t.hope}</p>`);
}

