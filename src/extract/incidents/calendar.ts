import type { DateMention, DateValue } from '../../model/index.js';
import { STATEMENT_BEFORE_CHARS, UNTIL_BEFORE_CHARS } from './constants.js';
import { STATEMENT_DATE_BEFORE, UNTIL_BEFORE } from './patterns.js';

/**
 * Date helpers of the incident stage, defined once: how two dates compare, the keys dates are bucketed by,
 * and which dates in a text are no event's date.
 */

/** Two dates that cannot be the same day: another year, month or day where both give one. */
export function datesClash(a: DateValue, b: DateValue): boolean {
  if (a.year !== null && b.year !== null && a.year !== b.year) return true;
  if (a.month !== null && b.month !== null && a.month !== b.month) return true;
  if (a.day !== null && b.day !== null && a.day !== b.day) return true;
  return false;
}

/** Two dates of day precision on the same day. */
export function sameDay(a: DateValue, b: DateValue): boolean {
  return a.precision === 'day' && b.precision === 'day' && a.year === b.year && a.month === b.month && a.day === b.day;
}

/** A date of day precision as a key; null for any other. */
export function dayKey(v: DateValue): string | null {
  return v.precision === 'day' ? `${v.year}-${v.month}-${v.day}` : null;
}

/** A date with year, month and day all known, as a key; null for any other. */
export function fullDayKey(v: DateValue): string | null {
  return v.year !== null && v.month !== null && v.day !== null ? `${v.year}-${v.month}-${v.day}` : null;
}

/**
 * The one full date all of `dates` give: 'none' when there are none, 'mixed'
 * when they differ or one is partial. `from` is the state of dates seen
 * before these, so the state can be kept up as dates accrue.
 */
export function dayState(dates: readonly DateValue[], from = 'none'): string {
  let state = from;
  for (const v of dates) {
    if (state === 'mixed') return state;
    const k = fullDayKey(v);
    state = k === null || (state !== 'none' && k !== state) ? 'mixed' : k;
  }
  return state;
}

/** How precise a date is: day 3, month 2, year 1, unknown 0. */
export function precRank(p: DateValue['precision']): number {
  return p === 'day' ? 3 : p === 'month' ? 2 : p === 'year' ? 1 : 0;
}

/** The date of a text that gives none. */
export function unknownDate(): DateValue {
  return { year: null, month: null, day: null, precision: 'unknown' };
}

/** A date governed by a verb of saying: when something was said, not when it happened ("Lavrov said on June 25"). */
export function isStatementDate(text: string, d: DateMention): boolean {
  return STATEMENT_DATE_BEFORE.test(text.slice(Math.max(0, d.start - STATEMENT_BEFORE_CHARS), d.start));
}

/** "was, until 2021, the head of …": a date bounding a state, not an event. */
export function isUntilDate(text: string, d: DateMention): boolean {
  return UNTIL_BEFORE.test(text.slice(Math.max(0, d.start - UNTIL_BEFORE_CHARS), d.start));
}
