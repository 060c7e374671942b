import { beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_SCOPE } from '../../../functions/src/pledges/index.ts';
import { PLEDGE_SHARDS, shardOf } from '../../../functions/src/pledges/rules/record.ts';
import { pledgeHarness, storedUnconfirmedPledges, type PledgeHarness } from './support.ts';

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

const unconfirmed = (scope: string, n: number) => storedUnconfirmedPledges(h, scope, n);

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

    // The day's counters are sharded the same way, and sum to the same total.
    const today = h.clock.now().toISOString().slice(0, 10);
    const days = (await h.items('pledge_day_count')).filter((i) => i.scope === h.campaign.slug);
    expect(days).toHaveLength(PLEDGE_SHARDS);
    for (const d of days) {
      expect(d.sk).toBe(today);
      expect(Number(d.confirmed)).toBe(expected.get(Number(String(d.pk).split('#').at(-1))));
    }
    expect((await h.deps.pledges.confirmedPerDay(h.campaign.slug, [today])).get(today)).toBe(CONCURRENT);
  });

  it('counts confirmations per UTC day, a day without any as 0, and never the same pledge twice', async () => {
    const scope = 'per-day-town';
    const pledges = await unconfirmed(scope, 5);
    const on = ['2026-03-01T23:59:59.999Z', '2026-03-02T00:00:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-04T08:00:00.000Z', '2026-03-04T09:00:00.000Z'];
    for (const [i, { record }] of pledges.entries()) {
      expect(await h.deps.pledges.confirm({ scope, emailKey: record.emailKey, nonce: record.nonce, at: on[i]!, expiresAt: 2_000_000_000 })).toBe(true);
    }
    // A second confirmation of the same pledge is refused, and counts nowhere.
    const first = pledges[0]!.record;
    expect(await h.deps.pledges.confirm({ scope, emailKey: first.emailKey, nonce: first.nonce, at: '2026-03-03T10:00:00.000Z', expiresAt: 2_000_000_000 })).toBe(false);
    const perDay = await h.deps.pledges.confirmedPerDay(scope, ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    expect([...perDay]).toEqual([['2026-03-01', 1], ['2026-03-02', 2], ['2026-03-03', 0], ['2026-03-04', 2], ['2026-03-05', 0]]);
    // Deleting a pledge's personal data keeps it counted, on its day too.
    expect(await h.deps.pledges.remove({ scope, emailKey: first.emailKey, nonce: first.nonce })).toBe(true);
    expect((await h.deps.pledges.confirmedPerDay(scope, ['2026-03-01'])).get('2026-03-01')).toBe(1);
    expect((await h.deps.pledges.counts([scope])).get(scope)).toBe(5);
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
