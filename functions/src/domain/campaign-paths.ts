import type { SiteLocale } from './locales.ts';

/**
 * Where a campaign's pages live in each of its languages, for the static site and the pages the
 * API renders alike. A page's language comes from its path: English has no prefix, Spanish is
 * `/es/`, and a language a campaign adds is `/<lang>/` (`/vi/c/pine-hollow/`). Pages in an added
 * language show English words with the campaign's sentence, in that language, saying so.
 */

/** The path prefix of a language: "" for English, "/es", "/vi". */
export const languagePrefix = (language: string): string => (language === 'en' ? '' : `/${language}`);

/** The language whose words a page shows: Spanish for "es", English for every other language. */
export const contentLocale = (language: string): SiteLocale => (language === 'es' ? 'es' : 'en');

/** A language beyond the two every page exists in. */
export const isAddedLanguage = (language: string): boolean => language !== 'en' && language !== 'es';

/** `/c/<slug>/<rest>` in a language: no prefix for English, `/es/`, `/<lang>/` for added languages. */
export const campaignPath = (slug: string, language: string, rest = ''): string => `${languagePrefix(language)}/c/${slug}/${rest}`;

/** A path without its language prefix: `/vi/c/x/pledge/` → `/c/x/pledge/`, `/es/pledge/` → `/pledge/`. */
export const withoutLanguage = (path: string): string => path.replace(/^\/[a-z]{2}(?=\/|$)/, '') || '/';

/**
 * The site's shared pages a campaign's pages link to (its "learn more" list, the situation guide,
 * the privacy notice). In English and Spanish they are the site's own pages. In an added language
 * each is built again under the campaign (`/vi/c/pine-hollow/safe-storage/`), in English with the
 * campaign's notice and band, so a reader who follows a link is told, in their language, that
 * the page is in English.
 */
export const CAMPAIGN_SHARED_PAGES = [
  '/safe-storage/',
  '/warning-signs/',
  '/in-a-crisis/',
  '/why-access-matters/',
  '/veterans-and-gun-owners/',
  '/parents/',
  '/privacy/',
  '/red-flag-laws/which-option/',
] as const;
export type CampaignSharedPage = (typeof CAMPAIGN_SHARED_PAGES)[number];

/** Where a campaign page in `language` links for a shared page. */
export function sharedPagePath(slug: string, language: string, page: CampaignSharedPage): string {
  return isAddedLanguage(language) ? campaignPath(slug, language, page.slice(1)) : `${languagePrefix(language)}${page}`;
}

/** The shared-page links of a page: a campaign's in its language, or the site's own (slug null). */
export const sharedPages =
  (slug: string | null, language: string) =>
  (page: CampaignSharedPage): string =>
    slug ? sharedPagePath(slug, language, page) : `${languagePrefix(contentLocale(language))}${page}`;
export type SharedPages = ReturnType<typeof sharedPages>;
