/**
 * The staff surfaces themselves: the staff API and the console. Their own entry point beside
 * index.ts (which has what every function needs: access, the audit log, ports), so only the staff
 * part of the API Lambda, loaded on the first staff request, parses them (decision 0020).
 */
export { staffConsoleRoutes } from './console/console-routes.ts';
export { staffRoutes } from './routes.ts';
export { csvStream } from './exports/csv-stream.ts';
export { csvExportRoute, dateRangeSchema, isoRange } from './exports/export-route.ts';
