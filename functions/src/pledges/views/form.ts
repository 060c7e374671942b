import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { addedLanguages } from '../../domain/campaign-languages.ts';
import type { SiteLocale } from '../../domain/locales.ts';
import { CRISIS_ACTION, errorSummary, fieldError } from '../../platform/pages/parts.ts';
import { PLEDGE_TEXT, pledgeCountLines } from './text.ts';

/**
 * The pledge form (issue 10), rendered by the API into the `pledge` shell: the counts, the
 * campaign's pledge text, then name, email, ZIP, the language for our emails, "also send me a free
 * lock", and consent to campaign updates (unticked unless the person ticked it). No JavaScript: a
 * plain POST, answered with a 303 to "check your email" (or the lock form), or this form again
 * with the GOV.UK error summary and every value kept.
 */
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', es: 'Español', vi: 'Tiếng Việt', zh: '中文', ko: '한국어', tl: 'Tagalog', ru: 'Русский', ar: 'العربية',
  fr: 'Français', ht: 'Kreyòl ayisyen', pt: 'Português', so: 'Soomaali', hmn: 'Hmoob',
};

export interface PledgeFormPage {
  locale: SiteLocale;
  /** The campaign's city; absent for the national pledge. */
  city?: string;
  languages: readonly string[];
  /** The wording shown; `lang` when it is in another language than the page (a campaign's own, in a language it adds). */
  pledge: { version: number; text: string; lang?: string };
  /**
   * Confirmed pledges in the campaign (null on the national pledge) and the national total; null
   * when a count could not be read (the page still works without it).
   */
  counts: { here: number | null; national: number | null };
  /** The campaign runs a lock programme (the lock form follows), or not (the finder does). */
  locksHere: boolean;
  action: string;
  formToken: string;
  values?: Record<string, string>;
  errors?: Record<string, string[]>;
  /** The privacy notice in the page's language (a campaign's own in a language it adds). */
  privacyPath: string;
}

const FIELD_ORDER = ['_', 'name', 'email', 'zip', 'language', 'wantsLock', 'updates'];

export function renderPledgeForm(page: PledgeFormPage): string {
  const t = PLEDGE_TEXT[page.locale];
  const errors = page.errors ?? {};
  const v = page.values ?? {};
  const summary = Object.keys(errors)
    .sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b))
    .flatMap((field) => errors[field]!.map((text) => ({ href: field === '_' ? 'name' : field, text })));
  const describedBy = (field: string, hint: boolean) => [hint ? `${field}-hint` : '', errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
  const aria = (field: string, hint: boolean) => {
    const ids = describedBy(field, hint);
    return raw(`${ids ? ` aria-describedby="${ids}"` : ''}${errors[field] ? ' aria-invalid="true"' : ''}`);
  };
  const fieldClass = (field: string) => `field${errors[field] ? ' field--error' : ''}`;

  const text = (field: string, label: string, o: { hint?: string; type?: string; autocomplete: string; maxlength: number; inputmode?: string; zip?: boolean }): Html => html`<div class="${fieldClass(field)}">
  <label class="field__label" for="${field}">${label}</label>
  ${o.hint ? html`<p class="field__hint" id="${field}-hint">${o.hint}</p>` : ''}
  ${fieldError(field, errors[field], t.errorPrefix)}
  <input class="field__input${o.zip ? ' field__input--zip' : ' field__input--wide'}" id="${field}" name="${field}" type="${o.type ?? 'text'}" autocomplete="${o.autocomplete}" maxlength="${o.maxlength}"${o.inputmode ? raw(` inputmode="${o.inputmode}"`) : ''}${aria(field, Boolean(o.hint))} value="${v[field] ?? ''}" />
</div>`;

  const checkbox = (field: string, label: string, hint: string): Html => html`<div class="${fieldClass(field)}">
  ${fieldError(field, errors[field], t.errorPrefix)}
  <div class="choice">
    <input id="${field}" name="${field}" type="checkbox" value="yes"${v[field] === 'yes' ? raw(' checked') : ''}${aria(field, true)} />
    <label for="${field}">${label}<span class="choice__hint" id="${field}-hint">${hint}</span></label>
  </div>
</div>`;

  const language = v.language ?? page.locale;
  // Only English and Spanish emails exist: a campaign that offers more says so under the list.
  const languageHint = addedLanguages(page.languages).length > 0;
  const counts = pledgeCountLines(page.locale, page.counts, page.city);

  const out = html`${errorSummary(t.problem, summary)}
<h1>${page.city ? t.cityTitle(page.city) : t.title}</h1>
<p class="lead">${t.intro}</p>
${counts.length ? html`<p class="pledge-count" data-pledge-count>${counts.join(' ')}</p>` : ''}
<section aria-labelledby="pledge-text-title">
  <h2 id="pledge-text-title">${t.pledgeHeading}</h2>
  <blockquote class="pledge-text" data-pledge-version="${page.pledge.version}"${page.pledge.lang ? html` lang="${page.pledge.lang}"` : ''}><p>${page.pledge.text}</p></blockquote>
</section>
<form method="post" action="${page.action}" novalidate data-action>
  <input type="hidden" name="formToken" value="${page.formToken}" />
  <div class="trap" aria-hidden="true"><label for="website">${t.trap}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="" /></div>
  ${text('name', t.name, { autocomplete: 'name', maxlength: 100 })}
  ${text('email', t.email, { hint: t.emailHint, type: 'email', autocomplete: 'email', maxlength: 254 })}
  ${text('zip', t.zip, { hint: t.zipHint, autocomplete: 'postal-code', maxlength: 10, inputmode: 'numeric', zip: true })}
  <div class="${fieldClass('language')}">
    <label class="field__label" for="language">${t.language}</label>
    ${languageHint ? html`<p class="field__hint" id="language-hint">${t.languageHint}</p>` : ''}
    ${fieldError('language', errors.language, t.errorPrefix)}
    <select class="field__input" id="language" name="language"${aria('language', languageHint)}>
      ${page.languages.map((code) => html`<option value="${code}" lang="${code}"${code === language ? raw(' selected') : ''}>${LANGUAGE_NAMES[code] ?? code}</option>`)}
    </select>
  </div>
  ${checkbox('wantsLock', t.wantsLock, page.locksHere ? t.wantsLockCampaign : t.wantsLockNational)}
  ${checkbox('updates', t.updates, t.updatesHint)}
  <section class="callout" aria-labelledby="kept-title">
    <h2 id="kept-title">${t.keptTitle}</h2>
    ${t.kept.map((line) => html`<p>${line}</p>`)}
    <p><a href="${page.privacyPath}">${t.privacyLink}</a></p>
  </section>
  <button class="button" type="submit">${t.send}</button>
</form>
<p class="callout" data-hope>${t.hope}</p>
<p>${CRISIS_ACTION[page.locale]}</p>`;
  return String(out);
}
