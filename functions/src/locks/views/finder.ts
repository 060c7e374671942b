import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { SiteLocale } from '../../domain/locales.ts';
import type { LockType, PickupSiteView } from '../../domain/pickup-site.ts';
import { CRISIS_ACTION, errorSummary } from '../../platform/pages/parts.ts';

/**
 * The main content of the lock finder page, in both languages. Pure: data in, escaped HTML out
 * (hono/html escapes every interpolated value). The layout around it comes from the shell.
 */
const TEXT = {
  en: {
    title: 'Get a free gun lock',
    cityTitle: (city: string) => `Get a free gun lock in ${city}`,
    intro: 'Pick up a free lock at a site near you. Enter your ZIP code to see the closest sites first.',
    privacy: 'We do not keep or log the ZIP code you enter. We never ask about firearms.',
    zipLabel: 'ZIP code',
    zipHint: 'For example, 97201.',
    button: 'Find sites near me',
    problem: 'There is a problem',
    resultsNear: (zip: string) => `Pickup sites nearest to ${zip}`,
    results: 'Pickup sites',
    none: 'There are no pickup sites listed here yet.',
    milesAway: (d: number) => `About ${d.toFixed(1)} ${d === 1 ? 'mile' : 'miles'} away`,
    hours: 'Hours',
    gives: 'Gives out',
    lock: { cable: 'Cable locks', box: 'Lock boxes' } satisfies Record<LockType, string>,
    inStock: 'Locks in stock',
    outOfStock: 'Out of stock right now',
    noQuestions: 'No questions asked: you do not have to give your name.',
    campaign: 'Campaign',
    reserve: 'Reserve a lock here',
    mail: 'Cannot get to a site? Ask for a free lock by mail',
    layers: 'A lock is one layer of safety. A lock box or a safe is stronger, and storing firearms away from home for a while is strongest when someone is going through a hard time.',
    storageLink: 'Compare storage options',
    hope: 'Locking firearms is a simple step that can save a life.',
  },
  es: {
    title: 'Consiga un candado gratis para armas',
    cityTitle: (city: string) => `Consiga un candado gratis para armas en ${city}`,
    intro: 'Recoja un candado gratis en un lugar de entrega cerca de usted. Escriba su código postal para ver primero los más cercanos.',
    privacy: 'No guardamos ni registramos el código postal que escriba. Nunca preguntamos por armas.',
    zipLabel: 'Código postal (ZIP)',
    zipHint: 'Por ejemplo, 97201.',
    button: 'Buscar lugares de entrega cerca de mí',
    problem: 'Hay un problema',
    resultsNear: (zip: string) => `Lugares de entrega más cercanos a ${zip}`,
    results: 'Lugares de entrega',
    none: 'Todavía no hay lugares de entrega en esta lista.',
    milesAway: (d: number) => `A unas ${d.toFixed(1)} ${d === 1 ? 'milla' : 'millas'}`,
    hours: 'Horario',
    gives: 'Qué entrega',
    lock: { cable: 'Candados de cable', box: 'Cajas con llave' } satisfies Record<LockType, string>,
    inStock: 'Hay candados',
    outOfStock: 'Sin candados por ahora',
    noQuestions: 'Sin preguntas: no tiene que dar su nombre.',
    campaign: 'Campaña',
    reserve: 'Apartar un candado aquí',
    mail: '¿No puede ir a un lugar de entrega? Pida un candado gratis por correo',
    layers: 'Un candado es una capa de seguridad. Una caja con llave o una caja fuerte protege más, y guardar las armas fuera de casa por un tiempo es lo más seguro cuando alguien pasa por un momento difícil.',
    storageLink: 'Compare las opciones para guardar armas',
    hope: 'Guardar las armas bajo llave es un paso sencillo que puede salvar una vida.',
  },
};

/** The body of a finder page that cannot be shown: an unknown campaign (404) or our own failure (500). */
export function renderFinderProblem(locale: SiteLocale, kind: 'not-found' | 'refused' | 'error', homePath: string): string {
  const text = {
    en: {
      'not-found': ['We could not find that campaign', 'The campaign may have ended, or the address may be mistyped.'],
      refused: ['We could not accept what was sent', 'Go back, reload the page and try again.'],
      error: ['Sorry, something went wrong', 'Please try again in a few minutes.'],
      all: 'See all pickup sites',
      action: CRISIS_ACTION.en,
      hope: 'Help is available, day and night.',
    },
    es: {
      'not-found': ['No encontramos esa campaña', 'Puede que la campaña haya terminado o que la dirección tenga un error.'],
      refused: ['No pudimos aceptar lo que se envió', 'Vuelva atrás, recargue la página e inténtelo otra vez.'],
      error: ['Lo sentimos, algo salió mal', 'Inténtelo de nuevo en unos minutos.'],
      all: 'Ver todos los lugares de entrega',
      action: CRISIS_ACTION.es,
      hope: 'Hay ayuda disponible, de día y de noche.',
    },
  }[locale];
  const [heading, body] = text[kind];
  return String(html`<h1>${heading}</h1>
<p>${body}</p>
<p><a href="${homePath}">${text.all}</a></p>
<p data-action><strong>${text.action}</strong></p>
<p class="callout" data-hope>${text.hope}</p>`);
}


