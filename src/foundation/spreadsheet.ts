/**
 * Text cells written to CSV/XLSX exports: a cell beginning with =, +, -, @ (or a tab / carriage return before
 * them) is run as a formula by Excel and WPS (“CSV injection”); such cells get a leading apostrophe, which the
 * spreadsheet shows as text. Numbers are not text cells and stay as they are.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
