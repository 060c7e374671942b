import { beforeAll, describe, expect, it } from 'vitest';
import { pledgeExport, type PledgeExportFilter, type PledgeExportRow } from '../../../functions/src/pledges/index.ts';
import { linksFor, pledgeBody, pledgeHarness, postForm, postPledge, type PledgeHarness } from './support.ts';

/**
 * The staff export contract (pledges/index.ts `pledgeExport`): Queries on the pledge index (never a
 * Scan), every page to the end, expired pledges skipped, oldest first across the index shards, and
 * `outreachOnly` limited to confirmed people who consented to updates and have not left.
 */
let h: PledgeHarness;
const people: Record<string, { email: string; name: string; at: string }> = {};

async function pledge(label: string, options: { updates?: boolean; confirm?: boolean; unsubscribe?: boolean } = {}) {
  h.clock.advanceMinutes(60);
  const body = pledgeBody({ updates: options.updates ?? true, name: `Export ${label}` });
  expect((await postPledge(h, body)).status).toBe(202);
  people[label] = { email: body.email, name: body.name, at: h.clock.now().toISOString() };
  const links = await linksFor(body.email);
  if (options.confirm) expect((await postForm(h, links.confirm!, {})).status).toBe(303);
  if (options.unsubscribe) expect((await postForm(h, links.unsubscribe!, {})).status).toBe(200);
}

async function rows(filter: Partial<PledgeExportFilter>, pageSize = 2): Promise<PledgeExportRow[]> {
  const out: PledgeExportRow[] = [];
  for await (const row of pledgeExport(h.deps, { pageSize }).rows(h.campaign.slug, { outreachOnly: false, ...filter })) out.push(row);
  return out;
}

const names = (list: PledgeExportRow[]) => list.map((r) => r.name.replace('Export ', ''));

beforeAll(async () => {
  h = await pledgeHarness();
  await pledge('expired'); // unconfirmed, and 7 days old by the time of the export
  h.clock.advanceDays(8);
  await pledge('a', { confirm: true });
  await pledge('b', { confirm: true, updates: false });
  await pledge('c');
  await pledge('d', { confirm: true, unsubscribe: true });
  await pledge('e', { confirm: true });
  for (let i = 0; i < 25; i += 1) await pledge(`bulk${String(i).padStart(2, '0')}`, { confirm: i % 2 === 0 });
  await h.deps.suppressions.suppress(people.e!.email.toUpperCase(), 'complaint');
});

describe('pledge export', () => {
  it('streams every live pledge, oldest first across shards, following pagination, without expired ones', async () => {
    const all = await rows({}, 1);
    expect(all).toHaveLength(30);
    expect(names(all).slice(0, 5)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(all.map((r) => r.pledgedAt)).toEqual([...all.map((r) => r.pledgedAt)].sort());
    expect(names(all)).not.toContain('expired');
    expect(all[0]).toEqual({
      pledgedAt: people.a!.at,
      confirmedAt: people.a!.at,
      name: 'Export a',
      email: people.a!.email,
      zip: '97201',
      language: 'en',
      pledgeVersion: 1,
      updates: true,
    });
    expect(all.find((r) => r.name === 'Export c')!.confirmedAt).toBeUndefined();
  });

  it('filters by status and by the day or moment pledged (inclusive)', async () => {
    expect(await rows({ status: 'unconfirmed' })).toHaveLength(1 + 12);
    expect(names(await rows({ status: 'confirmed' })).slice(0, 4)).toEqual(['a', 'b', 'd', 'e']);
    expect(names(await rows({ from: people.b!.at, to: people.d!.at }))).toEqual(['b', 'c', 'd']);
    expect(names(await rows({ to: people.b!.at }))).toEqual(['a', 'b']);
    const day = people.a!.at.slice(0, 10);
    expect((await rows({ from: day, to: day })).length).toBeGreaterThan(0);
    expect(await rows({ to: '2000-01-01' })).toEqual([]);
  });

  it('keeps to confirmed people who want updates and have neither unsubscribed nor bounced or complained, for outreach', async () => {
    const outreach = names(await rows({ outreachOnly: true }));
    expect(outreach.slice(0, 1)).toEqual(['a']);
    expect(outreach).not.toContain('b'); // no consent
    expect(outreach).not.toContain('c'); // unconfirmed
    expect(outreach).not.toContain('d'); // unsubscribed
    expect(outreach).not.toContain('e'); // complained
    expect(outreach).toHaveLength(1 + 13);
    expect(await rows({ outreachOnly: true, status: 'unconfirmed' })).toEqual([]);
  });
});
