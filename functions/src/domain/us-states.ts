import { z } from 'zod';

/** The 50 states and DC: the jurisdictions with their own red-flag law (or none). */
export const STATES_AND_DC = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS',
  'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC',
  'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

/** Inhabited territories with USPS codes; mail can go there, so addresses accept them. */
export const TERRITORIES = ['AS', 'GU', 'MP', 'PR', 'VI'] as const;

/** All 56 USPS state and territory codes an address may use. */
export const US_STATE_CODES = [...STATES_AND_DC, ...TERRITORIES] as const;
export type UsStateCode = (typeof US_STATE_CODES)[number];

export const usStateCodeSchema = z.enum(US_STATE_CODES, {
  errorMap: () => ({ message: 'Use a two-letter US state or territory code, such as "WA" or "PR".' }),
});
