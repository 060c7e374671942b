import type { Context } from 'hono';

/**
 * The languages a campaign's request-time pages answer in, as route prefixes in the order the
 * routes must be registered: English (no prefix), Spanish, then a two-letter language a campaign
 * adds (`/vi/c/<slug>/get-a-lock/`). Hono answers with the first matching route, so `/es/...` is
 * always the Spanish page; an added language exists only for a campaign that lists it
 * (`pageCampaign` answers null otherwise, and the page 404s).
 */
export const CAMPAIGN_PAGE_PREFIXES: readonly { prefix: string; language?: string }[] = [
  { prefix: '', language: 'en' },
  { prefix: '/es', language: 'es' },
  { prefix: '/:lang{[a-z][a-z]}' },
];

/** The language of a page: its prefix's, or the added language the path names. */
export const routeLanguage = (c: Context, fixed: string | undefined): string => fixed ?? c.req.param('lang') ?? 'en';
