import { html } from 'hono/html';
import type { Campaign } from '../domain/campaign.ts';
import { fallbackNotice, RTL_LANGUAGES } from '../domain/campaign-languages.ts';
import { logoPath } from '../domain/campaign-logo.ts';
import { contentLocale, isAddedLanguage } from '../domain/campaign-paths.ts';
import type { ShellBrand } from '../platform/pages/shells.ts';

const DEMO_BADGE = { en: 'Sample campaign: this city is not real', es: 'Campaña de ejemplo: esta ciudad no es real' } as const;

/**
 * A campaign's brand on the pages the API renders (lock finder, form, status, pledge): its
 * generated stylesheet and the same header band as its static pages (site/src/components/campaign/
 * CampaignBand.astro and CampaignFrame.astro), so a resident sees one campaign from home page to
 * status page. In a language the campaign adds (`/vi/c/<slug>/...`) the page is in English and
 * opens with the campaign's sentence, in that language, saying so; the logo's description is the
 * campaign's own in that language.
 */
export function campaignShellBrand(campaign: Campaign, language: string): ShellBrand {
  const locale = contentLocale(language);
  // In an added language the description is the campaign's own, marked as that language.
  const ownAlt = isAddedLanguage(language) ? campaign.logo?.alt[language] : undefined;
  const logo = campaign.logo
    ? html`<img class="campaign-band__logo" src="${logoPath(campaign.slug, campaign.logo)}" height="48" alt="${ownAlt ?? campaign.logo.alt[locale]}"${ownAlt ? html` lang="${language}"` : ''} />`
    : '';
  const badge = campaign.demo ? html`<p class="campaign-band__badge" data-demo-badge>${DEMO_BADGE[locale]}</p>` : '';
  const band = html`<div class="campaign-band" data-campaign-band>${logo}<div><p class="campaign-band__name">${campaign.name}</p>${badge}</div></div>`;
  return { themeHref: `/c/${campaign.slug}/theme.css`, band: `${noticeIn(campaign, language)}${String(band)}` };
}

/** The "shown in English" sentence of a page in an added language, first in <main>; none in English or Spanish. */
function noticeIn(campaign: Campaign, language: string): string {
  if (!isAddedLanguage(language)) return '';
  const text = fallbackNotice(language, campaign.fallbackNotice ?? {});
  // The schema refuses a campaign that adds a language without one; an English page is still better than none.
  if (!text) return '';
  const dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  return String(html`<p class="callout" lang="${language}" dir="${dir}" data-fallback-notice><strong>${text}</strong></p>`);
}
