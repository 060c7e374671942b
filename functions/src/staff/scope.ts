import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { anyCampaign, type CampaignReader } from '../campaigns/index.ts';
import type { Campaign } from '../domain/campaign.ts';
import type { AppEnv, StaffPrincipal } from '../platform/http/env.ts';
import type { AuditEntry, AuditLog, AuditRecord } from './audit/audit-log.ts';
import { mayAct, type StaffRole } from './rules/roles.ts';

/** What a campaign staff route gets besides the request: the checked campaign, who asks, the audit log. */
export interface StaffRouteContext {
  campaign: Campaign;
  principal: StaffPrincipal;
  /** Records an audit entry for this campaign and person. */
  audit(entry: Omit<AuditEntry, 'campaign' | 'actor'>): Promise<AuditRecord>;
  auditLog: AuditLog;
}

/**
 * One staff route of a campaign, under `/api/staff/campaigns/:slug`. It cannot exist without the
 * role it needs: capabilities declare their routes as this table and `campaignScope` mounts each
 * behind the one scope check (docs/operations.md lists every route and its role).
 */
export interface StaffRoute {
  method: 'GET' | 'POST';
  /** Below `/campaigns/:slug`, e.g. `/lock-requests`. */
  path: string;
  role: StaffRole;
  handle(c: Context<AppEnv>, staff: StaffRouteContext): Response | Promise<Response>;
}

export interface ScopeDeps {
  campaigns: CampaignReader;
  auditLog: AuditLog;
}

/** True when the signed-in person holds `role` on campaign `slug` (or is a platform admin). */
export const principalMayAct = (principal: StaffPrincipal | undefined, slug: string, role: StaffRole): boolean =>
  principal ? mayAct(principal, slug, role) : false;

/**
 * The one place a staff request is scoped to a campaign and a role: no role on the campaign, 403,
 * before the campaign is even read (so nobody learns which campaigns exist); then the campaign is
 * loaded (404 when there is none) and handed to the route with the audit log.
 */
export async function scopeToCampaign(c: Context<AppEnv>, role: StaffRole, deps: ScopeDeps): Promise<StaffRouteContext> {
  const principal = c.var.staff;
  const slug = c.req.param('slug') ?? '';
  if (!principal || !principalMayAct(principal, slug, role)) {
    throw new HTTPException(403, { message: 'You do not have access to this.' });
  }
  const campaign = await anyCampaign(deps.campaigns, slug);
  c.set('campaign', campaign);
  return {
    campaign,
    principal,
    auditLog: deps.auditLog,
    audit: (entry) => deps.auditLog.write({ ...entry, campaign: campaign.slug, actor: principal.id }),
  };
}

/** Mounts a table of routes, each behind the scope check with its own role. */
export function campaignScope(tables: readonly (readonly StaffRoute[])[], deps: ScopeDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const route of tables.flat()) {
    routes.on(route.method, `/campaigns/:slug${route.path}`, async (c) => route.handle(c, await scopeToCampaign(c, route.role, deps)));
  }
  return routes;
}
