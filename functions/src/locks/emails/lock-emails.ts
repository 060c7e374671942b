import { html } from 'hono/html';
import { CRISIS_RESOURCES, crisisLinks } from '../../domain/crisis-resources.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import type { LockEmailKind } from '../rules/lifecycle.ts';

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
  text: string;
  html: string;
  locale: SiteLocale;
}

/** What a kind's copy may use. `locks` is e.g. "2 cable locks"; `date` is the long date or ''. */
interface Vars {
  locks: string;
  campaign: string;
  date: string;
  pickup: boolean;
}
interface KindCopy {
  /** Subject suffix after the code ('' for none). */
  status: string;
  heading: string;
  body: string[];
  /** Show the pickup site block (pickup requests only). */
  site?: boolean;
}

const TEXT: Record<
  SiteLocale,
  {
    dateLocale: string;
    lock: Record<LockEmailData['lockType'], [one: string, many: string]>;
    subject: (code: string) => string;
    hello: string;
    kinds: Record<LockEmailKind, (v: Vars) => KindCopy>;
    site: { name: string; address: string; hours: string };
    code: (code: string) => string;
    statusLink: string;
    statusPrivate: string;
    thanks: string;
  }
> = {
  en: {
    dateLocale: 'en-US',
    lock: { cable: ['cable lock', 'cable locks'], box: ['lock box', 'lock boxes'] },
    subject: (code) => `Your free gun lock request ${code}`,
    hello: 'Hello,',
    kinds: {
      confirmation: (v) => ({
        status: '',
        heading: 'We got your request',
        body: [
          `Thank you. ${v.campaign} got your request for ${v.locks}.`,
          v.pickup
            ? `Your order is waiting for you at the pickup site below. We will hold it${v.date ? ` until ${v.date}` : ' for you'}.`
            : 'Your order is set aside for you. We will mail it soon.',
        ],
        site: true,
      }),
      waitlisted: (v) => ({
        status: 'on the waitlist',
        heading: 'You are on the waitlist',
        body: [
          `Thank you. ${v.campaign} got your request for ${v.locks}.`,
          'Right now we are out of stock, so you are on the waitlist. You do not need to do anything. We will email you when your order is ready.',
        ],
      }),
      allocated: (v) => ({
        status: 'now available',
        heading: 'Good news from the waitlist',
        body: [
          `You were on the waitlist. Now ${v.campaign} has ${v.locks} for you.`,
          v.pickup
            ? `Your order is waiting for you at the pickup site below. We will hold it${v.date ? ` until ${v.date}` : ' for you'}.`
            : 'Your order is set aside for you. We will mail it soon.',
        ],
        site: true,
      }),
      ready: (v) => ({
        status: 'ready to pick up',
        heading: 'Your order is ready to pick up',
        body: [
          `Your order from ${v.campaign} is ready: ${v.locks}.`,
          `Please come by the pickup site below${v.date ? ` by ${v.date}` : ''}.`,
        ],
        site: true,
      }),
      shipped: (v) => ({
        status: 'in the mail',
        heading: 'Your order is in the mail',
        body: [`Good news: ${v.campaign} mailed your order of ${v.locks}.`, 'It may take a few days to arrive.'],
      }),
      cancelled: (v) => ({
        status: 'cancelled',
        heading: 'Your request was cancelled',
        body: [
          `Your request to ${v.campaign} for ${v.locks} was cancelled.`,
          'If you still want a free lock, you can ask again at any time.',
        ],
      }),
      lapsed: (v) => ({
        status: 'pickup time ended',
        heading: 'Your pickup time ended',
        body: [
          `Your pickup time for ${v.locks} from ${v.campaign} ended${v.date ? ` on ${v.date}` : ''}, so your order went back into stock.`,
          'That is okay. If you still want a free lock, you can ask again at any time.',
        ],
      }),
      reminder: (v) => ({
        status: 'reminder',
        heading: 'You already have a request',
        body: [
          `We got another request for your household. You already have a request with ${v.campaign}, so we did not make a new one.`,
          'Here are your code and your link again. If this was not you, you do not need to do anything.',
        ],
      }),
    },
    site: { name: 'Pickup site', address: 'Address', hours: 'Hours' },
    code: (code) => `Your confirmation code is ${code}.`,
    statusLink: 'See your request at any time',
    statusPrivate: 'This link is just for you.',
    thanks: 'Thank you,',
  },
  es: {
    dateLocale: 'es-US',
    lock: { cable: ['candado de cable', 'candados de cable'], box: ['caja con llave', 'cajas con llave'] },
    subject: (code) => `Su solicitud de candado gratis ${code}`,
    hello: 'Hola:',
    kinds: {
      confirmation: (v) => ({
        status: '',
        heading: 'Recibimos su solicitud',
        body: [
          `Gracias. ${v.campaign} recibió su solicitud de ${v.locks}.`,
          v.pickup
            ? `Su pedido le espera en el lugar de entrega que aparece abajo. Se lo guardaremos${v.date ? ` hasta el ${v.date}` : ''}.`
            : 'Su pedido está apartado para usted. Se lo enviaremos por correo pronto.',
        ],
        site: true,
      }),
      waitlisted: (v) => ({
        status: 'en lista de espera',
        heading: 'Usted está en la lista de espera',
        body: [
          `Gracias. ${v.campaign} recibió su solicitud de ${v.locks}.`,
          'Por ahora no hay candados disponibles, así que usted está en la lista de espera. No tiene que hacer nada. Le escribiremos cuando su pedido esté listo.',
        ],
      }),
      allocated: (v) => ({
        status: 'ya está disponible',
        heading: 'Buenas noticias de la lista de espera',
        body: [
          `Usted estaba en la lista de espera. Ahora ${v.campaign} tiene ${v.locks} para usted.`,
          v.pickup
            ? `Su pedido le espera en el lugar de entrega que aparece abajo. Se lo guardaremos${v.date ? ` hasta el ${v.date}` : ''}.`
            : 'Su pedido está apartado para usted. Se lo enviaremos por correo pronto.',
        ],
        site: true,
      }),
      ready: (v) => ({
        status: 'puede pasar a recoger',
        heading: 'Su pedido está listo para recoger',
        body: [
          `Su pedido de ${v.campaign} está listo: ${v.locks}.`,
          `Por favor, pase a recogerlo al lugar de entrega que aparece abajo${v.date ? ` a más tardar el ${v.date}` : ''}.`,
        ],
        site: true,
      }),
      shipped: (v) => ({
        status: 'en camino',
        heading: 'Su pedido va en camino',
        body: [`Buenas noticias: ${v.campaign} le envió por correo su pedido de ${v.locks}.`, 'Puede tardar unos días en llegar.'],
      }),
      cancelled: (v) => ({
        status: 'cancelada',
        heading: 'Su solicitud fue cancelada',
        body: [
          `Su solicitud de ${v.locks} a ${v.campaign} fue cancelada.`,
          'Si todavía le interesa, puede hacer una nueva solicitud cuando quiera.',
        ],
      }),
      lapsed: (v) => ({
        status: 'terminó el plazo para recoger',
        heading: 'Terminó el plazo para recoger',
        body: [
          `Terminó${v.date ? ` el ${v.date}` : ''} el plazo para recoger su pedido de ${v.locks} con ${v.campaign}. Por eso, el pedido volvió al inventario.`,
          'No hay problema. Si todavía le interesa, puede hacer una nueva solicitud cuando quiera.',
        ],
      }),
      reminder: (v) => ({
        status: 'recordatorio',
        heading: 'Usted ya tiene una solicitud',
        body: [
          `Recibimos otra solicitud para su hogar. Usted ya tiene una solicitud con ${v.campaign}, así que no hicimos una nueva.`,
          'Aquí tiene otra vez su código y su enlace. Si no fue usted, no tiene que hacer nada.',
        ],
      }),
    },
    site: { name: 'Lugar de entrega', address: 'Dirección', hours: 'Horario' },
    code: (code) => `Su código de confirmación es ${code}.`,
    statusLink: 'Vea su solicitud cuando quiera',
    statusPrivate: 'Este enlace es solo para usted.',
    thanks: 'Gracias,',
  },
};

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
  return { subject, text, html: String(body), locale };
}
