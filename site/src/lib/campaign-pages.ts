import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getCollection } from 'astro:content';
import type { Campaign } from '#domain/campaign';
import { addedLanguages, fallbackNotice, RTL_LANGUAGES } from '#domain/campaign-languages';
import { logoExtension, logoPath, logoSize, svgLogoProblems, LOGO_MAX_BYTES } from '#domain/campaign-logo';
import type { ErpoRecord } from '#domain/erpo';
import type { SiteLocale } from '../i18n/ui.ts';
import { getErpoRecords } from './erpo-content.ts';

/**
 * Campaign pages: which campaigns have pages (live ones, and ended ones with their closing page;
 * drafts have none), their paths in every language, and their logo files.
 */
// The build runs from the repository (astro build --root site) or from site/; bundling moves this
// module, so the folder is found from the working directory rather than from import.meta.url.
export const LOGO_DIR = [resolve('site/src/content/campaigns/logos'), resolve('src/content/campaigns/logos')].find((d) => existsSync(d)) ?? resolve('site/src/content/campaigns/logos');

/** Campaigns with pages: live and ended. A draft is neither built nor linked. */
export async function publishedCampaigns(): Promise<Campaign[]> {
  return (await getCollection('campaigns')).map((e) => e.data).filter((c) => c.status !== 'draft').sort((a, b) => a.slug.localeCompare(b.slug));
}

/** The language a page's words are in: Spanish for "es", English for everything else (fallback). */
export const contentLocale = (language: string): SiteLocale => (language === 'es' ? 'es' : 'en');

/** `/c/<slug>/<rest>` in a language: no prefix for English, `/es/`, `/<lang>/` for added languages. */
export function campaignPath(slug: string, language: string, rest = ''): string {
  return `${language === 'en' ? '' : `/${language}`}/c/${slug}/${rest}`;
}

export const themeHref = (slug: string): string => `/c/${slug}/theme.css`;
export const ogImagePath = (slug: string, language: string): string => `/c/${slug}/og-${language}.png`;

/** The name of a language in that language ("Español", "Tiếng Việt"), for the language list. */
export function languageName(language: string): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

export interface LanguageNote {
  language: string;
  text: string;
  dir: 'rtl' | 'ltr';
}

/** On a page in an added language: the sentence that says it is shown in English. */
export function fallbackNote(campaign: Campaign, language: string): LanguageNote | null {
  if (language === 'en' || language === 'es') return null;
  const text = fallbackNotice(language, campaign.fallbackNotice ?? {});
  if (!text) throw new Error(`${campaign.slug}: no fallback notice for "${language}" (the schema should have refused the file).`);
  return { language, text, dir: RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr' };
}

export interface CampaignLogoFile {
  src: string;
  width: number;
  height: number;
  bytes: Buffer;
  extension: 'svg' | 'png';
}

/** The campaign's logo file, checked: present, small, safe (SVG) and with a readable size. */
export function readLogo(campaign: Campaign): CampaignLogoFile | null {
  if (!campaign.logo) return null;
  const where = `${campaign.slug}: logo.file "${campaign.logo.file}"`;
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(LOGO_DIR, campaign.logo.file));
  } catch {
    throw new Error(`${where}: no such file in site/src/content/campaigns/logos/. Add the file or fix its name.`);
  }
  if (bytes.length > LOGO_MAX_BYTES) throw new Error(`${where} is ${Math.ceil(bytes.length / 1024)} KB; keep it under ${LOGO_MAX_BYTES / 1024} KB (pages must stay light on phones).`);
  const extension = logoExtension(campaign.logo);
  if (extension === 'svg') {
    const problems = svgLogoProblems(bytes.toString('utf8'));
    if (problems.length) throw new Error(`${where}: ${problems.join(' ')}`);
  }
  const size = logoSize(bytes, extension);
  if (!size) throw new Error(`${where}: cannot read the image's width and height. Give the SVG a viewBox, or check the PNG file.`);
  return { src: logoPath(campaign.slug, campaign.logo), ...size, bytes, extension };
}

/** Every page of every published campaign in every one of its languages. */
export async function campaignPagePaths(filter: (language: string) => boolean) {
  const records = new Map<string, ErpoRecord>((await getErpoRecords()).map((r) => [r.state, r]));
  const campaigns = await publishedCampaigns();
  return campaigns.flatMap((campaign) =>
    campaign.languages.filter(filter).map((language) => ({
      params: { slug: campaign.slug, ...(language === 'en' || language === 'es' ? {} : { lang: language }) },
      props: { campaign, language, record: records.get(campaign.state) ?? null },
    })),
  );
}

export const isAddedLanguage = (language: string): boolean => addedLanguages([language]).length === 1;

/** Flyers invite people in: only live campaigns have one. */
export async function flyerPagePaths(filter: (language: string) => boolean) {
  return (await campaignPagePaths(filter)).filter((p) => p.props.campaign.status === 'live');
}
