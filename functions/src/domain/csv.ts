/**
 * Spreadsheet safety for CSV cells: a cell starting with = + - @ TAB CR or LF is read as a formula
 * by Excel and others (CSV injection). Such cells get a leading apostrophe, the OWASP remedy.
 * Quoting itself is left to csv-stringify.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function neutralizeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}
