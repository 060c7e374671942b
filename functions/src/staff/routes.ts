import { Hono } from 'hono';
import { z } from 'zod';
import type { CampaignReader } from '../campaigns/index.ts';
import type { AppConfig } from '../config.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { AppEnv } from '../platform/http/env.ts';
import { parseInput, queryObject } from '../platform/http/validate.ts';
import type { Outbox } from '../platform/outbox/outbox.ts';
import type { KeyRing } from '../platform/secrets/key-ring.ts';
import { requireStaff, type StaffAccess } from './access.ts';
import type { AuditLog } from './audit/audit-log.ts';
import { pledgeExportRoutes, type PledgeExportSource } from './exports/pledge-export.ts';
import { campaignsOf } from './rules/roles.ts';
import { campaignScope, type StaffRoute } from './scope.ts';
import { sessionCookies } from './sign-in/session.ts';

export interface StaffRouteDeps {
  config: Pick<AppConfig, 'siteUrl' | 'allowedOrigins'>;
  access: StaffAccess;
  keyRing: KeyRing;
  campaigns: CampaignReader;
  outbox: Pick<Outbox, 'dead' | 'requeue'>;
  auditLog: AuditLog;
  /** The pledge capability's export, when it is wired (app.ts). */
  pledges?: PledgeExportSource;
  /** Each capability's staff routes, every one with the role it needs. */
  campaignRoutes: readonly (readonly StaffRoute[])[];
}

const auditQuery = z.object({ cursor: z.string().max(400).optional() }).strict();

/** Staff's own campaign routes: failed emails, the audit log, the pledge export. */
export function staffOwnRoutes(deps: Pick<StaffRouteDeps, 'outbox' | 'pledges'>): StaffRoute[] {
  const deadOf = async (campaign: string) => (await deps.outbox.dead()).filter((e) => e.campaign === campaign);
  return [
    {
      method: 'GET',
      path: '/emails/failed',
      role: 'fulfilment',
      async handle(c, staff) {
        const emails = await deadOf(staff.campaign.slug);
        c.header('Cache-Control', 'private, no-store');
        return c.json({ emails });
      },
    },
    {
      method: 'POST',
      path: '/emails/failed/:id/retry',
      role: 'fulfilment',
      async handle(c, staff) {
        const id = c.req.param('id');
        const entry = (await deadOf(staff.campaign.slug)).find((e) => e.id === id);
        if (!entry) throw new NotFoundError('There is no such failed email.');
        await deps.outbox.requeue(entry.id);
        await staff.audit({ action: 'email.requeue', filters: { ref: entry.ref, kind: entry.kind }, rows: 1, outcome: 'done' });
        return c.json({ requeued: entry.id }, 202);
      },
    },
    {
      method: 'GET',
      path: '/audit',
      role: 'admin',
      async handle(c, staff) {
        const { cursor } = parseInput(auditQuery, queryObject(c));
        const page = await staff.auditLog.list(staff.campaign.slug, { limit: 50, ...(cursor ? { cursor } : {}) });
        c.header('Cache-Control', 'private, no-store');
        return c.json(page);
      },
    },
    ...pledgeExportRoutes(deps.pledges),
  ];
}

/**
 * `/api/staff`: deny by default (no valid token or session, 401; a cookie change without its CSRF
 * token, 403), then every campaign route behind the one scope check with its declared role.
 */
export function staffRoutes(deps: StaffRouteDeps) {
  const routes = new Hono<AppEnv>();
  routes.use(
    '*',
    requireStaff({
      access: deps.access,
      keyRing: deps.keyRing,
      cookies: sessionCookies(deps.config.siteUrl),
      allowedOrigins: [new URL(deps.config.siteUrl).origin, ...deps.config.allowedOrigins.map((o) => new URL(o).origin)],
    }),
  );
  routes.get('/me', (c) => {
    const staff = c.var.staff!;
    c.header('Cache-Control', 'private, no-store');
    return c.json({ id: staff.id, platformAdmin: staff.platformAdmin, campaigns: campaignsOf(staff), roles: staff.roles });
  });
  routes.route('/', campaignScope([...deps.campaignRoutes, staffOwnRoutes(deps)], deps));
  return routes;
}
