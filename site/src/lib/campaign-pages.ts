import { getCollection } from 'astro:content';
import type { Campaign } from '#domain/campaign';
import { fallbackNotice, RTL_LANGUAGES } from '#domain/campaign-languages';
import { isAddedLanguage } from '#domain/campaign-paths';
import type { ErpoRecord } from '#domain/erpo';
import { checkLogoFile, type CampaignLogoFile } from './campaign-logo-file.ts';
import { getErpoRecords } from './erpo-content.ts';

/**
 * Campaign pages: which campaigns have pages (live ones, and ended ones with their closing page;
 * drafts have none), their paths in every language, and their logo files.
 */
/** Campaigns with pages: live and ended. A draft is neither built nor linked. */
export async function publishedCampaigns(): Promise<Campaign[]> {
  return (await getCollection('campaigns')).map((e) => e.data).filter((c) => c.status !== 'draft').sort((a, b) => a.slug.localeCompare(b.slug));
}

export { campaignPath, contentLocale, isAddedLanguage, sharedPagePath, type CampaignSharedPage } from '#domain/campaign-paths';

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
  if (!isAddedLanguage(language)) return null;
  const text = fallbackNotice(language, campaign.fallbackNotice ?? {});
  if (!text) throw new Error(`${campaign.slug}: no fallback notice for "${language}" (the schema should have refused the file).`);
  return { language, text, dir: RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr' };
}

/** The campaign's logo file, checked; a problem fails the build with the campaign and the fix. */
export function readLogo(campaign: Campaign): CampaignLogoFile | null {
  if (!campaign.logo) return null;
  const checked = checkLogoFile(campaign.slug, campaign.logo);
  if (!checked.ok) throw new Error(`Campaign ${campaign.slug}: ${checked.problem}`);
  return checked.logo;
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

/** Flyers invite people in: only live campaigns have one. */
export async function flyerPagePaths(filter: (language: string) => boolean) {
  return (await campaignPagePaths(filter)).filter((p) => p.props.campaign.status === 'live');
}
