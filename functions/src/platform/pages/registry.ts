/**
 * Request-time pages: pages the API app renders (they show live data or take a form post), so
 * CloudFront and the local server must send their paths to the app instead of the static site.
 * Each capability declares its families; `functions/src/request-time-pages.ts` lists them all, and
 * the app, the local server and the CDK distribution read that one list (tested to agree).
 *
 * A pattern is a CloudFront path pattern: `*` matches any run of characters, `/` included, `?` one
 * character. One pattern per family covers every language and every campaign (`*\/get-a-lock*`
 * matches `/get-a-lock/`, `/es/c/x/get-a-lock/request/`, ...), so adding a campaign or a language
 * never adds a CloudFront behaviour.
 */
export interface RequestTimePages {
  /** The capability that renders them (its folder name). */
  capability: string;
  pattern: string;
  /** Real paths of the family: a test checks each one reaches the app on all three routers. */
  examples: readonly string[];
  /**
   * Small fragments our own static pages embed in an `<iframe>` (a live count on the home page),
   * answered with `frame-ancestors 'self'` and `X-Frame-Options: SAMEORIGIN` instead of `none`
   * and `DENY`, and a short public `Cache-Control`. CloudFront needs a behaviour for the family
   * with the matching response headers policy, placed before any broader pattern that matches.
   */
  frameable?: boolean;
  /**
   * The pages need the viewer's cookies (a signed-in session): CloudFront forwards cookies for
   * this family only. Every other family gets none, so no cookie ever reaches their code.
   */
  forwardCookies?: boolean;
}

/**
 * CloudFront path-pattern matching: `*` any characters, `?` one, everything else literal; a
 * pattern without a leading `/` or `*` is read as if it had the `/`, as CloudFront does.
 */
export function patternToRegExp(pattern: string): RegExp {
  const full = pattern.startsWith('/') || pattern.startsWith('*') ? pattern : `/${pattern}`;
  const body = [...full].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}

/** True when any of the patterns sends the path to the app. */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => patternToRegExp(p).test(path));
}
