import { html } from 'hono/html';
import type { Campaign } from '../domain/campaign.ts';
import { logoPath } from '../domain/campaign-logo.ts';
import type { SiteLocale } from '../domain/locales.ts';
import type { ShellBrand } from '../platform/pages/shells.ts';

const DEMO_BADGE = { en: 'Sample campaign: this city is not real', es: 'Campaña de ejemplo: esta ciudad no es real' } as const;

/**
 * A campaign's brand on the pages the API renders (lock finder, form, status): its generated
 * stylesheet and the same header band as its static pages (site/src/components/campaign/
 * CampaignBand.astro), so a resident sees one campaign from home page to status page.
 */
export function campaignShellBrand(campaign: Campaign, locale: SiteLocale): ShellBrand {
  const logo = campaign.logo
    ? html`<img class="campaign-band__logo" src="${logoPath(campaign.slug, campaign.logo)}" height="48" alt="${campaign.logo.alt[locale]}" />`
    : '';
  const badge = campaign.demo ? html`<p class="campaign-band__badge" data-demo-badge>${DEMO_BADGE[locale]}</p>` : '';
  const band = html`<div class="campaign-band" data-campaign-band>${logo}<div><p class="campaign-band__name">${campaign.name}</p>${badge}</div></div>`;
  return { themeHref: `/c/${campaign.slug}/theme.css`, band: String(band) };
}
