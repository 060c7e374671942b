import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/src/app.ts';
import { distanceMiles } from '../../../functions/src/domain/geo.ts';
import { pickupSiteSchema, pickupSiteViews, type PickupSite } from '../../../functions/src/domain/pickup-site.ts';
import { ZIP_INDEX } from '../../../functions/src/domain/zip-data.ts';
import { buildCampaign, buildDeps, memoryCampaigns } from '../../support/builders.ts';

function site(id: string, zip: string, overrides: Partial<PickupSite> = {}): PickupSite {
  return pickupSiteSchema.parse({
    id,
    name: { en: `Site ${id}`, es: `Lugar ${id}` },
    address: { line1: '1 Test Street', city: 'Testville', state: 'WA', zip },
    hours: { en: 'Daily', es: 'Todos los días' },
    lockTypes: ['cable'],
    noQuestionsAsked: false,
    ...overrides,
  });
}

const locate = (s: PickupSite) => s.location ?? ZIP_INDEX.centroidOf(s.address.zip);

describe('distance', () => {
  it('measures straight-line miles between two places', () => {
    const portland = ZIP_INDEX.centroidOf('97201')!;
    const seattle = ZIP_INDEX.centroidOf('98101')!;
    expect(distanceMiles(portland, seattle)).toBeGreaterThan(140);
    expect(distanceMiles(portland, seattle)).toBeLessThan(150);
    expect(distanceMiles(seattle, seattle)).toBe(0);
  });
});

describe('pickup site list', () => {
  const sites = [site('far', '99201'), site('near', '98101'), site('mid', '98402', { lockTypes: ['cable', 'box'] })];
  const stock = new Map([
    ['far', { cable: 3 }],
    ['near', { cable: 0 }],
    ['mid', { cable: 0, box: 2 }],
  ]);

  it('sorts by distance from a ZIP code, with distances rounded to a tenth of a mile', () => {
    const views = pickupSiteViews(sites, stock, locate, ZIP_INDEX.centroidOf('98101')!);
    expect(views.map((v) => v.id)).toEqual(['near', 'mid', 'far']);
    expect(views[0]!.distanceMiles).toBe(0);
    expect(views[1]!.distanceMiles! * 10).toBe(Math.round(views[1]!.distanceMiles! * 10));
  });

  it('keeps the campaign order and gives no distances without a ZIP code', () => {
    const views = pickupSiteViews(sites, stock, locate);
    expect(views.map((v) => v.id)).toEqual(['far', 'near', 'mid']);
    expect(views.every((v) => v.distanceMiles === undefined)).toBe(true);
  });

  it('says a site is in stock when any lock type it gives has stock', () => {
    const views = pickupSiteViews(sites, stock, locate);
    expect(Object.fromEntries(views.map((v) => [v.id, v.inStock]))).toEqual({ far: true, near: false, mid: true });
  });

  it('rejects a site with an unknown lock type or a bad ZIP code', () => {
    expect(pickupSiteSchema.safeParse({ ...site('x', '98101'), lockTypes: ['trigger'] }).success).toBe(false);
    expect(pickupSiteSchema.safeParse({ ...site('x', '98101'), address: { line1: '1 A St', city: 'X', state: 'WA', zip: '981' } }).success).toBe(false);
  });
});

describe('GET /api/campaigns/{slug}/pickup-sites', () => {
  const campaigns = memoryCampaigns([buildCampaign({ slug: 'testville', pickupSites: [site('a', '98101'), site('b', '99201')] })]);
  const app = createApp(buildDeps({ campaigns }));

  it('lists the sites with the public fields only', async () => {
    const res = await app.request('/api/campaigns/testville/pickup-sites');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sites: Record<string, unknown>[] };
    expect(Object.keys(body.sites[0]!).sort()).toEqual(['address', 'hours', 'id', 'inStock', 'lockTypes', 'name', 'noQuestionsAsked']);
  });

  it('answers 400 for a malformed ZIP and 404 for one that does not exist, in the error shape', async () => {
    const bad = await app.request('/api/campaigns/testville/pickup-sites?zip=12');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      zip: ['Enter a ZIP code with 5 digits, like 97201.'],
    });
    const unknown = await app.request('/api/campaigns/testville/pickup-sites?zip=99999');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('zip_not_found');
  });

  it('answers 404 for an unknown campaign and 400 for unknown parameters', async () => {
    expect((await app.request('/api/campaigns/nowhere/pickup-sites')).status).toBe(404);
    expect((await app.request('/api/campaigns/testville/pickup-sites?zip=98101&radius=5')).status).toBe(400);
  });
});

describe('lock finder page errors', () => {
  it('renders an unexpected failure as a page with the crisis line, not as JSON', async () => {
    const failing = memoryCampaigns();
    failing.listLive = async () => {
      throw new Error('boom');
    };
    const res = await createApp(buildDeps({ campaigns: failing })).request('/es/get-a-lock/');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const body = await res.text();
    expect(body).toContain('Lo sentimos, algo salió mal');
    expect(body).toContain('988');
    expect(body).not.toContain('boom');
  });
});
