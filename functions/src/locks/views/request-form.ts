import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Campaign } from '../../domain/campaign.ts';
import { addedLanguages } from '../../domain/campaign-languages.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import type { LockType, Stock } from '../../domain/pickup-site.ts';
import { US_STATE_CODES } from '../../domain/us-states.ts';
import { errorSummary, fieldError } from '../../platform/pages/parts.ts';

/**
 * The free-lock request form (issue #3), rendered by the API into the `lock-request` shell. It
 * asks for the minimum, never about firearms, says what is kept and for how long, and works with
 * no JavaScript: a plain POST, answered with a 303 to the status page or this form again with the
 * GOV.UK error summary and every value kept.
 */

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', es: 'Español', vi: 'Tiếng Việt', zh: '中文', ko: '한국어', tl: 'Tagalog', ru: 'Русский', ar: 'العربية',
  fr: 'Français', ht: 'Kreyòl ayisyen', pt: 'Português', so: 'Soomaali', hmn: 'Hmoob',
};

const TEXT = {
  en: {
    title: 'Ask for a free gun lock',
    cityTitle: (city: string) => `Ask for a free gun lock in ${city}`,
    intro: 'It is free. We only ask what we need to get the lock to you. We never ask about firearms.',
    problem: 'There is a problem',
    errorPrefix: 'Error:',
    delivery: 'How do you want to get it?',
    mail: 'By mail',
    mailHint: 'We mail it to you in a plain package.',
    pickup: 'Pick it up at a site',
    pickupHint: (days: number) => `We hold it for you for ${days} days.`,
    site: 'Pickup site',
    siteHint: 'Only if you pick it up.',
    chooseSite: 'Choose a site',
    none: 'none left now',
    address: 'Mailing address',
    addressHint: 'Only if we mail it. US states and territories.',
    line1: 'Address line 1',
    line2: 'Address line 2 (optional)',
    city: 'Town or city',
    state: 'State or territory',
    chooseState: 'Choose',
    zip: 'ZIP code',
    lockType: 'Kind of lock',
    cable: 'Cable lock',
    cableHint: 'A steel cable that goes through the firearm. Fits most.',
    box: 'Lock box',
    boxHint: 'A small locked box for a handgun.',
    quantity: 'How many?',
    quantityHint: (cap: number) => `Up to ${cap} for each home.`,
    name: 'Your name',
    nameHint: 'So the lock gets to the right person.',
    contact: 'How can we reach you about this request?',
    contactHint: 'Give an email address or a phone number. One is enough.',
    email: 'Email address',
    phone: 'Phone number (optional if you gave an email)',
    language: 'Language for our messages',
    languageHint: 'Our messages are in English or Spanish. If you choose another language, we write to you in English.',
    waitlist: 'If there are none left, put me on the waitlist',
    waitlistHint: 'If you gave an email, we write when a lock is ready for you. Your private link always shows how your request is going.',
    consent: 'You may contact me about this request only',
    keptTitle: 'What we keep, and when we delete it',
    kept: (days: number, period: number) => [
      'We keep your name, your contact details and, for mail, your address. We use them only to get this lock to you.',
      `We delete them ${days} days after the last change to your request: after you get the lock, after it is cancelled, or ${days} days after you ask if nothing happens. We never sell or share them.`,
      `One request for each home every ${period} days.`,
    ],
    privacyLink: 'Read our privacy notice',
    send: 'Send my request',
    trap: 'Leave this empty',
    storageHope: 'Locking firearms is a simple step that can save a life.',
  },
  es: {
    title: 'Pida un candado gratis para armas',
    cityTitle: (city: string) => `Pida un candado gratis para armas en ${city}`,
    intro: 'Es gratis. Solo pedimos lo necesario para que le llegue el candado. Nunca preguntamos por armas.',
    problem: 'Hay un problema',
    errorPrefix: 'Error:',
    delivery: '¿Cómo quiere recibirlo?',
    mail: 'Por correo',
    mailHint: 'Se lo enviamos en un paquete sin marcas.',
    pickup: 'Recogerlo en un lugar de entrega',
    pickupHint: (days: number) => `Se lo guardamos durante ${days} días.`,
    site: 'Lugar de entrega',
    siteHint: 'Solo si lo va a recoger.',
    chooseSite: 'Elija un lugar de entrega',
    none: 'sin candados ahora',
    address: 'Dirección postal',
    addressHint: 'Solo si se lo enviamos. Estados y territorios de EE. UU.',
    line1: 'Dirección, línea 1',
    line2: 'Dirección, línea 2 (opcional)',
    city: 'Ciudad o pueblo',
    state: 'Estado o territorio',
    chooseState: 'Elija',
    zip: 'Código postal (ZIP)',
    lockType: 'Tipo de candado',
    cable: 'Candado de cable',
    cableHint: 'Un cable de acero que pasa por el arma. Sirve para la mayoría.',
    box: 'Caja con llave',
    boxHint: 'Una caja pequeña con llave para una pistola.',
    quantity: '¿Cuántos?',
    quantityHint: (cap: number) => `Hasta ${cap} por hogar.`,
    name: 'Su nombre',
    nameHint: 'Para que el candado llegue a la persona correcta.',
    contact: '¿Cómo le avisamos sobre esta solicitud?',
    contactHint: 'Escriba un correo electrónico o un número de teléfono. Con uno basta.',
    email: 'Correo electrónico',
    phone: 'Teléfono (opcional si dio un correo)',
    language: 'Idioma de nuestros mensajes',
    languageHint: 'Nuestros mensajes están en inglés o en español. Si elige otro idioma, le escribimos en inglés.',
    waitlist: 'Si no quedan, póngame en la lista de espera',
    waitlistHint: 'Si nos dio un correo, le escribimos cuando tengamos un candado para usted. Su enlace privado siempre muestra cómo va.',
    consent: 'Pueden contactarme solo sobre esta solicitud',
    keptTitle: 'Qué guardamos y cuándo lo borramos',
    kept: (days: number, period: number) => [
      'Guardamos su nombre, sus datos de contacto y, si es por correo, su dirección. Solo los usamos para que le llegue este candado.',
      `Los borramos ${days} días después del último cambio en su solicitud: después de que reciba el candado, después de que se cancele o, si no pasa nada, ${days} días después de que la haga. Nunca los vendemos ni los compartimos.`,
      `Una solicitud por hogar cada ${period} días.`,
    ],
    privacyLink: 'Lea nuestro aviso de privacidad',
    send: 'Enviar mi solicitud',
    trap: 'Deje esto vacío',
    storageHope: 'Guardar las armas bajo llave es un paso sencillo que puede salvar una vida.',
  },
};

