import type { Context } from 'hono';
import { campaignShellBrand } from '../campaigns/index.ts';
import type { Campaign } from '../domain/campaign.ts';
import { ConflictError, RateLimitedError, REFUSAL_MESSAGES, RefusedError, ValidationError } from '../domain/errors.ts';
import { contentLocale, sharedPagePath } from '../domain/campaign-paths.ts';
import { submissionFrom } from '../platform/abuse/from-request.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { LOCK_REQUEST_MESSAGES } from './messages.ts';
import { shellPath } from '../platform/pages/shells.ts';
import type { LockRouteDeps } from './route-deps.ts';
import { inLanguage, lockPaths } from './rules/paths.ts';
import { formToLockRequest } from './rules/request.ts';
import { lockScope, OutOfStockError } from './service/submit.ts';
import { renderRequestForm } from './views/request-form.ts';
import { renderRateLimited } from './views/status.ts';

type FormStatus = 200 | 400 | 403 | 409;

/**
 * Renders the request form page, first view or with errors (values kept), in the page's language:
 * English, Spanish, or a language the campaign adds (English words, the campaign's notice).
 */
export async function requestFormPage(
  c: Context<AppEnv>,
  deps: LockRouteDeps,
  campaign: Campaign,
  language: string,
  state: { values?: Record<string, string>; errors?: Record<string, string[]>; formToken?: string; siteId?: string; status?: FormStatus; notice?: string },
) {
  const locale = contentLocale(language);
  const paths = lockPaths(campaign.slug, language);
  const main = renderRequestForm({
    locale,
    privacyPath: sharedPagePath(campaign.slug, language, '/privacy/'),
    campaign,
    stock: await deps.stock.forCampaign(campaign.slug),
    action: paths.request,
    formToken: state.formToken ?? (await deps.guard.issueToken()),
    ...(state.values ? { values: state.values } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
    ...(state.siteId ? { siteId: state.siteId } : {}),
    ...(state.notice ? { notice: state.notice } : {}),
  });
  c.header('Cache-Control', 'private, no-store');
  return c.html(deps.shells.render('lock-request', locale, { path: shellPath(paths.request), main, hasErrors: Boolean(state.errors), brand: campaignShellBrand(campaign, language) }), state.status ?? 200);
}

/**
 * The request form with a person's name, email and ZIP code filled in and a notice above it: how a
 * pledge's "also send me a free lock" continues (the details travel in the page, never in a URL).
 */
export function prefilledLockForm(deps: LockRouteDeps) {
  return (c: Context<AppEnv>, campaign: Campaign, language: string, prefill: { name: string; email: string; zip: string }, notice: string) =>
    requestFormPage(c, deps, campaign, language, {
      values: { name: prefill.name, email: prefill.email, 'address.zip': prefill.zip, language: contentLocale(language), waitlist: 'yes' },
      notice,
    });
}

/**
 * A no-JavaScript form post, from the page or straight to the API: the platform's anti-abuse path
 * first (cross-site refusal, replay, rate limit, honeypot, form token), then the same service call
 * as JSON. Success is a 303 to the status page; a problem re-renders the form with the GOV.UK
 * error summary and everything typed kept.
 */
export async function submitRequestForm(c: Context<AppEnv>, deps: LockRouteDeps, campaign: Campaign, language: string) {
  const locale = contentLocale(language);
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') values[key] = value;
  }
  const { formToken, website, ...fields } = values;
  const page = (state: Parameters<typeof requestFormPage>[4]) => requestFormPage(c, deps, campaign, language, { values: fields, ...state });
  // A refused or conflicting post is answered like any other problem, with a fresh token, so a
  // person caught by mistake only has to send again.
  const again = (status: FormStatus, message: string = LOCK_REQUEST_MESSAGES['form.again'][locale]) => page({ errors: { _: [message] }, status });

  const scope = lockScope(campaign.slug);
  try {
    const admission = await deps.guard.admit(
      submissionFrom(c, deps.config.clientIpHeader, { scope, via: 'form', token: formToken, honeypot: website }),
      locale,
    );
    const result = await deps.service.submit(campaign, formToLockRequest(fields), { scope, ...admission }, locale);
    // The status page in the language of the page the person used.
    return c.redirect(inLanguage(result.statusPath, language), 303);
  } catch (error) {
    if (error instanceof ValidationError) return page({ errors: error.fields, ...(formToken ? { formToken } : {}), status: 400 });
    if (error instanceof OutOfStockError) {
      return page({ errors: { waitlist: [LOCK_REQUEST_MESSAGES['stock.none'][locale]] }, ...(formToken ? { formToken } : {}), status: 409 });
    }
    if (error instanceof RefusedError) {
      return error.reason === 'cross_site' ? again(403, REFUSAL_MESSAGES.cross_site[locale]) : again(400);
    }
    if (error instanceof RateLimitedError) {
      c.header('Retry-After', String(error.retryAfterSeconds));
      c.header('Cache-Control', 'no-store');
      const path = shellPath(lockPaths(campaign.slug, language).request);
      return c.html(deps.shells.render('lock-request', locale, { path, main: renderRateLimited(locale, error.retryAfterSeconds), brand: campaignShellBrand(campaign, language) }), 429);
    }
    if (error instanceof ConflictError) return again(409);
    throw error;
  }
}
