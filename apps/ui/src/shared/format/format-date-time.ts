/**
 * A moment as people anywhere read it the same way: ISO 8601's order (year, month, day, 24-hour
 * time) in UTC, e.g. `2026-11-19 08:00 UTC`. "19/11/2026" and "11/19/2026" are the same day in
 * two locales, and "06/12/2026" is two different days.
 */
export function formatUtcDateTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The calendar day of a moment in UTC, e.g. `2026-11-19`. */
export function formatUtcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
