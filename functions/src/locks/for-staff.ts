/**
 * What the lock capability gives the staff surfaces (the API's staff routes, the console's pages
 * and charts). Its own entry point beside index.ts, so residents' code never reaches it: the API
 * Lambda loads the staff surfaces on first use (decision 0020), and a barrel shared with residents'
 * routes would pull these into every cold start.
 */
export { consoleLocks } from './console-adapter.ts';
export { lockCharts } from './staff-charts.ts';
export { LOCK_REQUEST_COLUMNS, lockStaffRoutes, parseCode, staffView } from './staff-routes.ts';
