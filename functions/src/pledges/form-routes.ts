import type { Context } from 'hono';
import { ConflictError, RateLimitedError, REFUSAL_MESSAGES, RefusedError, ValidationError } from '../domain/errors.ts';
import { contentLocale, sharedPages } from '../domain/campaign-paths.ts';
import { pledgeOf, pledgeTextIn } from '../domain/pledge.ts';
import { submissionFrom } from '../platform/abuse/from-request.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { shellPath } from '../platform/pages/shells.ts';
import { PLEDGE_MESSAGES } from './messages.ts';
import { brandOf, hasLocks, type PledgeRouteDeps, type Where } from './route-deps.ts';
import { formToPledgeInput } from './rules/input.ts';
import { pledgePaths, pledgeScope } from './rules/scope.ts';
import { renderPledgeForm } from './views/form.ts';
import { renderBusy } from './views/pages.ts';
import { MANAGE_TEXT } from './views/text.ts';

type FormStatus = 200 | 400 | 403 | 409;

/**
 * The pledge page: the form, first view or with errors (values kept), with the live counts, in the
 * page's language (English, Spanish, or a language the campaign adds: English words, its notice).
 */
export async function pledgeFormPage(
  c: Context<AppEnv>,
  deps: PledgeRouteDeps,
  where: Where,
  language: string,
  state: { values?: Record<string, string>; errors?: Record<string, string[]>; formToken?: string; status?: FormStatus } = {},
) {
  const { scope, campaign } = where;
  const locale = contentLocale(language);
  const paths = pledgePaths(scope, language);
  const pledge = pledgeOf(campaign);
  // A campaign's page shows its count and the national total; the national pledge the total.
  const [here, national] = await Promise.all([campaign ? deps.service.counts.scope(scope) : Promise.resolve(null), deps.service.counts.national()]);
  const main = renderPledgeForm({
    locale,
    ...(campaign ? { city: campaign.city } : {}),
    languages: campaign?.languages ?? ['en', 'es'],
    // In a language the campaign adds, its own wording there when it wrote one (marked as that language).
    pledge: { version: pledge.version, text: pledgeTextIn(pledge, language), ...(pledge.text[language] && language !== locale ? { lang: language } : {}) },
    counts: { here, national },
    locksHere: hasLocks(campaign),
    action: paths.form,
    privacyPath: sharedPages(campaign?.slug ?? null, language)('/privacy/'),
    formToken: state.formToken ?? (await deps.guard.issueToken()),
    ...(state.values ? { values: state.values } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
  });
  c.header('Cache-Control', 'private, no-store');
  return c.html(deps.shells.render('pledge', locale, { path: shellPath(paths.form), main, hasErrors: Boolean(state.errors), ...brandOf(where, language) }), state.status ?? 200);
}

/**
 * A no-JavaScript pledge, from the page or straight to the API: the platform's anti-abuse path
 * first, then the same service call as JSON. Success, first or repeat alike, is a 303 to "check
 * your email" or, when the person also wants a lock and the campaign has a lock programme, the lock
 * request form with their details filled in (in the page, never in a URL). A problem re-renders the
 * form with the GOV.UK error summary and everything typed kept.
 */
export async function submitPledgeForm(c: Context<AppEnv>, deps: PledgeRouteDeps, where: Where, language: string) {
  const locale = contentLocale(language);
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') values[key] = value;
  const { formToken, website, ...fields } = values;
  const page = (state: Parameters<typeof pledgeFormPage>[4]) => pledgeFormPage(c, deps, where, language, { values: fields, ...state });
  const again = (status: FormStatus, message: string = PLEDGE_MESSAGES['form.again'][locale]) => page({ errors: { _: [message] }, status });
  const paths = pledgePaths(where.scope, language);
  const scope = pledgeScope(where.scope);

  try {
    const admission = await deps.guard.admit(submissionFrom(c, deps.config.clientIpHeader, { scope, via: 'form', token: formToken, honeypot: website }), locale);
    const { input } = await deps.service.sign(where.scope, where.campaign, formToPledgeInput(fields), { scope, ...admission }, locale);
    if (input.wantsLock && hasLocks(where.campaign)) {
      return deps.lockForm(c, where.campaign, language, { name: input.name, email: input.email, zip: input.zip }, MANAGE_TEXT[locale].lockNotice);
    }
    return c.redirect(`${paths.checkEmail}${input.wantsLock ? '?next=lock' : ''}`, 303);
  } catch (error) {
    if (error instanceof ValidationError) return page({ errors: error.fields, ...(formToken ? { formToken } : {}), status: 400 });
    if (error instanceof RefusedError) return error.reason === 'cross_site' ? again(403, REFUSAL_MESSAGES.cross_site[locale]) : again(400);
    if (error instanceof RateLimitedError) {
      c.header('Retry-After', String(error.retryAfterSeconds));
      c.header('Cache-Control', 'no-store');
      return c.html(deps.shells.render('pledge', locale, { path: shellPath(paths.form), main: renderBusy(locale, error.retryAfterSeconds), ...brandOf(where, language) }), 429);
    }
    if (error instanceof ConflictError) return again(409);
    throw error;
  }
}
