import type { Campaign } from './domain/campaign.ts';
import type { ErpoRecord } from './domain/erpo.ts';
import type { PickupSite, Stock } from './domain/pickup-site.ts';

/**
 * What the routes need from storage, as interfaces. The DynamoDB implementations live in store/;
 * unit tests pass small in-memory fakes.
 */
export interface CampaignRepository {
  listLive(): Promise<Campaign[]>;
  get(slug: string): Promise<Campaign | null>;
  put(campaign: Campaign): Promise<void>;
}

/** The red-flag law dataset: one record per state and DC. */
export interface ErpoRepository {
  list(): Promise<ErpoRecord[]>;
  get(code: string): Promise<ErpoRecord | null>;
  putAll(records: readonly ErpoRecord[]): Promise<void>;
}

/** Lock stock per pickup site: runtime state that content seeding never overwrites. */
export interface StockRepository {
  /** Creates stock items for sites that have none yet; returns how many it created. */
  seedInitial(slug: string, sites: readonly PickupSite[]): Promise<number>;
  forCampaign(slug: string): Promise<Map<string, Stock>>;
}

export interface HealthProbe {
  /** Resolves true when the table answers within the time limit. Never throws. */
  ping(): Promise<boolean>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Sends one email. Implementations throw on failure; callers decide about retries. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

export interface Store {
  campaigns: CampaignRepository;
  erpo: ErpoRepository;
  stock: StockRepository;
  health: HealthProbe;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