export interface FinderPage {
  locale: SiteLocale;
  /** The campaign's city for /c/<city>/ pages; absent on the all-campaigns page. */
  city?: string;
  zip?: string;
  /** What the person typed, kept on an error (GOV.UK: values kept). */
  zipInput?: string;
  zipError?: string;
  sites: (PickupSiteView & { campaignName?: string; requestHref?: string })[];
  /** The campaign's mail request form, when it mails locks. */
  mailRequestHref?: string;
  storagePath: string;
}

function siteCard(site: FinderPage['sites'][number], locale: SiteLocale): HtmlEscapedString | Promise<HtmlEscapedString> {
  const t = TEXT[locale];
  const a = site.address;
  return html`<li class="card pickup-site" data-site="${site.id}" data-in-stock="${String(site.inStock)}">
  <h3>${site.name[locale]}</h3>
  ${site.distanceMiles !== undefined ? html`<p class="pickup-site__distance">${t.milesAway(site.distanceMiles)}</p>` : ''}
  <p>${a.line1}<br />${a.city}, ${a.state} ${a.zip}</p>
  <dl class="facts">
    <dt>${t.hours}</dt><dd>${site.hours[locale]}</dd>
    <dt>${t.gives}</dt><dd>${site.lockTypes.map((l) => t.lock[l]).join(', ')}</dd>
    ${site.campaignName ? html`<dt>${t.campaign}</dt><dd>${site.campaignName}</dd>` : ''}
  </dl>
  <p><span class="tag ${site.inStock ? 'tag--in_force' : 'tag--none'}">${site.inStock ? t.inStock : t.outOfStock}</span></p>
  ${site.noQuestionsAsked ? html`<p class="pickup-site__nqa"><strong>${t.noQuestions}</strong></p>` : ''}
  ${site.requestHref ? html`<p><a href="${site.requestHref}">${t.reserve}<span class="visually-hidden">: ${site.name[locale]}</span></a></p>` : ''}
</li>`;
}

export function renderFinderMain(page: FinderPage): string {
  const t = TEXT[page.locale];
  const describedBy = page.zipError ? 'zip-hint zip-error' : 'zip-hint';
  const out = html`${errorSummary(t.problem, page.zipError ? [{ href: 'zip', text: page.zipError }] : [])}
<h1>${page.city ? t.cityTitle(page.city) : t.title}</h1>
<p class="lead">${t.intro}</p>
${page.mailRequestHref ? html`<p><a href="${page.mailRequestHref}">${t.mail}</a></p>` : ''}
<form method="get" class="finder" novalidate data-action>
  <div class="field${page.zipError ? ' field--error' : ''}">
    <label class="field__label" for="zip">${t.zipLabel}</label>
    <p class="field__hint" id="zip-hint">${t.zipHint} ${t.privacy}</p>
    ${page.zipError ? html`<p class="field__error" id="zip-error"><span class="visually-hidden">Error:</span> ${page.zipError}</p>` : ''}
    <input class="field__input field__input--zip" id="zip" name="zip" type="text" inputmode="numeric" autocomplete="postal-code" maxlength="10" spellcheck="false" aria-describedby="${describedBy}"${page.zipError ? raw(' aria-invalid="true"') : ''} value="${page.zipInput ?? page.zip ?? ''}" />
  </div>
  <button class="button" type="submit">${t.button}</button>
</form>
<section aria-labelledby="results">
  <h2 id="results">${page.zip ? t.resultsNear(page.zip) : t.results}</h2>
  ${page.sites.length ? html`<ol class="card-list pickup-sites">${page.sites.map((s) => siteCard(s, page.locale))}</ol>` : html`<p>${t.none}</p>`}
</section>
<p>${t.layers} <a href="${page.storagePath}">${t.storageLink}</a>.</p>
<p class="callout" data-hope>${t.hope}</p>`;
  return String(out);
}
