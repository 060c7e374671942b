/**
 * Staff: who may act on a campaign (sign-in, deny by default) and the `/api/staff` router that
 * scopes every capability's staff routes to the caller's campaigns.
 */
export { denyAllStaff, localTokenStaff, requireStaff, type StaffAccess } from './access.ts';
export { staffRoutes } from './routes.ts';
