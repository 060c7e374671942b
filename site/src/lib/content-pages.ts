import { getCollection, type CollectionEntry } from 'astro:content';
import type { SiteLocale } from '../i18n/ui.ts';

export type PageEntry = CollectionEntry<'pages'>;

/** Education pages of one language, keyed by slug; the build fails if a page lacks its translation. */
export async function getContentPages(locale: SiteLocale): Promise<{ slug: string; entry: PageEntry }[]> {
  const all = await getCollection('pages');
  const slugs = (l: SiteLocale) => new Set(all.filter((e) => e.id.startsWith(`${l}/`)).map((e) => e.id.slice(3)));
  const en = slugs('en');
  const es = slugs('es');
  const missing = [...en].filter((s) => !es.has(s)).map((s) => `es/${s}`).concat([...es].filter((s) => !en.has(s)).map((s) => `en/${s}`));
  if (missing.length) throw new Error(`Every page needs English and Spanish versions; missing: ${missing.join(', ')}`);
  return all
    .filter((e) => e.id.startsWith(`${locale}/`))
    .map((entry) => ({ slug: entry.id.slice(3), entry }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}
