/**
 * Campaigns: the city campaigns as their content files declare them, stored in the table by the
 * content seed and read by every capability. Other capabilities import only from this file.
 */
export { anyCampaign, liveCampaign, pageCampaign, residentCampaign } from './lookup.ts';
export type { CampaignReader, CampaignRepository } from './ports.ts';
export { campaignRoutes } from './routes.ts';
export { campaignRepository } from './store.ts';
export { cachedCampaigns, CAMPAIGN_CACHE_MS } from './cache.ts';
export { campaignShellBrand } from './brand.ts';
export { CAMPAIGN_PAGE_PREFIXES, routeLanguage } from './page-languages.ts';
