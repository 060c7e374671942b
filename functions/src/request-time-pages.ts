import { LOCK_PAGES } from './locks/pages.ts';
import type { RequestTimePages } from './platform/pages/registry.ts';
import { PLEDGE_COUNT_FRAMES, PLEDGE_PAGES } from './pledges/pages.ts';
import { STAFF_PAGES } from './staff/pages.ts';

/**
 * Everything CloudFront and the local server send to the API app instead of the static site: the
 * API itself, and each capability's request-time pages. Plain data, imported by the app's tests,
 * the local server and the CDK distribution (infra/lib/constructs/site-distribution.ts).
 */
export const API_PATTERN = '/api/*';

/** In CloudFront's order: a narrower pattern before a broader one that also matches it. */
export const REQUEST_TIME_PAGES: readonly RequestTimePages[] = [LOCK_PAGES, PLEDGE_COUNT_FRAMES, PLEDGE_PAGES, STAFF_PAGES];

/** Every pattern routed to the app, API first. */
export const APP_PATTERNS: readonly string[] = [API_PATTERN, ...REQUEST_TIME_PAGES.map((p) => p.pattern)];
