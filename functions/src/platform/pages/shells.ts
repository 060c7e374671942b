import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutLanguage } from '../../domain/campaign-paths.ts';
import type { SiteLocale } from '../../domain/locales.ts';

/**
 * Page shells: full pages built by Astro (layout, crisis banner, header, footer, styles) with a
 * `<!--lockline:main-->` placeholder and `/__PATH__/` standing for the page's own path in its
 * canonical, hreflang and language-toggle links. See docs/decisions/0007. A campaign's pages also
 * fill `<!--lockline:head-->` (its theme stylesheet) and `<!--lockline:brand-->` (its header band,
 * first inside <main>).
 */
export interface ShellBrand {
  /** The campaign's generated stylesheet, `/c/<slug>/theme.css`; nothing else is accepted. */
  themeHref: string;
  /** The campaign's header band, already escaped (functions/src/campaigns/brand.ts). */
  band: string;
}

/** A theme is only ever the campaign's own generated file on this site: never another origin. */
export const THEME_HREF = /^\/c\/[a-z0-9]+(?:-[a-z0-9]+)*\/theme\.css$/;

export interface ShellFill {
  /** Path of the page without the /es prefix and without slashes at the ends, e.g. `get-a-lock`. */
  path: string;
  main: string;
  hasErrors?: boolean;
  /** Keep the shell's noindex (private pages such as a request's status). */
  noindex?: boolean;
  /** A campaign's brand: its theme stylesheet and header band. */
  brand?: ShellBrand;
}

export type ShellName = 'get-a-lock' | 'lock-request' | 'lock-status' | 'pledge' | 'pledge-manage' | 'pledge-count' | 'staff';

export interface Shells {
  render(name: ShellName, locale: SiteLocale, fill: ShellFill): string;
}

/** Shells from a folder (site/dist/shells locally; copied next to the handler in the Lambda). */
export function fileShells(dir: string): Shells {
  const cache = new Map<string, string>();
  const load = (name: string, locale: SiteLocale) => {
    const file = join(dir, ...(locale === 'es' ? ['es'] : []), name, 'index.html');
    let html = cache.get(file);
    if (html === undefined) {
      html = readFileSync(file, 'utf8');
      cache.set(file, html);
    }
    return html;
  };
  return {
    render(name, locale, fill) {
      return fillShell(load(name, locale), fill);
    },
  };
}

/** A page path as the shells take it: no language prefix, no slashes at the ends (`/vi/c/x/pledge/` → `c/x/pledge`). */
export const shellPath = (path: string): string => withoutLanguage(path).replace(/^\//, '').replace(/\/$/, '');

export function fillShell(shell: string, fill: ShellFill): string {
  if (fill.brand && !THEME_HREF.test(fill.brand.themeHref)) throw new Error('A page theme must be a campaign theme.css on this site.');
  const head = fill.brand ? `<link rel="stylesheet" href="${fill.brand.themeHref}">` : '';
  let html = shell
    .replaceAll('/__PATH__/', `/${fill.path}/`)
    .replace('<!--lockline:head-->', () => head)
    .replace('<!--lockline:brand-->', () => fill.brand?.band ?? '')
    .replace('<!--lockline:main-->', () => fill.main);
  if (fill.hasErrors) html = html.replace('<title>', '<title>Error: ');
  return fill.noindex ? html : html.replace(/<meta name="robots" content="noindex"\s*\/?>/, '');
}

/** Where no shells were deployed (the sweep, the seed): rendering a page is a programming error. */
export const missingShells: Shells = {
  render() {
    throw new Error('No page shells configured: build the site and pass the shells folder.');
  },
};
