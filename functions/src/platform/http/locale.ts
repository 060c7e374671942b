import type { Context } from 'hono';
import type { SiteLocale } from '../../domain/locales.ts';

/** The language of an API answer: Spanish when the client prefers it (Accept-Language), otherwise English. */
export function apiLocale(c: Context): SiteLocale {
  const first = c.req.header('accept-language')?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first === 'es' || first.startsWith('es-') ? 'es' : 'en';
}

/** The language of a page from its path: `/es/...` is Spanish. */
export const pathLocale = (path: string): SiteLocale => (path === '/es' || path.startsWith('/es/') ? 'es' : 'en');
