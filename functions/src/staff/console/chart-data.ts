import type { Campaign } from '../../domain/campaign.ts';

/**
 * A chart as data: categories along one axis and one or more series of counts. Capabilities
 * produce these (already in the reader's language); the console draws each as an SVG bar chart
 * with the same numbers in a table beside it.
 */
export interface ChartData {
  id: string;
  title: string;
  /** One sentence under the chart: what is counted, and over which period. */
  caption: string;
  labels: string[];
  series: { name: string; values: number[] }[];
}

/** Charts of one capability for a campaign, in a language. */
export type ChartSource = (campaign: Campaign, locale: 'en' | 'es') => Promise<ChartData[]>;
