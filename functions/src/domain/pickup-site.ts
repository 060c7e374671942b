import { z } from 'zod';
import { distanceMiles } from './geo.ts';
import { localizedTextSchema } from './locales.ts';
import { siteAddressSchema } from './site-address.ts';
import type { LatLon } from './zip.ts';

/** What a site hands out. Never anything about firearms themselves. */
export const LOCK_TYPES = ['cable', 'box'] as const;
export type LockType = (typeof LOCK_TYPES)[number];

/** A campaign's pickup site, as its campaign file declares it. Stock is runtime state, kept in DynamoDB. */
export const pickupSiteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Use lower-case words joined by hyphens.' }).max(40),
    name: localizedTextSchema,
    address: siteAddressSchema,
    /** Where the site is; when absent, the centre of its ZIP code is used for distances. */
    location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict().optional(),
    hours: localizedTextSchema,
    lockTypes: z.array(z.enum(LOCK_TYPES)).min(1),
    /** Locks handed over with no questions asked and no details taken. */
    noQuestionsAsked: z.boolean(),
    /** Stock loaded the first time the site is seeded; later changes happen through staff actions. */
    initialStock: z.record(z.enum(LOCK_TYPES), z.number().int().min(0).max(100_000)).default({}),
    /** Why a site outside the campaign's state is listed (for reviewers; not shown). */
    outOfStateReason: z.string().trim().min(10).max(300).optional(),
  })
  .strict();

export type PickupSite = z.infer<typeof pickupSiteSchema>;
export type Stock = Partial<Record<LockType, number>>;

/** A site as the finder shows it: the public fields, whether any lock is in stock, and the distance. */
export interface PickupSiteView {
  id: string;
  name: { en: string; es: string };
  address: PickupSite['address'];
  hours: { en: string; es: string };
  lockTypes: LockType[];
  inStock: boolean;
  noQuestionsAsked: boolean;
  distanceMiles?: number;
}

/**
 * The finder's list: with an origin, nearest first (distance rounded to 0.1 mile); without one,
 * in the campaign file's order. A site whose location is unknown sorts last.
 */
export function pickupSiteViews(
  sites: readonly PickupSite[],
  stock: ReadonlyMap<string, Stock>,
  locate: (site: PickupSite) => LatLon | null,
  origin?: LatLon,
): PickupSiteView[] {
  const views = sites.map((site, order) => {
    const siteStock = stock.get(site.id) ?? {};
    const where = locate(site);
    const distance = origin && where ? Math.round(distanceMiles(origin, where) * 10) / 10 : undefined;
    const view: PickupSiteView = {
      id: site.id,
      name: site.name,
      address: site.address,
      hours: site.hours,
      lockTypes: [...site.lockTypes],
      inStock: site.lockTypes.some((t) => (siteStock[t] ?? 0) > 0),
      noQuestionsAsked: site.noQuestionsAsked,
      ...(distance !== undefined ? { distanceMiles: distance } : {}),
    };
    return { view, order };
  });
  if (origin) {
    views.sort((a, b) => (a.view.distanceMiles ?? Infinity) - (b.view.distanceMiles ?? Infinity) || a.order - b.order);
  }
  return views.map((v) => v.view);
}
