import type { Context } from 'hono';
import { campaignShellBrand, pageCampaign, type CampaignReader } from '../campaigns/index.ts';
import type { AppConfig } from '../config.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { SubmissionGuard } from '../platform/abuse/submission-guard.ts';
import type { AppEnv } from '../platform/http/env.ts';
import type { Shells } from '../platform/pages/shells.ts';
import { NATIONAL_SCOPE } from './rules/scope.ts';
import type { PledgeService } from './service/pledge-service.ts';

/** The details "also send me a free lock" carries into the lock request form (never in a URL). */
export interface LockPrefill {
  name: string;
  email: string;
  zip: string;
}

/** What the pledge capability's routes (API and pages) are built from. */
export interface PledgeRouteDeps {
  config: Pick<AppConfig, 'siteUrl' | 'clientIpHeader'>;
  service: PledgeService;
  guard: SubmissionGuard;
  campaigns: CampaignReader;
  shells: Shells;
  /** The campaign's lock request form, prefilled, with a notice above it (from locks/index.ts). */
  lockForm: (c: Context<AppEnv>, campaign: Campaign, language: string, prefill: LockPrefill, notice: string) => Promise<Response>;
}

/** Where a pledge route acts: the national pledge, or a campaign in a state the route accepts. */
export interface Where {
  scope: string;
  campaign: Campaign | null;
}

/**
 * The scope a page path names, or null (unknown, draft, not accepted here, or a language the
 * campaign does not list: the page answers 404). The national pledge is in English and Spanish.
 */
export async function whereOf(deps: PledgeRouteDeps, slug: string | undefined, language: string, accept: readonly Campaign['status'][] = ['live']): Promise<Where | null> {
  if (slug === undefined) return language === 'en' || language === 'es' ? { scope: NATIONAL_SCOPE, campaign: null } : null;
  const campaign = await pageCampaign(deps.campaigns, slug, language, accept);
  return campaign ? { scope: campaign.slug, campaign } : null;
}

/** A campaign that runs a lock programme: its lock form can follow a pledge. */
export const hasLocks = (campaign: Campaign | null): campaign is Campaign => Boolean(campaign && (campaign.locks.mail.enabled || campaign.pickupSites.length));

/** A campaign's pledge pages wear its brand, as its lock pages do; the national pledge's wear none. */
export const brandOf = (where: Where, language: string) => (where.campaign ? { brand: campaignShellBrand(where.campaign, language) } : {});
