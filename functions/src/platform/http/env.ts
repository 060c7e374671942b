import type { Logger } from '@aws-lambda-powertools/logger';
import type { RequestIdVariables } from 'hono/request-id';
import type { Campaign } from '../../domain/campaign.ts';

/** Who a staff request comes from, and which campaigns they may act on. */
export interface StaffPrincipal {
  id: string;
  campaigns: '*' | readonly string[];
}

/** Hono context variables available to every route. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    logger: Logger;
    /** Set by the staff sign-in middleware on `/api/staff/*`. */
    staff?: StaffPrincipal;
    /** Set by the staff scope middleware on `/api/staff/campaigns/:slug/*`: the campaign, checked. */
    campaign?: Campaign;
    /** Set by a route answering a fragment our own pages frame (`RequestTimePages.frameable`). */
    frameable?: boolean;
  };
}
