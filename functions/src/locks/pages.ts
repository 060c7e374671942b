import type { RequestTimePages } from '../platform/pages/registry.ts';

/**
 * The lock capability's request-time pages (stock changes, forms post): the national finder, a
 * campaign's finder, request form, private status page and its cancel button, in every language
 * (a campaign's added languages too: `/vi/c/<slug>/get-a-lock/`).
 */
export const LOCK_PAGES: RequestTimePages = {
  capability: 'locks',
  pattern: '*/get-a-lock*',
  examples: [
    '/get-a-lock/',
    '/es/get-a-lock/',
    '/get-a-lock',
    '/c/demo-city/get-a-lock/',
    '/es/c/demo-city/get-a-lock/',
    '/c/demo-city/get-a-lock/request/',
    '/es/c/demo-city/get-a-lock/request/',
    '/c/demo-city/get-a-lock/status/K7QM-3XPD/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/',
    '/vi/c/pine-hollow/get-a-lock/',
    '/vi/c/pine-hollow/get-a-lock/request/',
  ],
};
