/**
 * Refuses a form post another site made a browser send (CSRF on a public form: someone else's page
 * submitting requests in a visitor's name, or spending stock). Browsers say where a request comes
 * from in `Sec-Fetch-Site`, which pages cannot set; that is the test. Only a browser too old to
 * send it is judged by `Origin`. Our pages send `Referrer-Policy: no-referrer`, under which a
 * browser's own same-origin form post carries `Origin: null`, so "null" proves nothing either way.
 * A request with neither header (curl, a server) is not cross-site by this test and meets the form
 * token and the rate limit instead.
 */
export function isCrossSite(headers: { origin?: string | undefined; secFetchSite?: string | undefined }, allowedOrigins: readonly string[]): boolean {
  const site = headers.secFetchSite?.trim().toLowerCase();
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = headers.origin?.trim();
  if (!origin || origin === 'null') return false;
  return !allowedOrigins.includes(origin.replace(/\/$/, ''));
}
