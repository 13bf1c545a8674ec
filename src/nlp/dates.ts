/**
 * Date expressions: find them in text and resolve them against the
 * publication date P of the report.
 *
 * Rules are data (DATE_RULES below): each has a name, one precompiled global
 * regex, a human-readable reason and a resolver that turns a match into a
 * DateValue (or rejects it). findDates runs every rule once over the text,
 * then keeps the longest candidate wherever candidates overlap (ties go to
 * the rule listed first). See docs/dates-and-quantities.md.
 */
import type { DateMention, DatePrecision, DateValue, Span } from '../model/index.js';
import { NUMBER_SOURCE, parseNumber } from './numbers.js';
import { matchesOf, scan } from './scan.js';
import { isoOfDate } from '../model/index.js';

export const DATE_STAGE = 'nlp.dates';

// ---------------------------------------------------------------------------
// Vocabulary

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const FULL_MONTHS = Object.keys(MONTHS).filter((k) => k.length > 4 || k === 'may' || k === 'june' || k === 'july');

const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};

const byLengthDesc = (a: string, b: string): number => b.length - a.length;
/** "march" → "[Mm]arch": capitalised or sentence-initial forms only. */
const capitalised = (w: string): string => `[${w[0]!.toUpperCase()}]${w.slice(1)}`;
const ciInitial = (w: string): string => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`;

/** Any month name or abbreviation, any case (case is checked by the resolvers). */
const MONTH = `(?:${Object.keys(MONTHS).sort(byLengthDesc).join('|')})`;
/** Full month names, capitalised only (for month-alone). */
const MONTH_CAP = `(?:${FULL_MONTHS.sort(byLengthDesc).map(capitalised).join('|')})`;
const WEEKDAY = `(?:${Object.keys(WEEKDAYS).join('|')})`;
const ORD = '(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
/** Words that place a month or year within it: "early March", "mid-2021". */
const PART = '(?:early|mid|late)';
/** "the end of May", "the beginning of March 2024". */
const SPAN_OF = '(?:end|beginning|start|middle)';
/** Words before a weekday that move it: "last Tuesday", "next Friday". */
const WEEKDAY_SHIFT = '(?:last|this|next|past)';
/** What opens a span of days: "between 1 and 7 May", "from 3 to 5 June". */
const DAYS_FROM = '(?:between|from)';
/** Days named by their distance from publication: "yesterday". */
const NAMED_DAY = '(?:yesterday|today|tonight)';
/** "earlier this month", "later this year". */
const EARLIER_LATER = '(?:earlier|later)';
/** The word every "N days ago" holds. */
const AGO = /\bago\b/i;

/**
 * Where the rules led by a number can begin a match (scan.ts `starts`): a digit with none before it,
 * or the weekday, part of a period or "between"/"from" some of them allow before it. Read in one pass
 * for all of them, each rule is tried only at these places: each used to scan the whole text, and the
 * date rules were the pipeline's costliest patterns (issue 11). Every rule given it must begin its
 * matches so; dates.test.ts checks each finds what it finds alone.
 */
const NUMBER_LED_STARTS = new RegExp(`(?<!\\d)\\d|\\b(?:${WEEKDAY}|${PART}|${DAYS_FROM})`, 'gi');
/**
 * Where the rules led by a word can begin a match: a month or weekday name, or the words these rules
 * allow before one ("early", "the end of", "last"), or a named or shifted day ("yesterday", "the day
 * before yesterday", "earlier this month"). As NUMBER_LED_STARTS, from the same pieces as the rules.
 */
const WORD_LED_STARTS = new RegExp(
  `\\b(?:${MONTH}|${WEEKDAY}|${PART}|(?:the\\s+)?${SPAN_OF}|the\\s+day|${WEEKDAY_SHIFT}|${EARLIER_LATER}|${NAMED_DAY})`,
  'gi',
);
/** Words after which a bare capitalised month name is a date: "in March", "end of May". */
const MONTH_CONTEXT = ['in', 'of', 'since', 'until', 'till', 'by', 'during', 'from', 'through', 'throughout',
  'before', 'after', 'last', 'next', 'this', 'past', 'early', 'late', 'mid', 'around', 'between'].map(ciInitial).join('|');

/** Nouns after a four-digit number that make it a count, not a year: "2000 people". */
const COUNT_NOUN_AFTER = new RegExp(
  '^\\s*(?:people|persons|men|women|children|civilians|soldiers|troops|servicemen|police|policemen|officers|' +
    'fighters|militants|rebels|insurgents|guerrillas|protesters|protestors|demonstrators|refugees|migrants|residents|' +
    'families|households|dead|killed|injured|wounded|victims|casualties|deaths|arrests|detainees|prisoners|hostages|' +
    'homes|houses|buildings|villages|vehicles|cars|tanks|rockets|missiles|shells|drones|bombs|rounds|weapons|rifles|' +
    'rubles|roubles|dollars|euros|pounds|hryvnias|yuan|km|kilometers|kilometres|miles|meters|metres|tons|tonnes|' +
    'hours|minutes|seconds|days|weeks|months|years|times|percent|per\\s+cent|%|votes|members|supporters|workers|' +
    'students|employees|staff|votes|signatures|participants|delegates|pages|words)\\b',
  'i',
);
/** Words before a four-digit number that make it a count or an identifier: "at least 2000", "No. 1991". */
const NOT_YEAR_BEFORE =
  /(?:\b(?:at\s+least|about|around|nearly|almost|some|over|more\s+than|fewer\s+than|less\s+than|up\s+to|as\s+many\s+as|approximately|roughly|estimated|total\s+of|number|flight|route|article|paragraph|resolution|section|chapter|vol|volume|issue|room|unit|code|page|pages|pp?|tel|phone|No|no\.|nos?\.|order|decree|law|bus|train|highway)\.?|#|№)\s*$/i;

/** Prepositions before a four-digit number that make it a year even before a noun: "in 2000 people voted". */
const YEAR_CONTEXT_BEFORE = /\b(?:in|since|until|till|by|during|from|of|before|after|through|early|mid|late)\s+$/i;

/** Named days that contain a weekday but are not "the last such weekday": "Good Friday", "Bloody Sunday". */
const NAMED_WEEKDAY_BEFORE = /\b(?:Good|Black|Bloody|Holy|Palm|Easter|Ash|Maundy|Cyber|Super|Trinity|Whit)\s+$/;

/** Prepositions that make a lower-case weekday a date: "on monday" (all-lower-case newswire), not "monday" alone. */
const WEEKDAY_PREPOSITION_BEFORE = /\b(?:on|since|by|until|till)\s+$/i;

/** The month word ending a month-alone match, after its context: "early March" → "March". */
const CAPITALISED_WORD_END = /[A-Z][a-z]+$/;

/** A publication date as the pipeline passes it: ISO, possibly with a time ("2024-03-22T10:00Z"). */
const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/** Any numeric date with a year, to learn the document's order: "25/12/2023" is day first, "12/25/2023" month first. */
const NUMERIC_DATE_WITH_YEAR = /(?<![\d/.-])(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}(?![\d])/g;

// ---------------------------------------------------------------------------
// Day/month numerals without a year ("on 17/02", "(22/05)"): a slash pair is also a fraction, a score,
// an idiom or part of an identifier, so it is a date only where the words before it say so.

/** A day/month slash pair, optionally a range of two ("07/03 - 10/03"); not part of a longer numeral or word. */
const DAY_MONTH_NUMERIC_SOURCE =
  '(?<![\\w/.,:-])(\\d{1,2})/(\\d{1,2})(?:\\s*[-–]\\s*(\\d{1,2})/(\\d{1,2}))?(?![\\w/%]|[.,:]\\d)';

/** Yearless day/month pairs: the rule's pattern, also read for the document's order ("on 17/02" is day first). */
const DAY_MONTH_NUMERIC = new RegExp(DAY_MONTH_NUMERIC_SOURCE, 'g');

interface NumericContext {
  name: string;
  /** Tested on the text just before the numerals; ends at `$`. */
  pattern: RegExp;
  reason: string;
  example: string;
}

/** What may come right before a yearless day/month pair for it to be a date; the first that fits is the reason. */
const DAY_MONTH_CONTEXTS: readonly NumericContext[] = [
  {
    name: 'preposition',
    pattern: /\b(?:on|since|until|till|from|dated|between|before|after|through|as\s+of)(?:\s+at\s+least)?\s+$/i,
    reason: 'a time preposition',
    example: 'attacked Huyum village on 08/06; missing since at least 14/05; as of 13/12',
  },
  {
    name: 'time-modifier',
    pattern: /(?:\b(?:early|late|mid|circa|ca\.|c\.)\s*|~\s*)$/i,
    reason: 'an early/late/approximate marker',
    example: 'clash late 13/04 and early 14/04; date not known, ~17/08',
  },
  {
    name: 'part-of-day',
    pattern: /\b(?:day|night|morning|evening|afternoon|weekend|week|hours)\s+of\s+$/i,
    reason: 'a part of a day "of" it',
    example: 'on the evening of 17/02',
  },
  {
    name: 'weekday',
    // `\s*(?:\(\s*)?`, not `\s*\(?\s*`: without a parenthesis the blank runs split two ways (was quadratic).
    pattern: /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*(?:\(\s*)?$/i,
    reason: 'a weekday it dates',
    example: 'on Wednesday (01/07)',
  },
  {
    name: 'parenthesis',
    pattern: /\(\s*$/,
    reason: 'an opening parenthesis',
    example: 'a weekend (02/05) offensive',
  },
  {
    name: 'line-start',
    pattern: /(?:^|\n)[ \t]*$/,
    reason: 'the start of a line',
    example: '14/02, AM, Boni Forrest: ...',
  },
  {
    name: 'second-of-pair',
    pattern: /(?<![\w/.,:-])\d{1,2}\/\d{1,2}\s*(?:,|and|or|to|&)\s*$/i,
    reason: 'another day/month pair it pairs with',
    example: 'protest on 09/02 and 11/02; on 13/09 or 14/09',
  },
];

/** Slash pairs that name something other than a day: "24/7" around the clock, "9/11" the 2001 attacks, "50/50" odds. */
const NUMERAL_IDIOMS: ReadonlySet<string> = new Set(['24/7', '9/11', '50/50']);

/** Words after a slash pair that make it a fraction or a ratio: "3/4 of the village", "a 2/3 majority". */
const FRACTION_AFTER = /^\s*(?:of|majority|share|split|th|ths)\b/i;

/** Characters read before a yearless day/month pair for its context ("the evening of ", "Wednesday ("). */
const DAY_MONTH_CONTEXT_WINDOW = 24;
/** Characters read after it for a fraction word (" majority"). */
const FRACTION_WINDOW = 10;
/** Years looked back for a day that exists only in leap years (29/02). */
const LEAP_LOOKBACK_YEARS = 8;

/** Characters read before a year for a counting or identifier word: "more than " or "resolution " with a "No. " to spare. */
const NOT_YEAR_WINDOW = 24;
/** Characters read before a year for a preposition that makes it a year: "since ", "during ". */
const YEAR_CONTEXT_WINDOW = 12;
/** Characters read after a year for a count noun: "2000 demonstrators" with spaces to spare. */
const COUNT_NOUN_WINDOW = 32;
/** Characters read before a weekday for a named day ("Bloody ") or a preposition ("until "). */
const WEEKDAY_CONTEXT_WINDOW = 16;

// ---------------------------------------------------------------------------
// Publication date and calendar helpers

interface Pub {
  y: number;
  m: number;
  d: number;
  /** UTC midnight in ms. */
  t: number;
  /** 0 = Sunday. */
  wd: number;
}

interface Ctx {
  text: string;
  pub: Pub | null;
  /** How this document orders numeric dates, when one of its dates shows it. */
  numericOrder: 'dmy' | 'mdy' | 'unknown';
}

interface Resolved {
  value: DateValue;
  relative: boolean;
  /** Extra words for the reason: how the year was chosen, etc. */
  note?: string;
  /** Where the mention ends when it is shorter than the match (a range whose second half is no day). */
  end?: number;
}

const DAY_MS = 86_400_000;
/** Month-day without a year may be at most this far after P before it is read as last year. */
const FUTURE_WINDOW_MS = 62 * DAY_MS;

function parsePub(published: string | null): Pub | null {
  if (!published) return null;
  const m = ISO_PREFIX.exec(published);
  if (!m) return null;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  if (!validDay(y, mo, d)) return null;
  const t = Date.UTC(y, mo - 1, d);
  return { y, m: mo, d, t, wd: new Date(t).getUTCDay() };
}

function daysInMonth(y: number | null, m: number): number {
  if (m === 2) return y === null || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function validDay(y: number | null, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const val = (year: number | null, month: number | null, day: number | null, precision: DatePrecision): DateValue => ({
  year, month, day, precision,
});

function fromTime(t: number, precision: DatePrecision): DateValue {
  const dt = new Date(t);
  const y = dt.getUTCFullYear(), m = dt.getUTCMonth() + 1, d = dt.getUTCDate();
  if (precision === 'day') return val(y, m, d, 'day');
  if (precision === 'month') return val(y, m, null, 'month');
  return val(y, null, null, 'year');
}

const UNKNOWN: DateValue = { year: null, month: null, day: null, precision: 'unknown' };

function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace('.', '')];
}

const isLower = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return c >= 97 && c <= 122;
};

/** Month names may be lower-case (all-lower-case newswire); abbreviations must be capitalised. */
function monthWordOk(word: string): boolean {
  const w = word.replace('.', '');
  return !(isLower(w) && w.length <= 4 && w.toLowerCase() !== 'may' && w.toLowerCase() !== 'june' && w.toLowerCase() !== 'july');
}

/** Explicit day date; year may be null (then resolved against P). */
function dayDate(y: number | null, m: number, d: number, ctx: Ctx): Resolved | null {
  if (!validDay(y, m, d)) return null;
  if (y !== null) return { value: val(y, m, d, 'day'), relative: false };
  const p = ctx.pub;
  if (!p) return { value: val(null, m, d, 'unknown'), relative: false, note: 'no publication date: year unknown' };
  let year = p.y;
  let note = `year of publication ${p.y}`;
  if (!validDay(year, m, d) || Date.UTC(year, m - 1, d) - p.t > FUTURE_WINDOW_MS) {
    year = p.y - 1;
    note = `previous year ${year}: in ${p.y} it would be more than two months after publication`;
  }
  if (!validDay(year, m, d)) return null;
  return { value: val(year, m, d, 'day'), relative: false, note };
}

function monthDate(y: number | null, m: number, ctx: Ctx): Resolved {
  if (y !== null) return { value: val(y, m, null, 'month'), relative: false };
  const p = ctx.pub;
  if (!p) return { value: val(null, m, null, 'unknown'), relative: false, note: 'no publication date: year unknown' };
  const year = m <= p.m ? p.y : p.y - 1;
  return {
    value: val(year, m, null, 'month'),
    relative: false,
    note: year === p.y ? `year of publication ${year}` : `previous year ${year}: month ${m} is after the publication month`,
  };
}

/** Shift P by days/months/years and report at the given precision. */
function shifted(ctx: Ctx, unit: 'day' | 'week' | 'month' | 'year', n: number, precision: DatePrecision): Resolved {
  const p = ctx.pub;
  if (!p) return { value: UNKNOWN, relative: true, note: 'no publication date' };
  let t: number;
  if (unit === 'day') t = p.t - n * DAY_MS;
  else if (unit === 'week') t = p.t - 7 * n * DAY_MS;
  else if (unit === 'month') t = Date.UTC(p.y, p.m - 1 - n, 1);
  else t = Date.UTC(p.y - n, 0, 1);
  return { value: fromTime(t, precision), relative: true };
}

const g = (m: RegExpExecArray, i: number): string | undefined => m[i];

/** A numeric date "a/b/y" or "a.b.y": which number is the month, and why (the note). */
function resolveNumericDate(m: RegExpExecArray, ctx: Ctx): Resolved | null {
  const a = +m[1]!, b = +m[3]!;
  const slash = m[2] === '/';
  let y = +m[4]!;
  if (m[4]!.length === 2) {
    if (!slash) return null;
    y += y >= 50 ? 1900 : 2000;
  }
  const order = datedNumericOrder(a, b, y, slash, ctx);
  const [d, mo] = order.monthFirst ? [b, a] : [a, b];
  const r = dayDate(y, mo, d, ctx);
  if (!r) return null;
  return { ...r, note: `${order.monthFirst ? 'month first' : 'day first'}${order.why ? ` (ambiguous: ${order.why})` : ''}` };
}

/**
 * Which number of a dated pair "a/b/y" is the month. Unambiguous when one number exceeds 12; otherwise
 * the document's own convention decides (see numericOrder); failing that, a reading after publication
 * loses to one before it (a report of 7 May 2017 with "on 06/05/2017" means 6 May, not 5 June); else
 * slashes default to US order and dots to day first.
 */
function datedNumericOrder(a: number, b: number, y: number, slash: boolean, ctx: Ctx): { monthFirst: boolean; why: string } {
  if (b > 12 && a <= 12) return { monthFirst: true, why: '' };
  if (a > 12 && b <= 12) return { monthFirst: false, why: '' };
  const ambiguous = a <= 12 && b <= 12;
  if (ctx.numericOrder !== 'unknown') return { monthFirst: ctx.numericOrder === 'mdy', why: ambiguous ? `this document writes ${ctx.numericOrder}` : '' };
  const p = ctx.pub;
  if (ambiguous && p && a !== b) {
    const dmyAfter = Date.UTC(y, b - 1, a) > p.t;
    const mdyAfter = Date.UTC(y, a - 1, b) > p.t;
    if (dmyAfter !== mdyAfter) return { monthFirst: dmyAfter, why: 'the other reading is after publication' };
  }
  const monthFirst = slash;
  return { monthFirst, why: ambiguous ? (slash ? 'slash dates default to US order' : 'dotted dates default to day first') : '' };
}

/** Why a yearless day/month pair at `index` is a date (the context table's reason), or null when nothing says so. */
function dayMonthContext(text: string, index: number): string | null {
  const before = text.slice(Math.max(0, index - DAY_MONTH_CONTEXT_WINDOW), index);
  return DAY_MONTH_CONTEXTS.find((c) => c.pattern.test(before))?.reason ?? null;
}

/** The latest (month, day) on or before publication: this year's, else an earlier year's (29/02 needs a leap year). */
function latestOnOrBefore(mo: number, d: number, p: Pub): number | null {
  for (let y = p.y; y >= p.y - LEAP_LOOKBACK_YEARS; y--) {
    if (validDay(y, mo, d) && Date.UTC(y, mo - 1, d) <= p.t) return y;
  }
  return null;
}

/**
 * Which number of a yearless pair "a/b" is the month. A reading must be a real day; the document's own
 * numerals decide between two real readings; failing that, the reading nearer before publication (a
 * report tells of days just past: "on 01/07" in a report of 2 July is 1 July, in a report of 8 January
 * 7 January); with no publication date, slashes default to US order as dated slash dates do.
 */
function dayMonthOrder(a: number, b: number, ctx: Ctx): { monthFirst: boolean; why: string } | null {
  const dmy = validDay(null, b, a);
  const mdy = validDay(null, a, b);
  if (!dmy && !mdy) return null;
  if (dmy !== mdy || a === b) return { monthFirst: !dmy, why: '' };
  if (ctx.numericOrder !== 'unknown') return { monthFirst: ctx.numericOrder === 'mdy', why: `ambiguous: this document writes ${ctx.numericOrder}` };
  const p = ctx.pub;
  if (!p) return { monthFirst: true, why: 'ambiguous: slash dates default to US order' };
  const asDmy = latestOnOrBefore(b, a, p);
  const asMdy = latestOnOrBefore(a, b, p);
  const tDmy = asDmy === null ? -Infinity : Date.UTC(asDmy, b - 1, a);
  const tMdy = asMdy === null ? -Infinity : Date.UTC(asMdy, a - 1, b);
  return { monthFirst: tMdy > tDmy, why: 'ambiguous: the reading nearer before publication' };
}

/** A yearless day/month pair ("on 17/02", "(07/03 - 10/03)"): the latest such day on or before publication. */
function resolveDayMonthNumeric(m: RegExpExecArray, ctx: Ctx): Resolved | null {
  const context = dayMonthContext(ctx.text, m.index);
  if (!context) return null;
  if (NUMERAL_IDIOMS.has(`${m[1]}/${m[2]}`)) return null;
  const matchEnd = m.index + m[0].length;
  if (FRACTION_AFTER.test(ctx.text.slice(matchEnd, matchEnd + FRACTION_WINDOW))) return null;
  const a = +m[1]!, b = +m[2]!;
  const order = dayMonthOrder(a, b, ctx);
  if (!order) return null;
  const [d, mo] = order.monthFirst ? [b, a] : [a, b];
  const how = `${order.monthFirst ? 'month first' : 'day first'}${order.why ? ` (${order.why})` : ''}; after ${context}`;
  // A range's second pair must be a day in the same order; else the mention is the first pair alone.
  const isRange = m[3] !== undefined && (order.monthFirst ? validDay(null, +m[3], +m[4]!) : validDay(null, +m[4]!, +m[3]));
  const range = isRange ? '; range: first day' : '';
  const end = m[3] !== undefined && !isRange ? m.index + m[1]!.length + 1 + m[2]!.length : undefined;
  const p = ctx.pub;
  if (!p) return { value: val(null, mo, d, 'unknown'), relative: false, note: `${how}; no publication date: year unknown${range}`, end };
  const year = latestOnOrBefore(mo, d, p);
  if (year === null) return null;
  const yearNote = year === p.y ? `year of publication ${year}` : `previous year ${year}: the latest such day on or before publication`;
  return { value: val(year, mo, d, 'day'), relative: false, note: `${how}; ${yearNote}${range}`, end };
}

// ---------------------------------------------------------------------------
// Rules

export interface DateRule {
  name: string;
  /** Global regex; match[0] is exactly the mention text. */
  pattern: RegExp;
  reason: string;
  /** Where a match may begin, shared with other rules (scan.ts PatternRule.starts). */
  starts?: RegExp;
  /** What every match holds (scan.ts PatternRule.needs). */
  needs?: RegExp;
  resolve(m: RegExpExecArray, ctx: Ctx): Resolved | null;
}

/**
 * Ordered by priority: on equal spans the earlier rule wins; otherwise the
 * longest span wins.
 */
export const DATE_RULES: readonly DateRule[] = [
  // ISO date. Example: "2024-03-22", "2024/03/22".
  {
    name: 'iso-date',
    pattern: new RegExp(`(?<![\\d/-])(${YEAR})([-/])(\\d{2})\\2(\\d{2})(?![\\d])`, 'g'),
    reason: 'rule: ISO year-month-day',
    starts: NUMBER_LED_STARTS,
    resolve: (m, ctx) => dayDate(+m[1]!, +m[3]!, +m[4]!, ctx),
  },
  // Numeric dates. Example: "22/03/2024" → 22 March (first number > 12); "03/22/2024" → 22 March;
  // "1/9/1970" → 9 January: slash dates with both numbers ≤ 12 follow the document's own
  // convention if another date shows it, else US month-first order; dotted dates ("09.01.1970") are day first.
  {
    name: 'numeric-dmy',
    pattern: /(?<![\d/.-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2}(?=\D|$))(?![\d/.]\d)/g,
    reason: 'rule: numeric date',
    starts: NUMBER_LED_STARTS,
    resolve: resolveNumericDate,
  },
  // Day/month numerals without a year, where the words before make them a date.
  // Example: "on the evening of 17/02", "rescues 298 hostages on 30/04", "Friday (22/05)", "(07/03 - 10/03)".
  // Not: "a 24/7 service", "score 3/4", "3/4 of the village", "after 9/11".
  {
    name: 'numeric-day-month',
    pattern: DAY_MONTH_NUMERIC,
    reason: 'rule: day/month numerals without a year → the latest such day on or before publication',
    starts: NUMBER_LED_STARTS,
    resolve: resolveDayMonthNumeric,
  },
  // Month name + day (+ optional day range, + optional year), optional weekday before.
  // Example: "March 22, 2024", "Monday, June 24, 2024", "June 23", "July 9-11", "march 22".
  {
    name: 'month-day',
    pattern: new RegExp(
      `\\b(?:(${WEEKDAY}),?\\s+)?(${MONTH})\\.?\\s+(\\d{1,2})${ORD}(?:\\s*[-–]\\s*(\\d{1,2})${ORD})?(?![\\d:]|,\\d{3}|\\.\\d)` +
        `(?:,?\\s+(${YEAR})(?![\\d,]\\d|\\d))?`,
      'gi',
    ),
    reason: 'rule: month-name day',
    starts: WORD_LED_STARTS,
    resolve: (m, ctx) => {
      if (!monthWordOk(m[2]!)) return null;
      const mo = monthOf(m[2]!)!;
      const d = +m[3]!;
      if (m[4] !== undefined && +m[4] <= d) return null;
      const y = g(m, 5);
      const r = dayDate(y !== undefined ? +y : null, mo, d, ctx);
      if (r && m[4] !== undefined) r.note = `${r.note ? r.note + '; ' : ''}range: first day`;
      return r;
    },
  },
  // Day + month name (+ optional year), optional weekday before.
  // Example: "22 March 2024", "27 Jun 2024", "on 23 June", "Monday 24 June", "9-11 July".
  {
    name: 'day-month',
    pattern: new RegExp(
      `(?<![\\d,.:/-])\\b(?:(${WEEKDAY}),?\\s+)?(\\d{1,2})${ORD}(?:\\s*[-–]\\s*(\\d{1,2})${ORD})?\\s+(?:of\\s+)?(${MONTH})\\b\\.?` +
        `(?:,?\\s+(${YEAR})(?![\\d,]\\d|\\d))?`,
      'gi',
    ),
    reason: 'rule: day month-name',
    starts: NUMBER_LED_STARTS,
    resolve: (m, ctx) => {
      const word = m[4]!;
      if (!monthWordOk(word)) return null;
      const y = g(m, 5);
      // "5 may die": lower-case "may" after a number needs a year to be a month.
      if (word === 'may' && y === undefined) return null;
      const d = +m[2]!;
      if (m[3] !== undefined && +m[3] <= d) return null;
      const r = dayDate(y !== undefined ? +y : null, monthOf(word)!, d, ctx);
      if (r && m[3] !== undefined) r.note = `${r.note ? r.note + '; ' : ''}range: first day`;
      return r;
    },
  },
  // A span of days in words, then the month name, dated by its first day (as "9-11 July" is).
  // Example: "between 1 and 7 May", "from 3 to 5 June 2021", "3 to 5 June", "overnight between 24 and 25 March 2020".
  // Not: "5 and 3 May" (the second day is not later; "3 May" stays a date on its own); "on 9 and 10 June"
  // (two days, not a span: each is read on its own, and "10 June" is the mention).
  {
    name: 'day-range-month',
    pattern: new RegExp(
      `(?<![\\d,.:/-])\\b(?:${DAYS_FROM}\\s+(\\d{1,2})${ORD}\\s+(?:and|to|through|until|till)|(\\d{1,2})${ORD}\\s+(?:to|through|until|till))` +
        `\\s+(\\d{1,2})${ORD}\\s+(?:of\\s+)?(${MONTH})\\b\\.?` +
        `(?:,?\\s+(${YEAR})(?![\\d,]\\d|\\d))?`,
      'gi',
    ),
    reason: 'rule: day range with a month name → first day',
    starts: NUMBER_LED_STARTS,
    resolve: (m, ctx) => {
      const word = m[4]!;
      if (!monthWordOk(word)) return null;
      const y = g(m, 5);
      if (word === 'may' && y === undefined) return null;
      const d = +(m[1] ?? m[2])!;
      if (+m[3]! <= d || !validDay(y !== undefined ? +y : null, monthOf(word)!, +m[3]!)) return null;
      const r = dayDate(y !== undefined ? +y : null, monthOf(word)!, d, ctx);
      if (r) r.note = `${r.note ? r.note + '; ' : ''}range: first day`;
      return r;
    },
  },
  // Day, month name and year joined by hyphens. Example: "killed on 13-December-1998", "5-Jan-2016".
  {
    name: 'day-month-year-hyphenated',
    pattern: new RegExp(`(?<![\\w-])(\\d{1,2})-(${MONTH})\\.?-(${YEAR})(?![\\w-])`, 'gi'),
    reason: 'rule: day-month-year with hyphens',
    starts: NUMBER_LED_STARTS,
    resolve: (m, ctx) => (monthWordOk(m[2]!) ? dayDate(+m[3]!, monthOf(m[2]!)!, +m[1]!, ctx) : null),
  },
  // Month name + year, optional "early/mid/late" or "the end of".
  // Example: "October 2023", "early March 2024", "march 1989", "the end of May 2024".
  {
    name: 'month-year',
    pattern: new RegExp(
      `\\b(?:${PART}[\\s-]+|(?:the\\s+)?${SPAN_OF}\\s+of\\s+)?(${MONTH})\\.?,?\\s+(?:of\\s+)?(${YEAR})(?![\\d,]\\d|\\d)`,
      'gi',
    ),
    reason: 'rule: month-name year → month precision',
    starts: WORD_LED_STARTS,
    resolve: (m, ctx) => (monthWordOk(m[1]!) ? monthDate(+m[2]!, monthOf(m[1]!)!, ctx) : null),
  },
  // Capitalised month name alone, after a context word ("in", "of", "since", "early", ...).
  // Example: "In March", "at the end of May", "early March", "mid-October".
  // Not: "may also face" (lower case), "May God" (no context), "a march" (lower case).
  {
    name: 'month-alone',
    pattern: new RegExp(
      // (?=[A-Z]) first, and bounded spaces in the lookbehind, keep this linear on long runs of spaces.
      `(?:\\b(?:[Ee]arly|[Mm]id|[Ll]ate)[\\s-]{1,3}|(?=[A-Z])(?<=\\b(?:${MONTH_CONTEXT})\\s{1,3}(?:the\\s{1,3})?(?:month\\s{1,3}of\\s{1,3})?))${MONTH_CAP}\\b(?!-)`,
      'g',
    ),
    reason: 'rule: month name without year → most recent such month not after publication',
    starts: WORD_LED_STARTS,
    resolve: (m, ctx) => {
      const word = CAPITALISED_WORD_END.exec(m[0])![0];
      return monthDate(null, monthOf(word)!, ctx);
    },
  },
  // Year range. Example: "1990-2016", "2021–22" → year of the first.
  {
    name: 'year-range',
    pattern: new RegExp(`(?<![\\w$€£#.,/:\\\\-])(${YEAR})\\s*[-–]\\s*(\\d{4}|\\d{2})(?![\\w%]|[.,]\\d|[-–/]\\d)`, 'g'),
    reason: 'rule: year range → year of the first',
    starts: NUMBER_LED_STARTS,
    resolve: (m, ctx) => {
      const a = +m[1]!;
      const b = m[2]!.length === 2 ? Math.floor(a / 100) * 100 + +m[2]! : +m[2]!;
      if (b <= a || b - a > 200) return null;
      if (NOT_YEAR_BEFORE.test(ctx.text.slice(Math.max(0, m.index - NOT_YEAR_WINDOW), m.index))) return null;
      return { value: val(a, null, null, 'year'), relative: false };
    },
  },
  // Year (or decade) on its own, unless it reads as a count or an identifier.
  // Example: "in 2021", "since 2015", "1991", "the 1980s" (→ 1980, decade).
  // Not: "2000 people", "at least 2000", "No. 1991", "p. 1991".
  {
    name: 'year',
    pattern: new RegExp(`(?<![\\w$€£#.,/:\\\\'’-])(?:(${PART})[\\s-]+(?=\\d))?(${YEAR})(s)?(?![\\w%]|[.,]\\d|[:/]\\d)`, 'gi'),
    reason: 'rule: four-digit year',
    starts: NUMBER_LED_STARTS,
    resolve: (m, ctx) => {
      const text = ctx.text;
      const end = m.index + m[0].length;
      if (NOT_YEAR_BEFORE.test(text.slice(Math.max(0, m.index - NOT_YEAR_WINDOW), m.index))) return null;
      const before = text.slice(Math.max(0, m.index - YEAR_CONTEXT_WINDOW), m.index);
      if (!YEAR_CONTEXT_BEFORE.test(before) && COUNT_NOUN_AFTER.test(text.slice(end, end + COUNT_NOUN_WINDOW))) return null;
      const y = +m[2]!;
      if (m[3] !== undefined) {
        if (y % 10 !== 0) return null;
        return { value: val(y, null, null, 'year'), relative: false, note: 'decade: first year' };
      }
      return { value: val(y, null, null, 'year'), relative: false };
    },
  },
  // Weekday, resolved to the last such day on or before P ("last" → strictly before, "next" → after).
  // Example: "on Monday", "Friday night", "last Tuesday", "Sunday's attack".
  // Not: "Mondays" (habitual), "Good Friday", "Bloody Sunday", lower-case "monday" without "on/last/...".
  {
    name: 'weekday',
    pattern: new RegExp(
      `\\b(?:(${WEEKDAY_SHIFT})\\s+)?(${WEEKDAY})(?![\\w-])(?:\\s+(morning|afternoon|evening|night))?`,
      'gi',
    ),
    reason: 'rule: weekday → the last such day up to publication',
    starts: WORD_LED_STARTS,
    resolve: (m, ctx) => {
      const mod = m[1]?.toLowerCase();
      const day = m[2]!;
      const before = ctx.text.slice(Math.max(0, m.index - WEEKDAY_CONTEXT_WINDOW), m.index);
      if (NAMED_WEEKDAY_BEFORE.test(before)) return null;
      if (isLower(day) && mod === undefined && !WEEKDAY_PREPOSITION_BEFORE.test(before)) return null;
      const p = ctx.pub;
      if (!p) return { value: UNKNOWN, relative: true, note: 'no publication date' };
      const wd = WEEKDAYS[day.toLowerCase()]!;
      let back: number;
      let note: string;
      if (mod === 'next') {
        back = -(((wd - p.wd + 7) % 7) || 7);
        note = 'next: first such day after publication';
      } else if (mod === 'last' || mod === 'past') {
        back = ((p.wd - wd + 7) % 7) || 7;
        note = 'last: strictly before publication';
      } else {
        // A bare weekday is the last such day up to publication: "on
        // Thursday" in a report dated Thursday is that day (the event came
        // before the report); an event a week old is "last Thursday".
        back = (p.wd - wd + 7) % 7;
        note = back === 0 ? 'the publication day is that weekday' : `${back} day(s) before publication`;
      }
      return { value: fromTime(p.t - back * DAY_MS, 'day'), relative: true, note };
    },
  },
  // Named relative days. Example: "yesterday", "today", "tonight", "last night", "this morning", "the day before yesterday".
  {
    name: 'relative-day',
    pattern: new RegExp(`\\b(?:the\\s+day\\s+before\\s+yesterday|${NAMED_DAY}|last\\s+night|this\\s+(?:morning|afternoon|evening))\\b`, 'gi'),
    reason: 'rule: relative day word → offset from publication date',
    starts: WORD_LED_STARTS,
    resolve: (m, ctx) => {
      const w = m[0].toLowerCase();
      const n = w.startsWith('the') ? 2 : w.startsWith('yesterday') || w.startsWith('last') ? 1 : 0;
      return shifted(ctx, 'day', n, 'day');
    },
  },
  // "N days/weeks/months/years ago". Example: "two days ago", "3 weeks ago", "a year ago".
  // Days → day precision; weeks, months → month precision; years → year precision.
  {
    name: 'ago',
    pattern: new RegExp(`\\b(an?|${NUMBER_SOURCE})\\s+(day|week|month|year)s?\\s+ago\\b`, 'gi'),
    // Led by a number or "a": the common words and figures a scan for the rule tries at; "ago" is rare.
    needs: AGO,
    reason: 'rule: "N units ago" → publication date minus N units',
    resolve: (m, ctx) => {
      const num = m[1]!.toLowerCase();
      const n = num === 'a' || num === 'an' ? 1 : parseNumber(num);
      if (n === null || !Number.isInteger(n) || n > 1000) return null;
      const unit = m[2]!.toLowerCase() as 'day' | 'week' | 'month' | 'year';
      const precision: DatePrecision = unit === 'day' ? 'day' : unit === 'year' ? 'year' : 'month';
      return shifted(ctx, unit, n, precision);
    },
  },
  // "last/this week|month|year", "earlier this month". Example: "last week" → month of P−7 days.
  // Not: "the last year" / "over the past year" (a duration).
  {
    name: 'relative-period',
    pattern: new RegExp(`(?<!\\bthe\\s)\\b(?:${EARLIER_LATER}\\s+)?(last|this)\\s+(week|month|year)\\b`, 'gi'),
    reason: 'rule: last/this week|month|year → month or year of publication, shifted',
    starts: WORD_LED_STARTS,
    resolve: (m, ctx) => {
      const last = m[1]!.toLowerCase() === 'last';
      const unit = m[2]!.toLowerCase() as 'week' | 'month' | 'year';
      if (unit === 'year') return shifted(ctx, 'year', last ? 1 : 0, 'year');
      return shifted(ctx, unit, last ? 1 : 0, 'month');
    },
  },
];

// ---------------------------------------------------------------------------

interface Candidate extends Span {
  rule: number;
  res: Resolved;
}

const isoOf = isoOfDate;

/** Keep the longest candidate where candidates overlap (ties: earlier rule). Input is sorted. */
export function selectLongest<T extends Span>(sorted: T[]): T[] {
  const out: T[] = [];
  let lastEnd = -1;
  for (const c of sorted) {
    if (c.start >= lastEnd) {
      out.push(c);
      lastEnd = c.end;
    } else {
      const prev = out[out.length - 1]!;
      // A later-starting candidate that overlaps and is strictly longer replaces the kept one.
      if (c.end - c.start > prev.end - prev.start && (out.length < 2 || out[out.length - 2]!.end <= c.start)) {
        out[out.length - 1] = c;
        lastEnd = c.end;
      }
    }
  }
  return out;
}

/**
 * The order a document writes numeric dates in, from any date that shows it ("25/12/2023" → day first),
 * with or without a year ("on 17/02" → day first; a yearless pair counts only where its context makes it a date).
 */
function numericOrder(text: string): 'dmy' | 'mdy' | 'unknown' {
  for (const m of matchesOf(text, NUMERIC_DATE_WITH_YEAR)) {
    const order = orderShown(+m[1]!, +m[2]!);
    if (order !== 'unknown') return order;
  }
  for (const m of matchesOf(text, DAY_MONTH_NUMERIC)) {
    if (!dayMonthContext(text, m.index)) continue;
    const order = orderShown(+m[1]!, +m[2]!);
    if (order !== 'unknown') return order;
  }
  return 'unknown';
}

/** The order one numeral pair shows: a first number over 12 is a day, a second over 12 is a day. */
function orderShown(a: number, b: number): 'dmy' | 'mdy' | 'unknown' {
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return 'unknown';
}

/** Find date expressions in text and resolve them against the publication date (ISO YYYY-MM-DD or null). */
export function findDates(text: string, published: string | null): DateMention[] {
  const ctx: Ctx = { text, pub: parsePub(published), numericOrder: numericOrder(text) };
  const resolved = new Map<RegExpExecArray, Resolved>();
  const read = (m: RegExpExecArray, rule: DateRule): number | null => {
    const res = rule.resolve(m, ctx);
    if (!res) return null;
    resolved.set(m, res);
    return res.end ?? m.index + m[0].length;
  };
  const cands: Candidate[] = scan(text, DATE_RULES, { read }).map((c) => ({
    start: c.start, end: c.end, rule: c.ruleIndex, res: resolved.get(c.match)!,
  }));
  return selectLongest(cands).map((c) => {
    const rule = DATE_RULES[c.rule]!;
    return {
      start: c.start,
      end: c.end,
      stage: DATE_STAGE,
      reason: c.res.note ? `${rule.reason} (${c.res.note})` : rule.reason,
      text: text.slice(c.start, c.end),
      value: c.res.value,
      iso: isoOf(c.res.value),
      relative: c.res.relative,
    };
  });
}

/** Spans of date expressions only (no resolution needed by the caller); used by the quantity finder. */
export function findDateSpans(text: string): Span[] {
  return findDates(text, null).map((d) => ({ start: d.start, end: d.end }));
}

