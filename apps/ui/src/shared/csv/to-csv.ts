/**
 * Writes rows as CSV (RFC 4180, CRLF line ends). A text cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @) is prefixed with ' (OWASP "CSV injection"); numbers are not
 * touched, so negative values stay numbers.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
