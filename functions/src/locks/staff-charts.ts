import type { Campaign } from '../domain/campaign.ts';
import { LOCK_TYPES } from '../domain/pickup-site.ts';
import type { ChartData, ChartSource } from '../staff/index.ts';
import type { StockRepository } from './ports.ts';
import { MAIL_POOL, poolOf, REQUEST_STATUSES, type RequestStatus } from './rules/lifecycle.ts';
import type { LockRequestRows } from './store/request-rows.ts';

const TEXT = {
  en: {
    mail: 'By mail',
    requested: 'Locks requested',
    fulfilled: 'Locks handed over',
    perSite: 'Locks requested and handed over, by site',
    perSiteCaption: 'Requests kept now: finished requests are deleted after the campaign’s retention days. Cancelled requests are left out.',
    byStatus: 'Requests by status',
    byStatusCaption: 'Every request kept now, by where it is in its life.',
    requests: 'Requests',
    stock: 'Locks in stock, by site',
    stockCaption: 'Locks left to give out now.',
    waitlist: 'People on the waitlist, by site',
    waitlistCaption: 'Requests waiting for a lock now, served in the order they came.',
    waiting: 'Waiting',
    lockType: { cable: 'Cable locks', box: 'Lock boxes' } as Record<string, string>,
    status: { requested: 'Requested', ready: 'Ready', shipped: 'Mailed', picked_up: 'Picked up', cancelled: 'Cancelled', waitlisted: 'Waitlist' } satisfies Record<RequestStatus, string>,
  },
  es: {
    mail: 'Por correo',
    requested: 'Candados pedidos',
    fulfilled: 'Candados entregados',
    perSite: 'Candados pedidos y entregados, por lugar',
    perSiteCaption: 'Solicitudes guardadas ahora: las terminadas se borran después de los días de retención de la campaña. No se cuentan las canceladas.',
    byStatus: 'Solicitudes por estado',
    byStatusCaption: 'Todas las solicitudes guardadas ahora, según su estado.',
    requests: 'Solicitudes',
    stock: 'Candados disponibles, por lugar',
    stockCaption: 'Candados que quedan para entregar ahora.',
    waitlist: 'Personas en lista de espera, por lugar',
    waitlistCaption: 'Solicitudes que esperan un candado ahora, atendidas en el orden en que llegaron.',
    waiting: 'En espera',
    lockType: { cable: 'Candados de cable', box: 'Cajas con llave' } as Record<string, string>,
    status: { requested: 'Pedida', ready: 'Lista', shipped: 'Enviada', picked_up: 'Recogida', cancelled: 'Cancelada', waitlisted: 'En espera' } satisfies Record<RequestStatus, string>,
  },
} as const;

/**
 * The lock charts of the staff console: locks requested and handed over per site, requests by
 * status, stock per site and waitlist length per site. One pass over the campaign's requests,
 * reading only the fields counts need (no name, contact or address).
 */
export function lockCharts(deps: { rows: LockRequestRows; stock: StockRepository }): ChartSource {
  return async (campaign: Campaign, locale) => {
    const t = TEXT[locale];
    const pools = [...campaign.pickupSites.map((s) => ({ id: s.id, name: s.name[locale] })), ...(campaign.locks.mail.enabled ? [{ id: MAIL_POOL, name: t.mail }] : [])];
    const index = new Map(pools.map((p, i) => [p.id, i]));
    const zeros = () => pools.map(() => 0);
    const requested = zeros();
    const fulfilled = zeros();
    const waiting = zeros();
    const byStatus = new Map<RequestStatus, number>(REQUEST_STATUSES.map((s) => [s, 0]));
    for await (const row of deps.rows.rows(campaign.slug, { countsOnly: true })) {
      byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
      const at = index.get(poolOf(row));
      if (at === undefined) continue;
      if (row.status !== 'cancelled') requested[at]! += row.quantity;
      if (row.status === 'shipped' || row.status === 'picked_up') fulfilled[at]! += row.quantity;
      if (row.status === 'waitlisted') waiting[at]! += 1;
    }
    const stock = await deps.stock.forCampaign(campaign.slug);
    const labels = pools.map((p) => p.name);
    const charts: ChartData[] = [
      { id: 'locks-per-site', title: t.perSite, caption: t.perSiteCaption, labels, series: [{ name: t.requested, values: requested }, { name: t.fulfilled, values: fulfilled }] },
      { id: 'requests-by-status', title: t.byStatus, caption: t.byStatusCaption, labels: REQUEST_STATUSES.map((s) => t.status[s]), series: [{ name: t.requests, values: REQUEST_STATUSES.map((s) => byStatus.get(s) ?? 0) }] },
      {
        id: 'stock-per-site',
        title: t.stock,
        caption: t.stockCaption,
        labels,
        series: LOCK_TYPES.map((type) => ({ name: t.lockType[type] ?? type, values: pools.map((p) => stock.get(p.id)?.[type] ?? 0) })),
      },
      { id: 'waitlist-per-site', title: t.waitlist, caption: t.waitlistCaption, labels, series: [{ name: t.waiting, values: waiting }] },
    ];
    return charts;
  };
}
