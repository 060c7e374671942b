import type { Context } from 'hono';
import type { Campaign } from '../domain/campaign.ts';
import { ConflictError, RateLimitedError, ValidationError } from '../domain/errors.ts';
import type { SiteLocale } from '../domain/locales.ts';
import { inLocale, lockPaths } from '../domain/lock-paths.ts';
import { formToLockRequest, LOCK_REQUEST_MESSAGES } from '../domain/lock-request.ts';
import type { AppDeps } from '../deps.ts';
import { clientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/env.ts';
import { renderRequestForm } from '../pages/lock-request.ts';
import { renderDuplicate, renderRateLimited } from '../pages/lock-status.ts';
import { OutOfStockError, type LockService } from '../services/lock-requests.ts';

/** A page path as the shells take it: no language prefix, no slashes at the ends. */
export const shellPath = (path: string) => path.replace(/^\/(?:es\/)?/, '').replace(/\/$/, '');

/** Renders the request form page, first view or with errors (values kept). */
export async function requestFormPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  service: LockService,
  campaign: Campaign,
  locale: SiteLocale,
  state: { values?: Record<string, string>; errors?: Record<string, string[]>; formToken?: string; siteId?: string; status?: 200 | 400 | 409 },
) {
  const paths = lockPaths(campaign.slug, locale);
  const main = renderRequestForm({
    locale,
    campaign,
    stock: await deps.store.stock.forCampaign(campaign.slug),
    action: paths.request,
    formToken: state.formToken ?? (await service.issueFormToken()),
    ...(state.values ? { values: state.values } : {}),
    ...(state.errors ? { errors: state.errors } : {}),
    ...(state.siteId ? { siteId: state.siteId } : {}),
  });
  c.header('Cache-Control', 'private, no-store');
  return c.html(deps.shells.render('lock-request', locale, { path: shellPath(paths.request), main, hasErrors: Boolean(state.errors) }), state.status ?? 200);
}

/**
 * A no-JavaScript form post, from the page or straight to the API: the honeypot and the signed
 * time token first, then the same service call as JSON. Success is a 303 to the status page; a
 * problem re-renders the form with the GOV.UK error summary and everything typed kept.
 */
export async function submitRequestForm(c: Context<AppEnv>, deps: AppDeps, service: LockService, campaign: Campaign, locale: SiteLocale) {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') values[key] = value;
  }
  const { formToken, website, ...fields } = values;
  const again = (status: 400 | 409 = 400) =>
    requestFormPage(c, deps, service, campaign, locale, { values: fields, errors: { _: [LOCK_REQUEST_MESSAGES['form.again'][locale]] }, status });

  // A filled trap field or a form sent faster than a person can: answered like any other
  // problem, with a fresh token, so a person caught by mistake only has to send again.
  if (website) {
    c.var.logger.info('lock request form refused', { reason: 'trap' });
    return again();
  }
  const token = await service.checkFormToken(formToken);
  if (token !== 'ok') {
    c.var.logger.info('lock request form refused', { reason: token });
    return again();
  }

  try {
    const result = await service.submit(campaign, formToLockRequest(fields), {
      locale,
      idempotencyKey: formToken,
      clientAddress: clientAddress(c, deps.config.clientIpHeader),
    });
    if (result.duplicate) {
      c.header('Cache-Control', 'private, no-store');
      const path = shellPath(lockPaths(campaign.slug, locale).request);
      return c.html(deps.shells.render('lock-status', locale, { path, main: renderDuplicate(locale, result.confirmationCode), noindex: true }), 200);
    }
    // The status page in the language of the page the person used.
    return c.redirect(inLocale(result.statusPath, locale), 303);
  } catch (error) {
    if (error instanceof ValidationError) {
      return requestFormPage(c, deps, service, campaign, locale, { values: fields, errors: error.fields, formToken, status: 400 });
    }
    if (error instanceof OutOfStockError) {
      return requestFormPage(c, deps, service, campaign, locale, {
        values: fields,
        errors: { waitlist: [LOCK_REQUEST_MESSAGES['stock.none'][locale]] },
        formToken,
        status: 409,
      });
    }
    if (error instanceof RateLimitedError) {
      c.header('Retry-After', String(error.retryAfterSeconds));
      c.header('Cache-Control', 'no-store');
      const path = shellPath(lockPaths(campaign.slug, locale).request);
      return c.html(deps.shells.render('lock-request', locale, { path, main: renderRateLimited(locale, error.retryAfterSeconds) }), 429);
    }
    if (error instanceof ConflictError) return again(409);
    throw error;
  }
}
