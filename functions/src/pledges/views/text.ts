import type { SiteLocale } from '../../domain/locales.ts';
import { CONFIRMED_RETENTION_DAYS, UNCONFIRMED_DAYS } from '../rules/record.ts';

/** The words of the pledge pages, in English and Spanish (usted). */
const years = CONFIRMED_RETENTION_DAYS / 365;

const number = (locale: SiteLocale, n: number) => new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US').format(n);

export const PLEDGE_TEXT = {
  en: {
    title: 'Take the safe-storage pledge',
    cityTitle: (city: string) => `Take the safe-storage pledge in ${city}`,
    intro: 'Promise to keep firearms at home locked and out of reach of children and of anyone in crisis. It takes a minute.',
    pledgeHeading: 'The pledge',
    version: (v: number) => `Version ${v}`,
    problem: 'There is a problem',
    errorPrefix: 'Error:',
    name: 'Your name',
    email: 'Email address',
    emailHint: 'We send you a link to confirm your pledge.',
    zip: 'ZIP code',
    zipHint: 'It shows the campaign which areas are taking part.',
    language: 'Language for our emails',
    languageHint: 'Our emails are in English or Spanish. If you choose another language, we write to you in English.',
    wantsLock: 'Also send me a free gun lock',
    wantsLockCampaign: 'Next, we show you the lock request form with your details filled in.',
    wantsLockNational: 'Next, we show you where to find a free lock near you.',
    updates: 'Send me news about this campaign',
    updatesHint: 'Optional, and separate from your pledge. You can stop at any time.',
    keptTitle: 'What we keep, and when we delete it',
    kept: [
      'We keep your name, email address and ZIP code with your pledge. Only the people who run this pledge can see them. We never sell them.',
      `If you do not confirm your pledge within ${UNCONFIRMED_DAYS} days, we delete it. If you confirm it, we delete your details after ${years} years, and your pledge still counts.`,
      'Every email from us has a link to stop our emails and a link to delete your details at once.',
    ],
    privacyLink: 'Read our privacy notice',
    send: 'Sign the pledge',
    trap: 'Leave this empty',
    hope: 'Storing firearms safely is a simple step that saves lives.',
    count: (n: number, city?: string) =>
      n === 0 ? `No one has confirmed this pledge${city ? ` in ${city}` : ''} yet. You can be the first.` : `${number('en', n)} ${n === 1 ? 'person has' : 'people have'} taken this pledge${city ? ` in ${city}` : ''}.`,
    nationalCount: (n: number) => `${number('en', n)} ${n === 1 ? 'person has' : 'people have'} taken the pledge across the country.`,
    frameNoCount: 'Join the people who have taken the pledge.',
  },
  es: {
    title: 'Firme el compromiso de guardar las armas de forma segura',
    cityTitle: (city: string) => `Firme el compromiso de guardar las armas de forma segura en ${city}`,
    intro: 'Prometa guardar las armas de su casa bajo llave y fuera del alcance de los niños y de cualquier persona en crisis. Solo toma un minuto.',
    pledgeHeading: 'El compromiso',
    version: (v: number) => `Versión ${v}`,
    problem: 'Hay un problema',
    errorPrefix: 'Error:',
    name: 'Su nombre',
    email: 'Correo electrónico',
    emailHint: 'Le enviamos un enlace para confirmar su compromiso.',
    zip: 'Código postal (ZIP)',
    zipHint: 'Le muestra a la campaña qué zonas participan.',
    language: 'Idioma de nuestros correos',
    languageHint: 'Nuestros correos están en inglés o en español. Si elige otro idioma, le escribimos en inglés.',
    wantsLock: 'Envíenme también un candado gratis para armas',
    wantsLockCampaign: 'Después le mostramos el formulario para pedir el candado, con sus datos ya escritos.',
    wantsLockNational: 'Después le mostramos dónde conseguir un candado gratis cerca de usted.',
    updates: 'Envíenme noticias de esta campaña',
    updatesHint: 'Es opcional y aparte de su compromiso. Puede dejar de recibirlas cuando quiera.',
    keptTitle: 'Qué guardamos y cuándo lo borramos',
    kept: [
      'Guardamos su nombre, su correo electrónico y su código postal con su compromiso. Solo las personas que organizan este compromiso pueden verlos. Nunca los vendemos.',
      `Si no confirma su compromiso en ${UNCONFIRMED_DAYS} días, lo borramos. Si lo confirma, borramos sus datos a los ${years} años, y su compromiso sigue contando.`,
      'Cada correo nuestro tiene un enlace para dejar de recibir correos y otro para borrar sus datos enseguida.',
    ],
    privacyLink: 'Lea nuestro aviso de privacidad',
    send: 'Firmar el compromiso',
    trap: 'Deje esto vacío',
    hope: 'Guardar las armas de forma segura es un paso sencillo que salva vidas.',
    count: (n: number, city?: string) =>
      n === 0
        ? `Nadie ha confirmado este compromiso${city ? ` en ${city}` : ''} todavía. Usted puede ser la primera persona en firmarlo.`
        : `${number('es', n)} ${n === 1 ? 'persona ha' : 'personas han'} firmado este compromiso${city ? ` en ${city}` : ''}.`,
    nationalCount: (n: number) => `En todo el país, ${number('es', n)} ${n === 1 ? 'persona ha' : 'personas han'} firmado el compromiso.`,
    frameNoCount: 'Únase a las personas que han firmado el compromiso.',
  },
} as const;

