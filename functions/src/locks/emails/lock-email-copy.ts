import type { SiteLocale } from '../../domain/locales.ts';
import type { LockEmailKind } from '../rules/lifecycle.ts';
import type { LockEmailData } from './lock-emails.ts';

/**
 * The words of the lock emails, in English and Spanish: one entry per kind. Subjects and previews
 * never name firearms (a notification on a shared screen must not tell the household anything).
 */
/** What a kind's copy may use. `locks` is e.g. "2 cable locks"; `date` is the long date or ''. */
export interface Vars {
  locks: string;
  campaign: string;
  date: string;
  pickup: boolean;
}
export interface KindCopy {
  /** Subject suffix after the code ('' for none). */
  status: string;
  heading: string;
  body: string[];
  /** Show the pickup site block (pickup requests only). */
  site?: boolean;
}

export const TEXT: Record<
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
    subject: (code) => `Your free lock request ${code}`,
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
      expired: (v) => ({
        status: 'request ended',
        heading: 'Your request has ended',
        body: [
          `Your request to ${v.campaign} for ${v.locks} has ended, because nothing changed with it for a long time. As our privacy notice promises, we are deleting your details.`,
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
          `We got another request from this email address. You already have one with ${v.campaign}, and here are its code and link again.`,
          'The new request has its own email, code and link. If you need only one, you can cancel the one you do not need from its link.',
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
      expired: (v) => ({
        status: 'solicitud terminada',
        heading: 'Su solicitud terminó',
        body: [
          `Su solicitud de ${v.locks} a ${v.campaign} terminó porque no hubo cambios en mucho tiempo. Como lo promete nuestro aviso de privacidad, vamos a borrar sus datos.`,
          'Si todavía le interesa, puede hacer una nueva solicitud cuando quiera.',
        ],
      }),
      lapsed: (v) => ({
        status: 'terminó el plazo para recoger',
        heading: 'Terminó el plazo para recoger',
        body: [
          `El plazo para recoger su pedido (${v.locks}) de ${v.campaign} terminó${v.date ? ` el ${v.date}` : ''}. Por eso, el pedido volvió al inventario.`,
          'No hay problema. Si todavía le interesa, puede hacer una nueva solicitud cuando quiera.',
        ],
      }),
      reminder: (v) => ({
        status: 'recordatorio',
        heading: 'Usted ya tiene una solicitud',
        body: [
          `Recibimos otra solicitud desde esta dirección de correo electrónico. Usted ya tiene una con ${v.campaign}, y aquí tiene otra vez su código y su enlace.`,
          'La nueva solicitud tiene su propio correo, código y enlace. Si solo necesita una, puede cancelar la que no necesite desde su enlace.',
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
