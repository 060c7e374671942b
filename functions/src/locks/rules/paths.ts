import type { SiteLocale } from '../../domain/locales.ts';

/**
 * Where the lock pages live, in one place: the finder, a campaign's form and a request's private
 * status page, in English (no prefix) or Spanish (`/es`). Routes, the service (status links in
 * answers and emails) and the page renderers all build paths here.
 */
export const localePrefix = (locale: SiteLocale): string => (locale === 'es' ? '/es' : '');

/** The national finder, the fallback link of every lock page problem. */
export const finderHome = (locale: SiteLocale): string => `${localePrefix(locale)}/get-a-lock/`;

export function lockPaths(slug: string, locale: SiteLocale) {
  const base = `${localePrefix(locale)}/c/${slug}/get-a-lock`;
  return {
    finder: `${base}/`,
    request: `${base}/request/`,
    status: (code: string, secret: string) => `${base}/status/${code}/${secret}/`,
  };
}

/** The same page in another language: `/es/c/x/...` ↔ `/c/x/...`. */
export const inLocale = (path: string, locale: SiteLocale): string => `${localePrefix(locale)}${path.replace(/^\/es(?=\/)/, '')}`;
