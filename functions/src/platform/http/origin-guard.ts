import { createMiddleware } from 'hono/factory';
import { sameSecret, type KeyRing } from '../secrets/key-ring.ts';
import type { AppEnv } from './env.ts';
import { errorJson } from './errors.ts';
import { ORIGIN_VERIFY_HEADER } from './security-headers.ts';

/**
 * The closed origin: only CloudFront may call the API. CloudFront adds `x-lockline-origin` with
 * the origin secret's value to every request it forwards; anything else (a direct call to the API
 * Gateway endpoint, which could forge `CloudFront-Viewer-Address` for a fresh rate-limit bucket or
 * skip the WAF) gets 403 here, first, before any other work: no table access, no log of the body.
 * The secret has the key ring's shape, so a rotation accepts `previous` until it is dropped.
 */
export function originGuard(secret: KeyRing) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const given = c.req.header(ORIGIN_VERIFY_HEADER) ?? '';
    const { current, previous } = await secret.keys();
    // Both compared every time, in constant time: the timing says nothing about either value.
    const okCurrent = sameSecret(given, current.toString('utf8'));
    const okPrevious = previous ? sameSecret(given, previous.toString('utf8')) : false;
    if (!given || !(okCurrent || okPrevious)) {
      c.var.logger?.warn('request refused', { reason: 'not_from_cloudfront' });
      return errorJson(c, 403, { code: 'forbidden', message: 'Use the site’s own address.' });
    }
    await next();
  });
}
