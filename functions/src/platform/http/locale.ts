import type { Context } from 'hono';
import type { SiteLocale } from '../../domain/locales.ts';

/**
 * The language of an API answer from `Accept-Language` (RFC 9110): Spanish when the client rates
 * Spanish (`es`, `es-MX`, ...) above English, otherwise English. Weights count (`es;q=0.1, en` is
 * English; `vi, es;q=0.8` is Spanish); on a tie the language listed first wins; junk is English.
 */
export function apiLocale(c: Context): SiteLocale {
  return preferredLocale(c.req.header('accept-language') ?? '');
}

export function preferredLocale(header: string): SiteLocale {
  const best: Record<SiteLocale | '*', { q: number; at: number }> = { en: { q: 0, at: Infinity }, es: { q: 0, at: Infinity }, '*': { q: 0, at: Infinity } };
  header.split(',').forEach((part, at) => {
    const [range, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const primary = range?.split('-')[0];
    if (primary !== 'en' && primary !== 'es' && primary !== '*') return;
    const weight = params.find((p) => p.startsWith('q='));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    if (q > best[primary].q) best[primary] = { q, at };
  });
  // `*` stands for any language the client did not name.
  const es = best.es.q || best['*'].q;
  const en = best.en.q || best['*'].q;
  if (es !== en) return es > en ? 'es' : 'en';
  return best.es.at < best.en.at ? 'es' : 'en';
}

/** The language of a page from its path: `/es/...` is Spanish. */
export const pathLocale = (path: string): SiteLocale => (path === '/es' || path.startsWith('/es/') ? 'es' : 'en');