/** The words of the pages a pledge's links open, and of the answers to the form. */
/**
 * The count sentences a pledge page shows: the campaign's (on a campaign's pages) and the national
 * total. A national total of 0 is never said as "0 people": on a campaign's page its own sentence
 * already invites the first, and on the national pages the same invitation is used. A count that
 * could not be read (null) is left out.
 */
export function pledgeCountLines(locale: SiteLocale, counts: { here: number | null; national: number | null }, city?: string): string[] {
  const t = PLEDGE_TEXT[locale];
  const here = city && counts.here !== null ? t.count(counts.here, city) : '';
  const national = counts.national === null ? '' : counts.national > 0 ? t.nationalCount(counts.national) : city ? '' : t.count(0);
  return [here, national].filter(Boolean);
}

export const MANAGE_TEXT = {
  en: {
    checkTitle: 'Check your email',
    checkBody: [
      'We sent you an email. Open it and press Confirm to finish your pledge.',
      `The link works for ${UNCONFIRMED_DAYS} days. If you do not see the email in a few minutes, look in your spam or junk folder.`,
    ],
    findLock: 'Find a free gun lock near you',
    lockNotice: 'Thank you. Check your email to confirm your pledge. Now you can ask for your free lock here.',
    confirmTitle: 'Confirm your pledge',
    confirmBody: 'Press the button to confirm your safe-storage pledge. Then it counts.',
    confirmButton: 'Confirm my pledge',
    thanksTitle: 'Thank you. Your pledge is confirmed.',
    thanksBody: 'Your pledge now counts. Thank you for helping keep your home and the people you love safe.',
    nextHeading: 'What you can do next',
    nextLock: 'Get a free gun lock',
    nextStorage: 'Learn about safe storage options',
    nextWarning: 'Learn the warning signs and how to talk about it',
    expiredTitle: 'This link has expired',
    expiredBody: `Pledges that are not confirmed within ${UNCONFIRMED_DAYS} days are deleted. You can sign the pledge again.`,
    pledgeAgain: 'Sign the pledge again',
    leaveTitle: 'Stop emails about your pledge',
    leaveBody: 'Press the button and we will not send you any more emails about this pledge, including campaign news. Your pledge still counts.',
    leaveButton: 'Stop emails',
    leftTitle: 'You will not get more emails',
    leftBody: 'We will not send you any more emails about this pledge. Your pledge still counts if you confirmed it.',
    deleteTitle: 'Delete your details',
    deleteBody: 'Press the button and we delete your name, email address and ZIP code at once. If you confirmed your pledge, it still counts in the total, with nothing that points to you.',
    deleteButton: 'Delete my details',
    deletedTitle: 'Your details are deleted',
    deletedBody: 'We deleted your name, email address and ZIP code. If you confirmed your pledge, it still counts in the total, with nothing that points to you.',
    deletedBackup: 'A copy can stay in our backups for at most 14 days. Then it is gone.',
    badTitle: 'This link does not work',
    badBody: 'The link may be incomplete, changed or too old. Nothing was changed. Copy the whole link from the email, or sign the pledge again.',
    busyTitle: 'Please wait a little',
    busyBody: (minutes: number) => `We got many forms from your connection. Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    refusedTitle: 'Please try again from our site',
    hope: 'Small steps like this one help keep people safe.',
  },
  es: {
    checkTitle: 'Revise su correo electrónico',
    checkBody: [
      'Le enviamos un correo electrónico. Ábralo y pulse Confirmar para terminar su compromiso.',
      `El enlace funciona durante ${UNCONFIRMED_DAYS} días. Si no ve el correo en unos minutos, busque en la carpeta de correo no deseado.`,
    ],
    findLock: 'Busque un candado gratis para armas cerca de usted',
    lockNotice: 'Gracias. Revise su correo electrónico para confirmar su compromiso. Ahora puede pedir aquí su candado gratis.',
    confirmTitle: 'Confirme su compromiso',
    confirmBody: 'Pulse el botón para confirmar su compromiso de guardar las armas de forma segura. Así empieza a contar.',
    confirmButton: 'Confirmar mi compromiso',
    thanksTitle: 'Gracias. Su compromiso está confirmado.',
    thanksBody: 'Su compromiso ya cuenta. Gracias por ayudar a proteger su hogar y a las personas que quiere.',
    nextHeading: 'Qué puede hacer ahora',
    nextLock: 'Pida un candado gratis para armas',
    nextStorage: 'Conozca las opciones para guardar armas de forma segura',
    nextWarning: 'Conozca las señales de alerta y cómo hablar del tema',
    expiredTitle: 'Este enlace ya venció',
    expiredBody: `Los compromisos que no se confirman en ${UNCONFIRMED_DAYS} días se borran. Puede firmar el compromiso otra vez.`,
    pledgeAgain: 'Firmar el compromiso otra vez',
    leaveTitle: 'Dejar de recibir correos sobre su compromiso',
    leaveBody: 'Pulse el botón y no le enviaremos más correos sobre este compromiso, tampoco noticias de la campaña. Su compromiso sigue contando.',
    leaveButton: 'Dejar de recibir correos',
    leftTitle: 'No recibirá más correos',
    leftBody: 'No le enviaremos más correos sobre este compromiso. Si lo confirmó, su compromiso sigue contando.',
    deleteTitle: 'Borrar sus datos',
    deleteBody: 'Pulse el botón y borramos enseguida su nombre, su correo electrónico y su código postal. Si confirmó su compromiso, sigue contando en el total, sin nada que lo relacione con usted.',
    deleteButton: 'Borrar mis datos',
    deletedTitle: 'Sus datos están borrados',
    deletedBody: 'Borramos su nombre, su correo electrónico y su código postal. Si confirmó su compromiso, sigue contando en el total, sin nada que lo relacione con usted.',
    deletedBackup: 'Una copia puede quedar en nuestras copias de seguridad durante 14 días como máximo. Después desaparece.',
    badTitle: 'Este enlace no funciona',
    badBody: 'Puede que el enlace esté incompleto, cambiado o sea muy viejo. No se cambió nada. Copie el enlace completo del correo, o firme el compromiso otra vez.',
    busyTitle: 'Espere un poco, por favor',
    busyBody: (minutes: number) => `Recibimos muchos formularios desde su conexión. Inténtelo otra vez en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}.`,
    refusedTitle: 'Inténtelo otra vez desde nuestro sitio',
    hope: 'Pasos pequeños como este ayudan a proteger a las personas.',
  },
} as const;
