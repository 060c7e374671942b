import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_SCOPE, PLEDGE_TOPIC } from '../../../functions/src/pledges/index.ts';
import { linkToken } from '../../../functions/src/pledges/service/links.ts';
import { newPledge, PLEDGE_SHARDS, shardOf } from '../../../functions/src/pledges/rules/record.ts';
import { contactKey } from '../../../functions/src/platform/email/suppressions.ts';
import { pledgeHarness, type PledgeHarness } from './support.ts';

/**
 * The sharded counters (issue 10): a launch spike must stay under DynamoDB's 1,000 writes per
 * second per partition, so confirmations spread over PLEDGE_SHARDS counter items, and the sum stays
 * exact when a few hundred confirmations race (docs/data-model.md has the arithmetic).
 */
const CONCURRENT = 300;
let h: PledgeHarness;

beforeAll(async () => {
  h = await pledgeHarness();
});

/**
 * Unconfirmed pledges written straight to the store (signing is tested elsewhere), with their
 * confirm tokens; 50 at a time, since only the confirmations need to race.
 */
async function unconfirmed(scope: string, n: number) {
  const made: Array<Awaited<ReturnType<typeof unconfirmedOne>>> = [];
  for (let from = 0; from < n; from += 50) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(50, n - from) }, (_, i) => unconfirmedOne(scope, from + i)))));
  }
  return made;
}

async function unconfirmedOne(scope: string, i: number) {
  const email = `counter-${scope}-${i}-${randomBytes(4).toString('hex')}@example.test`;
  const record = newPledge(scope, { name: `Counter ${i}`, email, zip: '97201', language: 'en', updates: false }, {
    emailKey: await contactKey(h.deps.keyRing, email),
    nonce: randomBytes(12).toString('base64url'),
    pledgeVersion: 1,
    at: h.clock.now(),
  });
  const outcome = await h.deps.pledges.create({
    record,
    idempotency: { scope: `test:${scope}`, keyHash: randomBytes(16).toString('hex'), answer: { fingerprint: 'x', response: { status: 202 } } },
    email: h.services.outbox.entry(PLEDGE_TOPIC, 'confirm', `${scope}|${record.emailKey}`, scope),
  });
  expect(outcome.kind).toBe('created');
  return { record, token: await linkToken(h.deps.keyRing, record, 'confirm') };
}

describe('pledge counters', () => {
  it(`stay exact under ${CONCURRENT} concurrent confirmations, spread over every shard`, async () => {
    const pledges = await unconfirmed(h.campaign.slug, CONCURRENT);
    const outcomes = await Promise.all(pledges.map(({ token }) => h.services.pledges.confirm(h.campaign.slug, token)));
    expect(outcomes.every((o) => o === 'confirmed')).toBe(true);

    expect((await h.deps.pledges.counts([h.campaign.slug])).get(h.campaign.slug)).toBe(CONCURRENT);
    const shards = (await h.items('pledge_count')).filter((i) => i.scope === h.campaign.slug);
    expect(shards).toHaveLength(PLEDGE_SHARDS);
    expect(shards.reduce((sum, s) => sum + Number(s.confirmed), 0)).toBe(CONCURRENT);
    // Each shard takes its share: with 20 shards none takes more than a fifth of the writes.
    const perShard = shards.map((s) => Number(s.confirmed));
    expect(Math.max(...perShard)).toBeLessThan(CONCURRENT / 5);
    // The shard is the one the pledge's key names, so the same person always lands on the same shard.
    const expected = new Map<number, number>();
    for (const { record } of pledges) expected.set(shardOf(record.emailKey), (expected.get(shardOf(record.emailKey)) ?? 0) + 1);
    for (const s of shards) expect(Number(s.confirmed)).toBe(expected.get(Number(String(s.pk).split('#').at(-1))));
  });

  it('counts a pledge once however many confirmations race for it', async () => {
    const [one] = await unconfirmed(h.campaign.slug, 1);
    const before = (await h.deps.pledges.counts([h.campaign.slug])).get(h.campaign.slug)!;
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => h.services.pledges.confirm(h.campaign.slug, one!.token)));
    expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already')).toHaveLength(19);
    expect((await h.deps.pledges.counts([h.campaign.slug])).get(h.campaign.slug)).toBe(before + 1);
  });

  it('sums the national pledge and every live campaign into the national total, and caches it briefly', async () => {
    const national = await unconfirmed(NATIONAL_SCOPE, 3);
    await Promise.all(national.map(({ token }) => h.services.pledges.confirm(NATIONAL_SCOPE, token)));
    const campaign = (await h.deps.pledges.counts([h.campaign.slug])).get(h.campaign.slug)!;

    const res = await h.app.request('/api/pledges/count');
    expect(res.headers.get('cache-control')).toBe('public, max-age=15');
    expect(await res.json()).toEqual({ confirmed: campaign + 3 });

    // A count read within 15 seconds comes from memory; after that, from the table again.
    const [late] = await unconfirmed(NATIONAL_SCOPE, 1);
    await h.deps.pledges.confirm({ scope: NATIONAL_SCOPE, emailKey: late!.record.emailKey, nonce: late!.record.nonce, at: h.clock.now().toISOString(), expiresAt: 2_000_000_000 });
    expect(await (await h.app.request('/api/pledges/count')).json()).toEqual({ confirmed: campaign + 3 });
    h.clock.advanceMinutes(1);
    expect(await (await h.app.request('/api/pledges/count')).json()).toEqual({ confirmed: campaign + 4 });
  });

  it('answers a campaign count of a campaign with no pledges as 0, and an unknown campaign as 404', async () => {
    await h.deps.campaigns.put({ ...h.campaign, slug: 'quietville' });
    expect(await (await h.app.request('/api/campaigns/quietville/pledges/count')).json()).toEqual({ confirmed: 0 });
    expect((await h.app.request('/api/campaigns/nowhere/pledges/count')).status).toBe(404);
  });
});
