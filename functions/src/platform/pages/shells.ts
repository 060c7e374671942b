import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteLocale } from '../../domain/locales.ts';

/**
 * Page shells: full pages built by Astro (layout, crisis banner, header, footer, styles) with a
 * `<!--lockline:main-->` placeholder and `/__PATH__/` standing for the page's own path in its
 * canonical, hreflang and language-toggle links. See docs/decisions/0007.
 */
export interface ShellFill {
  /** Path of the page without the /es prefix and without slashes at the ends, e.g. `get-a-lock`. */
  path: string;
  main: string;
  hasErrors?: boolean;
  /** Keep the shell's noindex (private pages such as a request's status). */
  noindex?: boolean;
}

export type ShellName = 'get-a-lock' | 'lock-request' | 'lock-status' | 'staff';

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

export function fillShell(shell: string, fill: ShellFill): string {
  let html = shell.replaceAll('/__PATH__/', `/${fill.path}/`).replace('<!--lockline:main-->', () => fill.main);
  if (fill.hasErrors) html = html.replace('<title>', '<title>Error: ');
  return fill.noindex ? html : html.replace(/<meta name="robots" content="noindex"\s*\/?>/, '');
}

/** Where no shells were deployed (the sweep, the seed): rendering a page is a programming error. */
export const missingShells: Shells = {
  render() {
    throw new Error('No page shells configured: build the site and pass the shells folder.');
  },
};
