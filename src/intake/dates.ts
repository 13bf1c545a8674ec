/**
 * Publication dates as reports print them. Only unambiguous forms are read:
 * numeric day/month orders ("06/07/2024") differ by country, so they are
 * left alone rather than guessed.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\\.?,?\\s+)?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

/** "2024-06-27", "2024-06-27T10:00:00Z" */
const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/;
/** "27 Jun 2024", "8 April 2024", "Thursday 27th June, 2024" */
const DMY = new RegExp(`${WEEKDAY}${DAY}\\s+${MONTH},?\\s+${YEAR}`, 'i');
/** "June 27, 2024", "Thu, Jun. 27 2024" */
const MDY = new RegExp(`${WEEKDAY}${MONTH}\\s+${DAY},?\\s+${YEAR}`, 'i');

/** Words that may precede a date on a dateline: "Published 27 June 2024", "Updated on: ...". */
const DATE_PREFIX = /^(?:(?:first\s+)?(?:published|posted|updated|last updated|date|dated|released)(?:\s+on)?\s*:?\s*)?/i;
/** A clock time after a date: "10:32", "10:32 AM", "10.32am GMT", "| 14:05 CET". */
const TIME_SUFFIX = /^(?:\s*(?:,|\||at|-|–|—|•)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*)?)?\s*$/i;

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface DateMatch {
  iso: string;
  index: number;
  length: number;
}

function monthNumber(word: string): number {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? 0;
}

function matchAt(s: string, re: RegExp, kind: 'iso' | 'dmy' | 'mdy'): DateMatch | null {
  const m = re.exec(s);
  if (!m) return null;
  let value: string | null;
  if (kind === 'iso') value = iso(Number(m[1]), Number(m[2]), Number(m[3]));
  else if (kind === 'dmy') value = iso(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
  else value = iso(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  return value ? { iso: value, index: m.index, length: m[0].length } : null;
}

function anchored(re: RegExp, where: 'whole' | 'end' | 'start'): RegExp {
  const src = re.source;
  const body = where === 'whole' ? `^(?:${src})$` : where === 'end' ? `(?:${src})$` : `^(?:${src})`;
  return new RegExp(body, 'i');
}

const FORMS: [RegExp, 'iso' | 'dmy' | 'mdy'][] = [
  [ISO_DATE, 'iso'],
  [DMY, 'dmy'],
  [MDY, 'mdy'],
];

/**
 * A line that is only a date (with an optional "Published" label and clock
 * time): "27 Jun 2024", "Updated: June 27, 2024 10:32 AM". ISO date or null.
 */
export function parseDateLine(line: string): string | null {
  const s = line.trim().replace(DATE_PREFIX, '');
  for (const [re, kind] of FORMS) {
    const m = matchAt(s, anchored(re, 'start'), kind);
    if (m && TIME_SUFFIX.test(s.slice(m.length))) return m.iso;
  }
  return null;
}

/**
 * A date closing a byline: "Jane Roe 8 April 2024", "Example Group, June 27, 2024".
 * Returns the date and the text before it, trimmed of separators.
 */
export function splitTrailingDate(line: string): { iso: string; rest: string } | null {
  const s = line.trim();
  for (const [re, kind] of FORMS) {
    const m = matchAt(s, anchored(re, 'end'), kind);
    if (m) return { iso: m.iso, rest: s.slice(0, m.index).replace(/[\s,|•·–—-]+$/u, '').trim() };
  }
  return null;
}

/** A date opening a byline: "8 April 2024 | Jane Roe". */
export function splitLeadingDate(line: string): { iso: string; rest: string } | null {
  const s = line.trim();
  for (const [re, kind] of FORMS) {
    const m = matchAt(s, anchored(re, 'start'), kind);
    if (m) return { iso: m.iso, rest: s.slice(m.length).replace(/^[\s,|•·–—-]+/u, '').trim() };
  }
  return null;
}

/**
 * A date value from HTML metadata ("2019-11-15T23:30:00-05:00", "Nov 15, 2019").
 * The calendar date is taken as written, not converted to UTC, so the
 * publisher's own day is kept.
 */
export function normaliseMetaDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim();
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (isoMatch) return iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})(?:\D|$)/.exec(s);
  if (compact) return iso(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  for (const [re, kind] of FORMS) {
    const m = matchAt(s, re, kind);
    if (m) return m.iso;
  }
  return null;
}
