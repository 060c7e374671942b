import { languagePrefix } from '../../domain/campaign-paths.ts';

/**
 * Where a pledge belongs: a campaign (its slug), or the national pledge. The national pledge has a
 * reserved scope that no campaign slug can take (slugs are lower-case letters, digits and hyphens),
 * so national pledges are stored and counted exactly like a campaign's, and the national total is
 * the national scope plus every live campaign (docs/decisions/0015-pledges.md).
 */
export const NATIONAL_SCOPE = '_national';

export const isNational = (scope: string): boolean => scope === NATIONAL_SCOPE;

/** The idempotency scope of a pledge submission. */
export const pledgeScope = (scope: string): string => `pledges:${scope}`;

/**
 * Where the pledge pages of a scope live, in one place (routes, emails, answers), in the page's
 * language: English, Spanish, or a language the campaign adds (`/vi/c/<slug>/pledge/`).
 */
export function pledgePaths(scope: string, language: string) {
  const base = `${languagePrefix(language)}${isNational(scope) ? '' : `/c/${scope}`}`;
  const pledge = `${base}/pledge`;
  return {
    form: `${pledge}/`,
    checkEmail: `${pledge}/check-email/`,
    thanks: `${pledge}/thanks/`,
    confirm: (token: string) => `${pledge}/confirm/${token}/`,
    unsubscribe: (token: string) => `${pledge}/unsubscribe/${token}/`,
    remove: (token: string) => `${pledge}/delete/${token}/`,
    countFrame: `${base}/pledge-count/`,
  };
}
