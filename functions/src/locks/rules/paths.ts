import { languagePrefix, withoutLanguage } from '../../domain/campaign-paths.ts';
import type { SiteLocale } from '../../domain/locales.ts';

/**
 * Where the lock pages live, in one place: the finder, a campaign's form and a request's private
 * status page, in English (no prefix), Spanish (`/es`) or a language a campaign adds (`/vi`, shown
 * in English). Routes, the service (status links in answers and emails) and the page renderers all
 * build paths here.
 */

/** The national finder, the fallback link of every lock page problem (English and Spanish only). */
export const finderHome = (locale: SiteLocale): string => `${languagePrefix(locale)}/get-a-lock/`;

/** A campaign's lock pages in the page's language. */
export function lockPaths(slug: string, language: string) {
  const base = `${languagePrefix(language)}/c/${slug}/get-a-lock`;
  return {
    finder: `${base}/`,
    request: `${base}/request/`,
    status: (code: string, secret: string) => `${base}/status/${code}/${secret}/`,
  };
}

/** The same page in another language: `/es/c/x/...` ↔ `/c/x/...` ↔ `/vi/c/x/...`. */
export const inLanguage = (path: string, language: string): string => `${languagePrefix(language)}${withoutLanguage(path)}`;
