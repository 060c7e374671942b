import type { RequestTimePages } from '../platform/pages/registry.ts';

/**
 * The staff console (`/staff/`, `/es/staff/`): rendered per request for the signed-in person, so
 * CloudFront forwards cookies (the session) for this family, and only for it.
 */
export const STAFF_PAGES: RequestTimePages = {
  capability: 'staff',
  pattern: '*/staff*',
  forwardCookies: true,
  examples: ['/staff/', '/es/staff/', '/staff', '/staff/sign-in', '/staff/callback', '/staff/c/demo-city/', '/es/staff/c/demo-city/requests/'],
};
