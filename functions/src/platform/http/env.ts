import type { Logger } from '@aws-lambda-powertools/logger';
import type { RequestIdVariables } from 'hono/request-id';
import type { Campaign } from '../../domain/campaign.ts';

/**
 * Who a staff request comes from (their sign-in name) and what they may do: platform admin, or
 * roles per campaign slug (staff/rules/roles.ts reads them from the sign-in groups).
 */
export interface StaffPrincipal {
  id: string;
  platformAdmin: boolean;
  roles: Readonly<Record<string, readonly string[]>>;
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
