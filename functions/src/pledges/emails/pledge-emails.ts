import { html } from 'hono/html';
import type { SiteLocale } from '../../domain/locales.ts';
import { crisisClosing, EMAIL_STYLE, emailDocument } from '../../platform/email/layout.ts';
import type { PledgeEmailKind } from '../rules/record.ts';

/**
 * The emails about a pledge, in English and Spanish, as plain text and HTML. Pure: data in,
 * strings out. Someone else may see them, so the subject and the opening lines never name firearms
 * and no email names the person or quotes their ZIP code. Each says why the person got it, how to
 * stop all email (the same link as the RFC 8058 List-Unsubscribe header) and how to delete their
 * details, and ends with the crisis lines. tests/unit/pledges/emails.test.ts runs the content
 * linter over every kind in both languages.
 */
export { PLEDGE_EMAIL_KINDS, type PledgeEmailKind } from '../rules/record.ts';

export interface PledgeEmailData {
  kind: PledgeEmailKind;
  /** The pledge's language; anything other than 'es' (or 'es-…') gets English. */
  language: string;
  /** The campaign's name, or the platform's for the national pledge. */
  campaignName: string;
  /** Absolute https URLs with signed tokens. */
  confirmUrl: string;
  unsubscribeUrl: string;
  deleteUrl: string;
}

export interface RenderedPledgeEmail {
  subject: string;
  text: string;
  html: string;
  locale: SiteLocale;
  /** RFC 8058 one-click unsubscribe. */
  headers: Record<string, string>;
}

interface Copy {
  subject: string;
  heading: string;
  body: string[];
  /** The confirm link's words; absent when the email has no confirm link. */
  confirm?: string;
  hope: string;
}

const TEXT: Record<SiteLocale, { hello: string; kinds: Record<PledgeEmailKind, (campaign: string) => Copy>; why: string; leave: string; remove: string; thanks: string }> = {
  en: {
    hello: 'Hello,',
    kinds: {
      confirm: (campaign) => ({
        subject: 'Please confirm your pledge',
        heading: 'Confirm your pledge',
        body: [
          `Thank you for your pledge with ${campaign}. To finish, confirm it with the link below. It works for 7 days after you signed.`,
          'If this was not you, you do not need to do anything. If no one confirms it, we delete the pledge and the details with it after 7 days.',
        ],
        confirm: 'Confirm my pledge',
        hope: 'Small steps like this one help keep people safe.',
      }),
      already: (campaign) => ({
        subject: 'Your pledge is already confirmed',
        heading: 'Your pledge is already confirmed',
        body: [
          `We got another pledge from this email address. Your pledge with ${campaign} is already confirmed and counted, so there is nothing more to do.`,
          'If this was not you, you do not need to do anything.',
        ],
        hope: 'Thank you for your pledge. Small steps like this one help keep people safe.',
      }),
    },
    why: 'You got this email because someone used this email address on our site to take the pledge.',
    leave: 'Stop all emails about this pledge',
    remove: 'Delete your details now',
    thanks: 'Thank you,',
  },
  es: {
    hello: 'Hola:',
    kinds: {
      confirm: (campaign) => ({
        subject: 'Confirme su compromiso',
        heading: 'Confirme su compromiso',
        body: [
          `Gracias por su compromiso con ${campaign}. Para terminar, confírmelo con el enlace de abajo. Funciona durante 7 días desde que firmó.`,
          'Si no fue usted, no tiene que hacer nada. Si nadie lo confirma, borramos el compromiso y sus datos a los 7 días.',
        ],
        confirm: 'Confirmar mi compromiso',
        hope: 'Pasos pequeños como este ayudan a proteger a las personas.',
      }),
      already: (campaign) => ({
        subject: 'Su compromiso ya está confirmado',
        heading: 'Su compromiso ya está confirmado',
        body: [
          `Recibimos otro compromiso de este correo electrónico. Su compromiso con ${campaign} ya está confirmado y contado, así que no tiene que hacer nada más.`,
          'Si no fue usted, no tiene que hacer nada.',
        ],
        hope: 'Gracias por su compromiso. Pasos pequeños como este ayudan a proteger a las personas.',
      }),
    },
    why: 'Recibe este correo porque alguien usó esta dirección de correo electrónico en nuestro sitio para firmar el compromiso.',
    leave: 'No recibir más correos sobre este compromiso',
    remove: 'Borrar sus datos ahora',
    thanks: 'Gracias,',
  },
};


export function renderPledgeEmail(data: PledgeEmailData): RenderedPledgeEmail {
  const locale: SiteLocale = /^es(?:-|$)/i.test(data.language.trim()) ? 'es' : 'en';
  const t = TEXT[locale];
  const copy = t.kinds[data.kind](data.campaignName);
  const crisis = crisisClosing(locale);

  const text = [
    t.hello,
    ...copy.body,
    ...(copy.confirm ? [`${copy.confirm}:\n${data.confirmUrl}`] : []),
    copy.hope,
    t.why,
    `${t.leave}:\n${data.unsubscribeUrl}`,
    `${t.remove}:\n${data.deleteUrl}`,
    `${t.thanks}\n${data.campaignName}`,
    crisis.text,
  ].join('\n\n');

  const body = emailDocument(
    locale,
    copy.subject,
    copy.heading,
    html`<p>${t.hello}</p>
${copy.body.map((p) => html`<p>${p}</p>\n`)}${copy.confirm ? html`<p><a href="${data.confirmUrl}" style="${EMAIL_STYLE.button}">${copy.confirm}</a></p>\n` : ''}<p>${copy.hope}</p>
<p>${t.why}</p>
<p><a href="${data.unsubscribeUrl}" style="${EMAIL_STYLE.link}">${t.leave}</a><br>
<a href="${data.deleteUrl}" style="${EMAIL_STYLE.link}">${t.remove}</a></p>
<p>${t.thanks}<br>${data.campaignName}</p>
`,
  );
  return {
    subject: copy.subject,
    text,
    html: body,
    locale,
    headers: { 'List-Unsubscribe': `<${data.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
