import { getCollection } from 'astro:content';
import type { Campaign } from '#domain/campaign';
import { fallbackNotice, RTL_LANGUAGES } from '#domain/campaign-languages';
import { CAMPAIGN_SHARED_PAGES, isAddedLanguage, sharedPagePath, type CampaignSharedPage } from '#domain/campaign-paths';
import type { ErpoRecord } from '#domain/erpo';
import { checkLogoFile, type CampaignLogoFile } from './campaign-logo-file.ts';
import { getContentPages } from './content-pages.ts';
import { getErpoRecords } from './erpo-content.ts';

/**
 * Campaign pages: which campaigns have pages (live ones, and ended ones with their closing page;
 * drafts have none), their paths in every language, and their logo files.
 */
/** Campaigns with pages: live and ended. A draft is neither built nor linked. */
export async function publishedCampaigns(): Promise<Campaign[]> {
  return (await getCollection('campaigns')).map((e) => e.data).filter((c) => c.status !== 'draft').sort((a, b) => a.slug.localeCompare(b.slug));
}

export { CAMPAIGN_SHARED_PAGES, campaignPath, contentLocale, isAddedLanguage, sharedPagePath, type CampaignSharedPage } from '#domain/campaign-paths';

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

/** The campaign's red-flag guide (/c/<slug>/red-flag-laws/): where its state has a record. */
export async function erpoPagePaths(filter: (language: string) => boolean) {
  return (await campaignPagePaths(filter)).flatMap(({ params, props: { record, ...props } }) => (record ? [{ params, props: { ...props, record } }] : []));
}

/** The shared pages with a route of their own under the campaign; every other one is an education page. */
const SHARED_PAGES_WITH_A_ROUTE: readonly CampaignSharedPage[] = ['/red-flag-laws/which-option/'];

/**
 * The education pages among the shared pages, built again in each added language of every
 * published campaign (/vi/c/<slug>/safe-storage/), in English.
 */
export async function sharedContentPagePaths() {
  const entries = new Map((await getContentPages('en')).map((p) => [`/${p.slug}/`, p.entry]));
  const pages = CAMPAIGN_SHARED_PAGES.filter((page) => !SHARED_PAGES_WITH_A_ROUTE.includes(page)).map((page) => {
    const entry = entries.get(page);
    if (!entry) throw new Error(`${page} is one of a campaign's shared pages (CAMPAIGN_SHARED_PAGES) but no page in site/src/content/pages/en/ builds it.`);
    return { page, entry };
  });
  return (await campaignPagePaths(isAddedLanguage)).flatMap(({ params, props: { campaign, language } }) =>
    pages.map(({ page, entry }) => ({ params: { ...params, page: page.slice(1, -1) }, props: { campaign, language, entry } })),
  );
}

/**
 * A shared page's body as a campaign's copy in an added language shows it: its links to the other
 * shared pages the campaign rebuilds lead to those copies (`/safe-storage/` → `/vi/c/<slug>/safe-storage/`),
 * so a reader keeps the notice in their language; every other link is left as written.
 */
export function linksInCampaign(html: string, slug: string, language: string): string {
  const shared = new Set<string>(CAMPAIGN_SHARED_PAGES);
  return html.replace(/href="(\/[^"#?]*)"/g, (whole, path: string) => (shared.has(path) ? `href="${sharedPagePath(slug, language, path as CampaignSharedPage)}"` : whole));
}
