/**
 * Staff roles, deny by default (issue 12). Roles are granted per campaign by sign-in groups named
 * `campaign:<slug>:<role>`; the group `platform-admin` is admin of every campaign. Any campaign
 * role may see that campaign's counts and charts; each other action names the one role it needs,
 * and `admin` holds them all. Unknown groups grant nothing.
 */
export const STAFF_ROLES = ['viewer', 'fulfilment', 'exporter', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PLATFORM_ADMIN_GROUP = 'platform-admin';
const CAMPAIGN_GROUP = /^campaign:([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?):(viewer|fulfilment|exporter|admin)$/;

/** The group that grants `role` on campaign `slug`. */
export const campaignGroup = (slug: string, role: StaffRole) => `campaign:${slug}:${role}`;

export interface StaffGrants {
  platformAdmin: boolean;
  roles: Readonly<Record<string, readonly StaffRole[]>>;
}

export function grantsFromGroups(groups: readonly unknown[]): StaffGrants {
  const roles: Record<string, StaffRole[]> = {};
  let platformAdmin = false;
  for (const group of groups) {
    if (typeof group !== 'string') continue;
    if (group === PLATFORM_ADMIN_GROUP) {
      platformAdmin = true;
      continue;
    }
    const match = CAMPAIGN_GROUP.exec(group);
    if (!match) continue;
    const [, slug, role] = match as unknown as [string, string, StaffRole];
    const held = (roles[slug] ??= []);
    if (!held.includes(role)) held.push(role);
  }
  return { platformAdmin, roles };
}

/** What `mayAct` reads: grants, or a signed-in principal carrying them. */
export interface HeldRoles {
  platformAdmin: boolean;
  roles: Readonly<Record<string, readonly string[]>>;
}

/** True when the grants allow `needed` on the campaign. */
export function mayAct(grants: HeldRoles, slug: string, needed: StaffRole): boolean {
  if (grants.platformAdmin) return true;
  const held = Object.hasOwn(grants.roles, slug) ? grants.roles[slug]! : [];
  if (held.includes('admin') || held.includes(needed)) return true;
  return needed === 'viewer' && held.length > 0;
}

/** The campaigns the grants reach at all (a platform admin's are all of them: `'*'`). */
export function campaignsOf(grants: HeldRoles): '*' | string[] {
  return grants.platformAdmin ? '*' : Object.keys(grants.roles).sort();
}
