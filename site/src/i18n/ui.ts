import type { SiteLocale } from '#domain/locales';

export type { SiteLocale };
export const LOCALES: readonly SiteLocale[] = ['en', 'es'];

/** Interface strings. Page prose lives with each page; these are the words the chrome repeats. */
const strings = {
  en: {
    'site.name': 'Lockline',
    'site.tagline': 'Safe storage saves lives',
    'skip.link': 'Skip to main content',
    'crisis.label': 'Crisis help',
    'crisis.heading': 'Need help now?',
    'lang.switch': 'Español',
    'lang.switchLabel': 'Ver esta página en español',
    'nav.label': 'Main',
    'nav.home': 'Home',
    'footer.about': 'Lockline is free, open-source software for city safe-storage campaigns. It has no ads, no trackers and no analytics.',
    'footer.legal': 'Lockline gives general information, not legal or medical advice.',
    'footer.verified': 'Crisis line details checked on',
    'footer.sources': 'Sources',
    'notFound.title': 'Page not found',
  },
  es: {
    'site.name': 'Lockline',
    'site.tagline': 'Guardar las armas de forma segura salva vidas',
    'skip.link': 'Saltar al contenido principal',
    'crisis.label': 'Ayuda en una crisis',
    'crisis.heading': '¿Necesita ayuda ahora?',
    'lang.switch': 'English',
    'lang.switchLabel': 'View this page in English',
    'nav.label': 'Principal',
    'nav.home': 'Inicio',
    'footer.about': 'Lockline es un programa gratuito y de código abierto para campañas municipales de almacenamiento seguro de armas. No tiene anuncios, rastreadores ni analítica.',
    'footer.legal': 'Lockline da información general, no asesoría legal ni médica.',
    'footer.verified': 'Datos de las líneas de crisis revisados el',
    'footer.sources': 'Fuentes',
    'notFound.title': 'No encontramos esta página',
  },
} as const satisfies Record<SiteLocale, Record<string, string>>;

export type UiKey = keyof (typeof strings)['en'];

export function t(locale: SiteLocale, key: UiKey): string {
  return strings[locale][key];
}

export function otherLocale(locale: SiteLocale): SiteLocale {
  return locale === 'en' ? 'es' : 'en';
}

/**
 * Path of the same page in another language. Spanish pages live under /es/ with the same slugs,
 * so `localizedPath('es', '/')` is `/es/` and `localizedPath('en', '/es/x/')` is `/x/`.
 */
export function localizedPath(locale: SiteLocale, path: string): string {
  const bare = path.replace(/^\/es(\/|$)/, '/');
  return locale === 'en' ? bare : `/es${bare}`;
}

/** Dates as a person reads them, in their language, e.g. "November 25, 2026" / "25 de noviembre de 2026". */
export function formatDate(locale: SiteLocale, isoDate: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'es-US', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}
