import type { Campaign } from '../../domain/campaign.ts';
import type { PledgeExportSource } from '../exports/pledge-export.ts';
import type { ChartData } from './chart-data.ts';

const DAYS = 14;

/**
 * Pledges confirmed per day over the last two weeks (UTC days), read from the pledge capability's
 * day counters: a few dozen small items whatever the number of pledges, and no personal data.
 */
export async function pledgesPerDay(source: PledgeExportSource, campaign: Campaign, locale: 'en' | 'es', now: Date): Promise<ChartData> {
  const days = Array.from({ length: DAYS }, (_, i) => new Date(now.getTime() - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  const counts = await source.confirmedPerDay(campaign.slug, days);
  return {
    id: 'pledges-per-day',
    title: locale === 'es' ? 'Compromisos confirmados por día' : 'Pledges confirmed per day',
    caption: locale === 'es' ? `Los últimos ${DAYS} días (UTC), según el día en que se confirmaron.` : `The last ${DAYS} days (UTC), by the day each was confirmed.`,
    labels: days,
    series: [{ name: locale === 'es' ? 'Compromisos' : 'Pledges', values: days.map((d) => counts.get(d) ?? 0) }],
  };
}
