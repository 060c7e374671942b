import type { Campaign } from '../../domain/campaign.ts';
import type { PledgeExportSource } from '../exports/pledge-export.ts';
import type { ChartData } from './chart-data.ts';

const DAYS = 14;

/**
 * Pledges per day over the last two weeks, counted from the pledge capability's export (every
 * pledge, not only those who agreed to updates); only the counts leave this function.
 */
export async function pledgesPerDay(source: PledgeExportSource, campaign: Campaign, locale: 'en' | 'es', now: Date): Promise<ChartData> {
  const days = Array.from({ length: DAYS }, (_, i) => new Date(now.getTime() - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  const counts = new Map(days.map((d) => [d, 0]));
  for await (const row of source.rows(campaign.slug, { from: `${days[0]}T00:00:00.000Z`, to: now.toISOString(), outreachOnly: false })) {
    const day = row.pledgedAt.slice(0, 10);
    if (counts.has(day)) counts.set(day, counts.get(day)! + 1);
  }
  return {
    id: 'pledges-per-day',
    title: locale === 'es' ? 'Compromisos por día' : 'Pledges per day',
    caption: locale === 'es' ? `Los últimos ${DAYS} días (UTC).` : `The last ${DAYS} days (UTC).`,
    labels: days,
    series: [{ name: locale === 'es' ? 'Compromisos' : 'Pledges', values: days.map((d) => counts.get(d) ?? 0) }],
  };
}
