import type { DateValue } from './doc.js';

/**
 * The calendar helpers every layer shares: a date value at its precision as ISO, month names, and day
 * arithmetic on ISO days. Defined once; the date finder, stores, exports and evals all use these.
 */

/** Milliseconds in a day (UTC: no daylight saving). */
export const DAY_MS = 86_400_000;

/** English month names, January first. */
export const MONTH_NAMES: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A number as two digits: 3 → "03" (null → "00", as GTD and PLOVER write an unknown month or day). */
export function pad2(n: number | null): string {
  return String(n ?? 0).padStart(2, '0');
}

/** A date value as ISO at its precision ("2015", "2015-04", "2015-04-03"), or null when unknown. */
export function isoOfDate(d: DateValue): string | null {
  if (d.precision === 'unknown' || d.year === null) return null;
  const y = String(d.year).padStart(4, '0');
  if (d.precision === 'year' || d.month === null) return y;
  if (d.precision === 'month' || d.day === null) return `${y}-${pad2(d.month)}`;
  return `${y}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** The ISO day `n` days after an ISO date (negative: before); the input itself when it does not parse. */
export function addDays(iso: string, n: number): string {
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? iso : new Date(t + n * DAY_MS).toISOString().slice(0, 10);
}

/** A UTC Date as an ISO day. */
export function isoDay(t: Date): string {
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}
