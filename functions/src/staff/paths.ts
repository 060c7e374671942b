/**
 * The paths the staff surfaces answer: the staff API and the console in both languages. Exact
 * prefixes, not the console's CloudFront pattern (`*\/staff*`, which also matches a campaign slug
 * that starts with "staff"): the API Lambda sends these, and only these, to the staff routes.
 */
const STAFF_PREFIXES = ['/api/staff', '/staff', '/es/staff'] as const;

export function isStaffPath(path: string): boolean {
  return STAFF_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