export interface RequestFormPage {
  locale: SiteLocale;
  campaign: Campaign;
  stock: ReadonlyMap<string, Stock>;
  action: string;
  formToken: string;
  /** What the person sent, kept on an error; absent on the first view. */
  values?: Record<string, string>;
  /** Preselected pickup site (from the finder's link). */
  siteId?: string;
  /** Localised messages by dotted field name; `_` for the whole form. */
  errors?: Record<string, string[]>;
  /** A message above the form (a pledge that continues into this form). */
  notice?: string;
  /** The privacy notice in the page's language (a campaign's own in a language it adds). */
  privacyPath: string;
}

/** Field ids: `address.line1` → `address-line1`. Radio groups point at their first option. */
const idOf = (field: string) => field.replace(/\./g, '-');

/** The order fields appear in, so the summary lists errors top to bottom. */
const FIELD_ORDER = ['_', 'delivery', 'siteId', 'address.line1', 'address.line2', 'address.city', 'address.state', 'address.zip', 'lockType', 'quantity', 'name', 'email', 'phone', 'language', 'waitlist', 'consent'];

export function renderRequestForm(page: RequestFormPage): string {
  const t = TEXT[page.locale];
  const { campaign } = page;
  const errors = page.errors ?? {};
  const first = page.values === undefined;
  const v = page.values ?? {};
  const mailOn = campaign.locks.mail.enabled;
  const delivery = v.delivery ?? (page.siteId || !mailOn ? 'pickup' : 'mail');
  const siteId = v.siteId ?? page.siteId ?? '';
  const lockTypes: LockType[] = [...new Set([...(mailOn ? campaign.locks.mail.lockTypes : []), ...campaign.pickupSites.flatMap((s) => s.lockTypes)])];
  const summary = Object.keys(errors)
    .sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b))
    .flatMap((field) => errors[field]!.map((text) => ({ href: field === '_' ? 'delivery' : idOf(field), text })));

  const describedBy = (field: string, hint?: boolean) =>
    [hint ? `${idOf(field)}-hint` : '', errors[field] ? `${idOf(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = (field: string) => (errors[field] ? raw(' aria-invalid="true"') : '');
  const fieldClass = (field: string) => `field${errors[field] ? ' field--error' : ''}`;
  const attr = (name: string, value: string | undefined) => (value ? raw(` ${name}="${String(html`${value}`)}"`) : '');

  const text = (field: string, label: string, options: { hint?: string; autocomplete: string; type?: string; wide?: boolean; inputmode?: string; maxlength: number }) => html`<div class="${fieldClass(field)}">
  <label class="field__label" for="${idOf(field)}">${label}</label>
  ${options.hint ? html`<p class="field__hint" id="${idOf(field)}-hint">${options.hint}</p>` : ''}
  ${fieldError(idOf(field), errors[field], t.errorPrefix)}
  <input class="field__input${options.wide ? ' field__input--wide' : field === 'address.zip' ? ' field__input--zip' : ''}" id="${idOf(field)}" name="${field}" type="${options.type ?? 'text'}" autocomplete="${options.autocomplete}" maxlength="${options.maxlength}"${attr('inputmode', options.inputmode)}${attr('aria-describedby', describedBy(field, Boolean(options.hint)))}${invalid(field)} value="${v[field] ?? ''}" />
</div>`;

  const radios = (field: string, legend: string, choices: { value: string; label: string; hint?: string }[], selected: string, legendHint?: string): Html => html`<div class="${fieldClass(field)}">
  <fieldset class="fieldset"${attr('aria-describedby', describedBy(field, Boolean(legendHint)))}>
    <legend class="fieldset__legend">${legend}</legend>
    ${legendHint ? html`<p class="field__hint" id="${idOf(field)}-hint">${legendHint}</p>` : ''}
    ${fieldError(idOf(field), errors[field], t.errorPrefix)}
    ${choices.map(
      (choice, i) => html`<div class="choice">
      <input id="${i === 0 ? idOf(field) : `${idOf(field)}-${choice.value}`}" name="${field}" type="radio" value="${choice.value}"${choice.value === selected ? raw(' checked') : ''}${choice.hint ? raw(` aria-describedby="${idOf(field)}-${choice.value}-hint"`) : ''} />
      <label for="${i === 0 ? idOf(field) : `${idOf(field)}-${choice.value}`}">${choice.label}${choice.hint ? html`<span class="choice__hint" id="${idOf(field)}-${choice.value}-hint">${choice.hint}</span>` : ''}</label>
    </div>`,
    )}
  </fieldset>
</div>`;

  const checkbox = (field: string, label: string, checked: boolean, hint?: string) => html`<div class="${fieldClass(field)}">
  ${fieldError(idOf(field), errors[field], t.errorPrefix)}
  <div class="choice">
    <input id="${idOf(field)}" name="${field}" type="checkbox" value="yes"${checked ? raw(' checked') : ''}${attr('aria-describedby', [hint ? `${idOf(field)}-hint` : '', errors[field] ? `${idOf(field)}-error` : ''].filter(Boolean).join(' ') || undefined)}${invalid(field)} />
    <label for="${idOf(field)}">${label}${hint ? html`<span class="choice__hint" id="${idOf(field)}-hint">${hint}</span>` : ''}</label>
  </div>
</div>`;

  const siteOptions = campaign.pickupSites.map((site) => {
    const left = site.lockTypes.some((type) => (page.stock.get(site.id)?.[type] ?? 0) > 0);
    return html`<option value="${site.id}"${site.id === siteId ? raw(' selected') : ''}>${site.name[page.locale]}, ${site.address.line1}${left ? '' : ` (${t.none})`}</option>`;
  });
  const cap = campaign.locks.householdCap;
  const quantity = v.quantity ?? '1';
  const language = v.language ?? page.locale;
  const languageHint = addedLanguages(campaign.languages).length > 0; // only English and Spanish messages exist

  const out = html`${errorSummary(t.problem, summary)}
${page.notice ? html`<div class="panel" role="status" data-notice><p>${page.notice}</p></div>` : ''}
<h1>${t.cityTitle(campaign.city)}</h1>
<p class="lead">${t.intro}</p>
<form method="post" action="${page.action}" novalidate data-action>
  <input type="hidden" name="formToken" value="${page.formToken}" />
  <div class="trap" aria-hidden="true"><label for="website">${t.trap}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="" /></div>
  ${radios(
    'delivery',
    t.delivery,
    [
      ...(mailOn ? [{ value: 'mail', label: t.mail, hint: t.mailHint }] : []),
      ...(campaign.pickupSites.length ? [{ value: 'pickup', label: t.pickup, hint: t.pickupHint(campaign.locks.reservationDays) }] : []),
    ],
    delivery,
  )}
  ${campaign.pickupSites.length
    ? html`<div class="${fieldClass('siteId')}">
  <label class="field__label" for="siteId">${t.site}</label>
  <p class="field__hint" id="siteId-hint">${t.siteHint}</p>
  ${fieldError('siteId', errors.siteId, t.errorPrefix)}
  <select class="field__input field__input--wide" id="siteId" name="siteId" aria-describedby="${describedBy('siteId', true)}"${invalid('siteId')}>
    <option value="">${t.chooseSite}</option>
    ${siteOptions}
  </select>
</div>`
    : ''}
  ${mailOn
    ? html`<fieldset class="fieldset" aria-describedby="address-hint">
  <legend class="fieldset__legend">${t.address}</legend>
  <p class="field__hint" id="address-hint">${t.addressHint}</p>
  ${text('address.line1', t.line1, { autocomplete: 'address-line1', wide: true, maxlength: 100 })}
  ${text('address.line2', t.line2, { autocomplete: 'address-line2', wide: true, maxlength: 100 })}
  ${text('address.city', t.city, { autocomplete: 'address-level2', maxlength: 60 })}
  <div class="${fieldClass('address.state')}">
    <label class="field__label" for="address-state">${t.state}</label>
    ${fieldError('address-state', errors['address.state'], t.errorPrefix)}
    <select class="field__input" id="address-state" name="address.state" autocomplete="address-level1"${attr('aria-describedby', describedBy('address.state'))}${invalid('address.state')}>
      <option value="">${t.chooseState}</option>
      ${US_STATE_CODES.map((code) => html`<option value="${code}"${v['address.state'] === code ? raw(' selected') : ''}>${code}</option>`)}
    </select>
  </div>
  ${text('address.zip', t.zip, { autocomplete: 'postal-code', inputmode: 'numeric', maxlength: 10 })}
</fieldset>`
    : ''}
  ${radios(
    'lockType',
    t.lockType,
    lockTypes.map((type) => ({ value: type, label: t[type], hint: type === 'cable' ? t.cableHint : t.boxHint })),
    v.lockType ?? lockTypes[0] ?? 'cable',
  )}
  <div class="${fieldClass('quantity')}">
    <label class="field__label" for="quantity">${t.quantity}</label>
    <p class="field__hint" id="quantity-hint">${t.quantityHint(cap)}</p>
    ${fieldError('quantity', errors.quantity, t.errorPrefix)}
    <select class="field__input" id="quantity" name="quantity" aria-describedby="${describedBy('quantity', true)}"${invalid('quantity')}>
      ${Array.from({ length: cap }, (_, i) => String(i + 1)).map((n) => html`<option value="${n}"${n === quantity ? raw(' selected') : ''}>${n}</option>`)}
    </select>
  </div>
  ${text('name', t.name, { hint: t.nameHint, autocomplete: 'name', wide: true, maxlength: 100 })}
  <fieldset class="fieldset" aria-describedby="contact-hint">
    <legend class="fieldset__legend">${t.contact}</legend>
    <p class="field__hint" id="contact-hint">${t.contactHint}</p>
    ${text('email', t.email, { type: 'email', autocomplete: 'email', wide: true, maxlength: 254 })}
    ${text('phone', t.phone, { type: 'tel', autocomplete: 'tel', maxlength: 20 })}
  </fieldset>
  <div class="${fieldClass('language')}">
    <label class="field__label" for="language">${t.language}</label>
    ${languageHint ? html`<p class="field__hint" id="language-hint">${t.languageHint}</p>` : ''}
    ${fieldError('language', errors.language, t.errorPrefix)}
    <select class="field__input" id="language" name="language"${attr('aria-describedby', describedBy('language', languageHint))}${invalid('language')}>
      ${campaign.languages.map((code) => html`<option value="${code}" lang="${code}"${code === language ? raw(' selected') : ''}>${LANGUAGE_NAMES[code] ?? code}</option>`)}
    </select>
  </div>
  ${checkbox('waitlist', t.waitlist, first || v.waitlist === 'yes', t.waitlistHint)}
  <section class="callout" aria-labelledby="kept-title">
    <h2 id="kept-title">${t.keptTitle}</h2>
    ${t.kept(campaign.locks.retentionDays, campaign.locks.requestPeriodDays).map((line) => html`<p>${line}</p>`)}
    <p><a href="${page.privacyPath}">${t.privacyLink}</a></p>
  </section>
  ${checkbox('consent', t.consent, v.consent === 'yes')}
  <button class="button" type="submit">${t.send}</button>
</form>
<p class="callout" data-hope>${t.storageHope}</p>`;
  return String(out);
}

