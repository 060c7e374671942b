import { brandContrastProblems, type Brand } from './campaign-brand.ts';
import { HEX_COLOUR } from './contrast.ts';
import { languageProblems, type TextAt } from './campaign-languages.ts';
import type { CampaignLogo } from './campaign-logo.ts';
import type { SiteAddress } from './site-address.ts';
import { ZIP_INDEX } from './zip-data.ts';

/**
 * Rules over a whole campaign file that protect the people who read its pages: colours with
 * enough contrast, every text in every language, places inside the campaign's state (or a reason
 * why not) at a ZIP code of that state. Each problem names the field and says how to fix it.
 */
export interface CampaignProblem {
  path: (string | number)[];
  message: string;
}

/** The part of a campaign these rules read (the schema's output, before the rules run). */
export interface CheckedCampaign {
  state: string;
  languages: string[];
  brand: Brand;
  logo?: CampaignLogo | undefined;
  message?: { title: Record<string, string>; text: Record<string, string> } | undefined;
  fallbackNotice?: Record<string, string> | undefined;
  pickupSites: { id: string; address: SiteAddress; outOfStateReason?: string | undefined }[];
  retiredPickupSites?: { id: string }[] | undefined;
  storageSites: { id: string; address: SiteAddress; outOfStateReason?: string | undefined }[];
  dataRetentionDays: number;
  locks: { retentionDays: number };
}

export function contrastProblems(campaign: Pick<CheckedCampaign, 'brand'>): CampaignProblem[] {
  // A colour that is not a hex colour is reported by the schema itself.
  if (!Object.values(campaign.brand).every((c) => HEX_COLOUR.test(c))) return [];
  return brandContrastProblems(campaign.brand).map((message) => ({ path: ['brand'], message }));
}

export function campaignLanguageProblems(campaign: Pick<CheckedCampaign, 'languages' | 'logo' | 'message' | 'fallbackNotice'>): CampaignProblem[] {
  const texts: TextAt[] = [];
  if (campaign.logo) texts.push({ path: ['logo', 'alt'], text: campaign.logo.alt });
  if (campaign.message) {
    texts.push({ path: ['message', 'title'], text: campaign.message.title }, { path: ['message', 'text'], text: campaign.message.text });
  }
  return languageProblems(campaign.languages, texts, campaign.fallbackNotice ?? {});
}

/** Pickup and storage sites: in the campaign's state or with a reason, at a ZIP code of their own state. */
export function siteLocationProblems(campaign: Pick<CheckedCampaign, 'state' | 'pickupSites' | 'storageSites'>): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const lists = [['pickupSites', campaign.pickupSites], ['storageSites', campaign.storageSites]] as const;
  for (const [field, sites] of lists) {
    sites.forEach((site, i) => {
      const { state, zip } = site.address;
      if (state !== campaign.state && !site.outOfStateReason) {
        problems.push({
          path: [field, i, 'address', 'state'],
          message: `"${site.id}" is in ${state}, outside the campaign's state (${campaign.state}). Check the address, or say why it is listed in outOfStateReason.`,
        });
      }
      const zipState = ZIP_INDEX.stateOf(zip);
      if (zipState === null) problems.push({ path: [field, i, 'address', 'zip'], message: `There is no US ZIP code ${zip}. Check the number.` });
      else if (zipState !== state) problems.push({ path: [field, i, 'address', 'zip'], message: `ZIP code ${zip} is in ${zipState}, not ${state}. Check the ZIP code or the state.` });
    });
  }
  return problems;
}

/** Ids unique within their lists (a removed pickup site keeps its id), retention within the promise. */
export function consistencyProblems(campaign: Pick<CheckedCampaign, 'pickupSites' | 'retiredPickupSites' | 'storageSites' | 'dataRetentionDays' | 'locks'>): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const pickupIds = new Set(campaign.pickupSites.map((s) => s.id));
  if (pickupIds.size !== campaign.pickupSites.length) problems.push({ path: ['pickupSites'], message: 'Give each pickup site its own id.' });
  (campaign.retiredPickupSites ?? []).forEach((s, i) => {
    if (pickupIds.has(s.id)) problems.push({ path: ['retiredPickupSites', i, 'id'], message: `"${s.id}" is both a pickup site and a removed one. Keep it in one list only.` });
  });
  if (new Set(campaign.storageSites.map((s) => s.id)).size !== campaign.storageSites.length) problems.push({ path: ['storageSites'], message: 'Give each storage site its own id.' });
  if (campaign.locks.retentionDays > campaign.dataRetentionDays) {
    problems.push({
      path: ['locks', 'retentionDays'],
      message: `Lock requests are kept ${campaign.locks.retentionDays} days, longer than the campaign's dataRetentionDays (${campaign.dataRetentionDays}). Make locks.retentionDays ${campaign.dataRetentionDays} or less.`,
    });
  }
  return problems;
}

export function campaignProblems(campaign: CheckedCampaign): CampaignProblem[] {
  return [...contrastProblems(campaign), ...campaignLanguageProblems(campaign), ...siteLocationProblems(campaign), ...consistencyProblems(campaign)];
}
