import type { RequestTimePages } from '../platform/pages/registry.ts';

/**
 * The pledge capability's request-time pages (a fresh form token, live counts, buttons that POST):
 * the national pledge and a campaign's, "check your email", the pages its emails' links open, in
 * every language.
 */
export const PLEDGE_PAGES: RequestTimePages = {
  capability: 'pledges',
  pattern: '*/pledge*',
  examples: [
    '/pledge/',
    '/es/pledge/',
    '/pledge',
    '/c/demo-city/pledge/',
    '/es/c/demo-city/pledge/',
    '/pledge/check-email/',
    '/c/demo-city/pledge/thanks/',
    '/pledge/confirm/c1a2b3c4.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/',
    '/es/c/demo-city/pledge/unsubscribe/u1a2b3c4.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/',
    '/vi/c/pine-hollow/pledge/',
    '/vi/c/pine-hollow/pledge/check-email/',
  ],
};

/**
 * The live count our static pages frame (the home page, a city's page): a tiny fragment, briefly
 * cached, that only our own origin may frame. Listed before PLEDGE_PAGES, whose broader pattern
 * also matches it: CloudFront takes the first matching behaviour, and this one needs its own
 * response headers policy (frame-ancestors 'self') and may be cached for 15 seconds.
 */
export const PLEDGE_COUNT_FRAMES: RequestTimePages = {
  capability: 'pledges',
  pattern: '*/pledge-count/*',
  examples: ['/pledge-count/', '/es/pledge-count/', '/c/demo-city/pledge-count/', '/es/c/demo-city/pledge-count/', '/vi/c/pine-hollow/pledge-count/'],
  frameable: true,
};
