/**
 * Security headers, defined once. The Hono middleware applies them to the API and to the local
 * static server; the CDK response-headers policy applies the same values on CloudFront.
 */

/** The API only ever returns JSON (and redirects): nothing in it may load or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The site ships no third-party code and (on content pages) no JavaScript at all. Styles are
 * external files (Astro `inlineStylesheets: 'never'`), so no 'unsafe-inline' is needed.
 */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/**
 * Fragments our own pages embed (`RequestTimePages.frameable`): the site's policy, except that
 * pages of this origin may frame them. Nothing else about them is looser.
 */
export const FRAME_CSP = SITE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers shared by API and site responses (CSP differs and is added separately). */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Strict-Transport-Security': HSTS,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

export function securityHeaders(csp: string): Record<string, string> {
  return { ...COMMON_SECURITY_HEADERS, 'Content-Security-Policy': csp };
}

/** The headers of a fragment our own pages frame: same-origin framing allowed, all else as the site. */
export function frameHeaders(): Record<string, string> {
  return { ...COMMON_SECURITY_HEADERS, 'X-Frame-Options': 'SAMEORIGIN', 'Content-Security-Policy': FRAME_CSP };
}

/**
 * The header CloudFront adds to every request it sends to the API origin, with a value from
 * Secrets Manager; the app refuses any request without a valid one (platform/http/origin-guard.ts),
 * so the API Gateway endpoint cannot be called around CloudFront and its WAF.
 */
export const ORIGIN_VERIFY_HEADER = 'x-lockline-origin';
