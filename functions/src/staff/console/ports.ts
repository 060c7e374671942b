import type { Campaign } from '../../domain/campaign.ts';

/** A lock request as the console lists it (what fulfilment needs; no household hashes). */
export interface ConsoleLockRequest {
  code: string;
  status: string;
  delivery: 'mail' | 'pickup';
  siteId?: string;
  lockType: string;
  quantity: number;
  name: string;
  email?: string;
  phone?: string;
  address?: { line1: string; line2?: string; city: string; state: string; zip: string };
  createdAt: string;
  holdUntil?: string;
  /** The code of an earlier request from the same home, email or phone (decision 0012): staff review it. */
  possibleDuplicateOf?: string;
}

/**
 * What the console needs from the lock capability, wired by the composition root (app.ts) from
 * the lock service, so staff never imports the lock capability.
 */
export interface ConsoleLocks {
  statuses: readonly string[];
  /** One page, read page by page from the table; `cursor` is the previous page's `nextCursor` (a 400 when altered or of another list). */
  page(campaign: Campaign, filter: { status?: string; site?: string }, page: { limit: number; cursor?: string }): Promise<{ requests: ConsoleLockRequest[]; nextCursor: string | null }>;
  /** The statuses staff may move this request to. */
  moves(request: ConsoleLockRequest): string[];
  move(campaign: Campaign, code: string, to: string): Promise<void>;
  stock(slug: string): Promise<Map<string, Readonly<Record<string, number>>>>;
  addStock(campaign: Campaign, site: string, lockType: string, quantity: number): Promise<void>;
}
