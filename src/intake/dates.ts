/**
 * Publication dates as reports print them. Numeric day/month orders
 * ("06/07/2024") differ by country: dotted dates ("20.12.2016") are day
 * first everywhere they are used; a slash date is read when one number is
 * over 12, or when the caller knows the document's convention
 * (`numericOrderHint`); otherwise it is left alone rather than guessed.
 */
import { cutTail } from '../model/index.js';

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

/** "20.12.2016", "03/08/2019", "2016.12.20": numeric dates; group 2 is the separator. */
const NUMERIC = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})|^(\d{4})[./-](\d{1,2})[./-](\d{1,2})/;

/** Day-first or month-first, for numeric dates whose numbers are both 12 or less. */
export type NumericOrder = 'dmy' | 'mdy';

/** Words that may precede a date on a dateline: "Published 27 June 2024", "Updated on: ...". */
const DATE_PREFIX = /^(?:(?:first\s+)?(?:published|posted|updated|last updated|date|dated|released)(?:\s+on)?\s*:?\s*)?/i;
/** A clock time after a date: "10:32", "10:32 AM", "10.32am GMT", "| 14:05 CET". */
// Each blank run is read once (`(?:x\s*)?`, not `x?\s*` beside another `\s*`): the same lines pass, and a run
// of blanks no longer splits four ways (degree 4).
const TIME_SUFFIX = /^\s*(?:(?:(?:,|\||at|-|–|—|•)\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?\s*)?(?:(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*|local time)\s*)?)?$/i;
/** The longest line read as a dateline: "Updated: Wednesday, June 27, 2024 10:32 AM EST | last modified June 28, 2024" is 80. */
const MAX_DATE_LINE_CHARS = 200;
/** A second stamp after the first: "Published 24/03/2017 09:12, updated 24/03/2017 11:30" — the first is the publication. */
/** Separators and blanks left before a date cut from a line's end; the run is entered at its first character only (was quadratic). */
const TRAILING_SEPARATORS = /(?<![\s,|•·–—-])[\s,|•·–—-]+$/u;
const UPDATED_STAMP = /(?<!\s)\s*[,;|]\s*(?:last\s+)?(?:updated|modified)\b/gi;
/**
 * The line less a second stamp, as `.replace(/\s*[,;|]\s*(?:last\s+)?(?:updated|modified)\b.*$/i, '')` cut
 * it (cutTail; a blank run is entered at its first blank).
 */
function withoutUpdatedTail(s: string): string {
  return cutTail(s, UPDATED_STAMP);
}

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
export function parseDateLine(line: string, order: NumericOrder | null | (() => NumericOrder | null) = null): string | null {
  // A dateline is short; the patterns below are quadratic and worse on long runs of blanks (recheck), and
  // every paragraph of a page or text is asked (a fuzzed line of 100 000 spaces took over 20 s).
  if (line.length > MAX_DATE_LINE_CHARS) return null;
  const s = withoutUpdatedTail(line.trim().replace(DATE_PREFIX, ''));
  for (const [re, kind] of FORMS) {
    const m = matchAt(s, anchored(re, 'start'), kind);
    if (m && TIME_SUFFIX.test(s.slice(m.length))) return m.iso;
  }
  const n = NUMERIC.exec(s);
  if (n && TIME_SUFFIX.test(s.slice(n[0].length))) {
    if (n[5]) return iso(Number(n[5]), Number(n[6]), Number(n[7]));
    const a = Number(n[1]);
    const b = Number(n[3]);
    const y = Number(n[4]);
    // Dotted dates are day first; a slash date with a number over 12 shows its order.
    if (n[2] === '.' || a > 12) return iso(y, b, a);
    if (b > 12) return iso(y, a, b);
    // The document's convention is judged only here, where a date is ambiguous: reading it takes five
    // passes over the whole text, asked of every one-line block of a header (issue 11).
    const o = typeof order === 'function' ? order() : order;
    if (o === 'dmy') return iso(y, b, a);
    if (o === 'mdy') return iso(y, a, b);
  }
  return null;
}

const MONTH_WORD = '(?:Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
/** "22 March 2017", "on 3 August": day before month. */
const PROSE_DMY = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_WORD}\\b`, 'g');
/** "March 22, 2017", "on August 3": month before day (not "June 2016"). */
const PROSE_MDY = new RegExp(`\\b${MONTH_WORD}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?!\\d)`, 'g');
/** Spellings that mark British (and Commonwealth) usage, which writes day-first dates. */
const BRITISH = /\b(?:centres?|metres|kilometres|colours?|neighbour\w*|organis(?:e|ed|es|ing|ation\w*)|favour\w*|defence|programmes?|lorry|lorries|pavements?|car park|whilst|travell(?:ed|ing|er)|theatre|honour\w*|labour|realis(?:e|ed)|apologis\w+|queue[ds]?)\b/gi;
/** Spellings that mark American usage, which writes month-first dates. */
const AMERICAN = /\b(?:centers?|meters|kilometers|colors?|neighbor\w*|organiz(?:e|ed|es|ing|ation\w*)|favor\w*|defense|sidewalks?|parking lot|travel(?:ed|ing|er)|theater|honor\w*|labor|realiz(?:e|ed)|apologiz\w+)\b/gi;

/**
 * Which order this document writes ambiguous numeric dates in, judged from
 * the rest of its text, the way a reader would: unambiguous numeric dates
 * ("24/03/2017" can only be day first), prose dates ("22 March" vs "March
 * 22"), then spelling ("centre", "car park" vs "center", "parking lot").
 * Null when nothing tells.
 */
export function numericOrderHint(text: string): NumericOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/\d{4}\b/g)) {
    if (Number(m[1]) > 12) dmy += 3;
    else if (Number(m[2]) > 12) mdy += 3;
  }
  dmy += 2 * (text.match(PROSE_DMY)?.length ?? 0);
  mdy += 2 * (text.match(PROSE_MDY)?.length ?? 0);
  if (dmy !== mdy) return dmy > mdy ? 'dmy' : 'mdy';
  const br = text.match(BRITISH)?.length ?? 0;
  const am = text.match(AMERICAN)?.length ?? 0;
  if (br !== am) return br > am ? 'dmy' : 'mdy';
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
    if (m) return { iso: m.iso, rest: s.slice(0, m.index).replace(TRAILING_SEPARATORS, '').trim() };
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
