import { inject } from 'vitest';
import { campaignGroup } from '../../../functions/src/staff/index.ts';
import { mintStaffToken } from '../../support/staff-sign-in.ts';
import { lockCampaign, lockHarness, type LockHarness } from '../lock-support.ts';

export const issuer = () => inject('staffIssuer');

/** A bearer token for someone holding `groups` (signed by the local issuer). */
export async function tokenFor(groups: string[], claims: Record<string, unknown> = {}) {
  return mintStaffToken(issuer(), groups, claims);
}

export const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra });

/** Two campaigns in one table: lockton (the harness's) and otherton, with a request each. */
export async function twoCampaigns(options: Parameters<typeof lockHarness>[0] = {}): Promise<LockHarness> {
  const h = await lockHarness(options);
  const other = lockCampaign({ slug: 'otherton', name: 'Otherton Safe Storage (test)', city: 'Otherton' });
  await h.deps.campaigns.put(other);
  await h.deps.stock.seedInitial('otherton', [...other.pickupSites, { id: '_mail', initialStock: { cable: 10 } }]);
  return h;
}

export const groupsFor = (slug: string, role: 'viewer' | 'fulfilment' | 'exporter' | 'admin') => [campaignGroup(slug, role)];
