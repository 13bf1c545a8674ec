/**
 * Quantities: numbers in figures or words with their qualifiers ("at least
 * 144", "nearly 700", "dozens", "between 10 and 15", "1.5 million").
 *
 * Rules are data (QUANTITY_RULES below), each one precompiled global regex
 * with a reason and a builder. Before choosing, every candidate that overlaps
 * a date ("June 23", "in 2021") or an excluded span (money, percentages,
 * clock times, phone numbers, "No. 43", "p. 6") is dropped; among the rest the
 * longest wins. See docs/dates-and-quantities.md for the conventions.
 */
import type { Quantity, QuantityQualifier, Span } from '../model/index.js';
import { findDateSpans, selectLongest } from './dates.js';
import { NUMBER_SOURCE, hasScaleWord, parseNumber, trailingScale } from './numbers.js';
import { matchesOf, scan, type PatternRule } from './scan.js';

export const QUANTITY_STAGE = 'nlp.quantities';

// ---------------------------------------------------------------------------
// Qualifiers: the words before a number and what they mean.

interface QualifierDef {
  /** Lower-case phrase, single spaces. */
  phrase: string;
  qualifier: QuantityQualifier;
  /** Which bound the stated number is: low ("at least 5"), high ("nearly 700", "up to 30") or none ("about 50"). */
  bound: 'low' | 'high' | 'none';
}

const QUALIFIERS: readonly QualifierDef[] = [
  // "at least 144" → at_least, low 144
  ...['at least', 'no fewer than', 'no less than', 'not less than', 'not fewer than', 'a minimum of', 'upwards of',
    'more than', 'over', 'well over', 'in excess of', 'well above', 'above'].map((phrase) => ({ phrase, qualifier: 'at_least' as const, bound: 'low' as const })),
  // "nearly 700" → about, high 700 (the true figure is just below)
  ...['nearly', 'almost', 'close to', 'just under', 'just short of', 'not quite'].map((phrase) => ({ phrase, qualifier: 'about' as const, bound: 'high' as const })),
  // "about 50" → about
  ...['about', 'around', 'approximately', 'approx.', 'roughly', 'some', 'an estimated', 'estimated', 'circa', 'ca.',
    'just over', 'more or less', 'an approximate', 'somewhere around', 'in the region of'].map((phrase) => ({ phrase, qualifier: 'about' as const, bound: 'none' as const })),
  // "up to 30" → at_most, high 30
  ...['up to', 'as many as', 'fewer than', 'less than', 'no more than', 'not more than', 'at most', 'a maximum of',
    'under', 'below'].map((phrase) => ({ phrase, qualifier: 'at_most' as const, bound: 'high' as const })),
];

const QUALIFIER_BY_PHRASE = new Map(QUALIFIERS.map((q) => [q.phrase, q]));
/** Characters special in a regex, escaped so a phrase matches literally: "approx." → "approx\\.". */
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
/** A space inside a qualifier phrase, matched as any run of white space: "at  least". */
const PHRASE_SPACE = / /g;
/** Runs of white space, made single to look a phrase up: "at\n least" → "at least". */
const SPACES = /\s+/g;
const escapeRe = (s: string): string => s.replace(REGEX_SPECIAL, '\\$&');
const QUAL = `(?:${QUALIFIERS.map((q) => q.phrase).sort((a, b) => b.length - a.length).map((p) => escapeRe(p).replace(PHRASE_SPACE, '\\s+')).join('|')})`;

/** A number may not be glued to a word, a currency sign or another number: "F-16", "$5", "1,2". */
const LEFT = `(?<![\\w$€£¥₽#.,/:\\\\+-])`;
/** ...nor run on into a word, a percent sign, a decimal or a hyphenated word: "21st", "5km", "75%", "five-year". */
const RIGHT = `(?![\\w%]|[.,/:]\\d|\\s*[-–]\\s*[a-z])`;
const RIGHT_RE = new RegExp(RIGHT, 'iy');
/** A number with an optional qualifier before it: how the "N to M" and "N" rules both begin. */
const QUALIFIED_NUMBER = `${LEFT}(?:\\b(${QUAL})\\s+)?(${NUMBER_SOURCE})`;
/**
 * Where those two rules can begin a match: one pass of it serves both (scan.ts `starts`), where each
 * scanned the whole text on its own (issue 11: "N to M" cost about as much as "N" for 90 matches in
 * MUC-4's train documents against 7,700).
 */
const QUALIFIED_NUMBER_STARTS = new RegExp(QUALIFIED_NUMBER, 'gi');

// ---------------------------------------------------------------------------
// Vague multitudes and their conventional minimum.

interface VagueDef {
  /** Regex source (lower case, matched case-insensitively). */
  source: string;
  /** Conventional minimum, used as value and low. */
  value: number;
  example: string;
}

const VAGUE: readonly VagueDef[] = [
  { source: 'hundreds\\s+of\\s+thousands', value: 200_000, example: 'hundreds of thousands of refugees' },
  { source: 'tens\\s+of\\s+thousands', value: 20_000, example: 'tens of thousands marched' },
  { source: 'hundreds\\s+of\\s+millions', value: 200_000_000, example: 'hundreds of millions' },
  { source: 'tens\\s+of\\s+millions', value: 20_000_000, example: 'tens of millions' },
  { source: 'several\\s+dozen', value: 36, example: 'several dozen people' },
  { source: 'a\\s+few\\s+dozen', value: 24, example: 'a few dozen protesters' },
  { source: 'several\\s+hundred', value: 300, example: 'several hundred troops' },
  { source: 'a\\s+few\\s+hundred', value: 200, example: 'a few hundred residents' },
  { source: 'several\\s+thousand', value: 3000, example: 'several thousand' },
  { source: 'a\\s+few\\s+thousand', value: 2000, example: 'a few thousand' },
  { source: 'several\\s+million', value: 3_000_000, example: 'several million' },
  { source: 'dozens', value: 24, example: 'dozens were wounded' },
  { source: 'scores(?=\\s+of\\b)', value: 40, example: 'scores of civilians' },
  { source: 'hundreds', value: 200, example: 'hundreds fled' },
  { source: 'thousands', value: 2000, example: 'thousands of homes' },
  { source: 'millions', value: 2_000_000, example: 'millions of people' },
  { source: 'several', value: 3, example: 'several policemen' },
  { source: 'a\\s+handful(?=\\s+of\\b)', value: 3, example: 'a handful of fighters' },
  { source: 'a\\s+couple(?=\\s+of\\b)', value: 2, example: 'a couple of shots' },
  { source: 'a\\s+few(?!\\s+(?:of\\s+)?(?:times|more|less|fewer)\\b)', value: 2, example: 'a few men' },
];

// ---------------------------------------------------------------------------
// Exclusions: spans whose numbers are not counts.

interface ExclusionDef {
  name: string;
  pattern: RegExp;
  example: string;
}

const FIG = '\\d[\\d,]*(?:\\.\\d+)?';

export const QUANTITY_EXCLUSIONS: readonly ExclusionDef[] = [
  // Money: sign before, or currency word after. Example: "$5,400", "\$5,400", "€2 million", "500,000 rubles".
  {
    name: 'money',
    pattern: new RegExp(
      `(?:\\\\?[$€£¥₽]|\\b(?:US\\$|USD|EUR|RUB|GBP|UAH)\\s?)\\s*${FIG}(?:\\s*(?:million|billion|thousand|mln|bn|m|k)\\b)?` +
        `|\\b${NUMBER_SOURCE}\\s+(?:(?:US|U\\.S\\.|American|Russian|Ukrainian)\\s+)?(?:rubles?|roubles?|dollars?|euros?|pounds?\\s+sterling|yuan|yen|hryvnias?|hryvnas?|tenge|somoni|manats?|rupees?|dinars?|pesos?|liras?|lira|francs?|shekels?|cents?)\\b`,
      'gi',
    ),
    example: '500,000 rubles',
  },
  // Percentages. Example: "75 percent", "12%", "ten per cent".
  {
    name: 'percent',
    pattern: new RegExp(`\\b${NUMBER_SOURCE}\\s*(?:%|percent\\b|per\\s+cent\\b|percentage\\s+points?\\b)`, 'gi'),
    example: '75 percent',
  },
  // Clock times. Example: "10:30", "at 9 p.m.", "6am", "21.45 hrs".
  {
    name: 'time',
    pattern: /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\b\.?)?(?!\d)|\b\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2}\s+o'clock\b|\b[0-2]\d[0-5]\d\s+hours\b/gi,
    example: '10:30, 0500 hours',
  },
  // Phone numbers. Example: "+7 495 123-45-67", "(202) 555-0143", "202-555-0143".
  {
    name: 'phone',
    pattern: /\+\d[\d ()-]{7,}\d|\(\d{3}\)\s?\d{3}[- ]\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b/g,
    example: '+7 495 123-45-67',
  },
  // References: numbers, pages, articles, sections. Example: "No. 43", "p. 6", "pp. 12-14", "Article 205", "#3".
  {
    name: 'reference',
    pattern: /(?:\bNo\.?|\bno\.|\bNos\.|\bnos\.|#|№|\bpp?\.|\b[Pp]ages?|\b[Aa]rt\.|\b[Aa]rticles?|\b[Ss]ections?|\b[Cc]hapters?|\b[Pp]aragraphs?|\b[Vv]ol\.|\b[Vv]olume|\b[Rr]esolutions?|\b[Ff]light|\b[Rr]oute|§)\s*\d+[\w./-]*(?:\s*(?:-|–|and|to)\s*\d+)?/g,
    example: 'No. 43',
  },
  // Ordinal figures and numbered things glued to letters are kept out by LEFT/RIGHT; this catches "World War 2"-like names.
  {
    name: 'named-number',
    pattern: /\b(?:World\s+War|Article|Brigade|Division|Regiment|Battalion|Unit|Squadron|Platoon|Corps|Sector|Block|District|Zone)\s+\d+\b/g,
    example: 'World War 2',
  },
];

/** The exclusions as the scan engine reads rules. */
const EXCLUSION_RULES: readonly PatternRule[] = QUANTITY_EXCLUSIONS.map((e) => ({ pattern: e.pattern, reason: e.name }));

// ---------------------------------------------------------------------------
// Rules

interface Built {
  value: number;
  low: number | null;
  high: number | null;
  qualifier: QuantityQualifier;
  note?: string;
  /** Shortened end (word numbers that overshot, e.g. "five and six" → "five"). */
  end?: number;
}

export interface QuantityRule {
  name: string;
  /** Global, case-insensitive; match[0] is the mention text (unless build shortens it). */
  pattern: RegExp;
  reason: string;
  /** Where a match may begin, shared with other rules (scan.ts PatternRule.starts). */
  starts?: RegExp;
  build(m: RegExpExecArray, text: string): Built | null;
}

function qualify(n: number, qualWord: string | undefined): Built {
  if (qualWord === undefined) return { value: n, low: n, high: n, qualifier: 'exact' };
  const q = QUALIFIER_BY_PHRASE.get(qualWord.toLowerCase().replace(SPACES, ' '));
  if (!q) return { value: n, low: n, high: n, qualifier: 'exact' };
  return {
    value: n,
    low: q.bound === 'low' ? n : null,
    high: q.bound === 'high' ? n : null,
    qualifier: q.qualifier,
    note: `qualifier '${q.phrase}'`,
  };
}

/** Both ends of a range; "14 to 20 million" carries the scale to the low end. */
function rangeOf(a: string, b: string): [number, number] | null {
  let lo = parseNumber(a);
  const hi = parseNumber(b);
  if (lo === null || hi === null) return null;
  if (!hasScaleWord(a) && hasScaleWord(b)) {
    const s = trailingScale(b);
    if (lo * s <= hi) lo *= s;
  }
  if (!(lo < hi)) return null;
  return [lo, hi];
}

/** The words and figures of a number run, the places where an overshooting run may be cut: "five and six". */
const WORD_TOKEN_RE = /[a-z]+|\d[\d,.]*/gi;
/** Real number phrases are short; cap the work on long runs like "one one one ...". */
const MAX_RUN_CUTS = 12;

/**
 * Parse a number run, shortening word runs that overshoot ("five and six" →
 * "five"). Returns the value and the end offset of the accepted part.
 */
function parseRun(text: string, start: number, end: number): { n: number; end: number } | null {
  const s = text.slice(start, end);
  const n = parseNumber(s);
  if (n !== null) return { n, end };
  const ends: number[] = [];
  for (const t of matchesOf(s, WORD_TOKEN_RE)) {
    if (ends.length >= MAX_RUN_CUTS) break;
    ends.push(t.index + t[0].length);
  }
  ends.push(s.length);
  for (let k = ends.length - 2; k >= 0; k--) {
    const e = start + ends[k]!;
    const v = parseNumber(text.slice(start, e));
    if (v !== null) {
      RIGHT_RE.lastIndex = e;
      return RIGHT_RE.test(text) ? { n: v, end: e } : null;
    }
  }
  return null;
}

/** A determiner before "one" makes it a pronoun, not a count: "no one", "every one". */
const NO_ONE_BEFORE = /\b(?:no|any|every|some|each)\s+$/i;
/** Characters read before "one" for a determiner ("every " is the longest, with a space to spare). */
const NO_ONE_WINDOW = 8;
/** Characters read after "one" for "another" or a modal (" has to"/" cannot" fit). */
const ONE_ANOTHER_WINDOW = 10;
/** "one another", and the pronoun "one" before a modal: "one cannot rule out". */
const ONE_ANOTHER_AFTER = /^\s+(?:another|can|cannot|can't|could|must|should|would|might|may|will|has\s+to|had\s+to)\b/i;

export const QUANTITY_RULES: readonly QuantityRule[] = [
  // "between N and M". Example: "between 10 and 15 people" → exact range 10–15, value 10.
  {
    name: 'between-range',
    pattern: new RegExp(`\\bbetween\\s+(${NUMBER_SOURCE})\\s+and\\s+(${NUMBER_SOURCE})${RIGHT}`, 'gi'),
    reason: 'rule: between N and M → range, value = low',
    build: (m) => {
      const r = rangeOf(m[1]!, m[2]!);
      return r ? { value: r[0], low: r[0], high: r[1], qualifier: 'exact' } : null;
    },
  },
  // "N to M", "N-M", with optional qualifier. Example: "14 million to 20 million" → 14e6–20e6;
  // "about 30 to 40" → about 30–40.
  {
    name: 'range',
    pattern: new RegExp(`${QUALIFIED_NUMBER}(?:\\s*[-–—]\\s*|\\s+to\\s+)(${NUMBER_SOURCE})${RIGHT}`, 'gi'),
    starts: QUALIFIED_NUMBER_STARTS,
    reason: 'rule: N to M → range, value = low',
    build: (m) => {
      const r = rangeOf(m[2]!, m[3]!);
      if (!r) return null;
      const q = m[1] !== undefined ? QUALIFIER_BY_PHRASE.get(m[1].toLowerCase().replace(SPACES, ' ')) : undefined;
      return {
        value: r[0], low: r[0], high: r[1],
        qualifier: q?.qualifier === 'about' ? 'about' : 'exact',
        note: q ? `qualifier '${q.phrase}'` : undefined,
      } as Built;
    },
  },
  // Vague multitudes. Example: "dozens" → vague, value = low = 24; "tens of thousands" → 20000.
  {
    name: 'vague',
    pattern: new RegExp(`\\b(?:${VAGUE.map((v) => `(${v.source})`).join('|')})(?![\\w-])`, 'gi'),
    reason: 'rule: vague multitude → conventional minimum',
    build: (m) => {
      for (let i = 0; i < VAGUE.length; i++) {
        if (m[i + 1] !== undefined) {
          const v = VAGUE[i]!.value;
          return { value: v, low: v, high: null, qualifier: 'vague', note: `'${m[0].toLowerCase().replace(SPACES, ' ')}' ≥ ${v}` };
        }
      }
      return null;
    },
  },
  // A number with an optional qualifier. Example: "at least 144", "nearly 700", "up to 30", "five",
  // "1,300", "1.5 million", "a dozen", "one hundred and forty-four".
  {
    name: 'number',
    pattern: new RegExp(`${QUALIFIED_NUMBER}${RIGHT}`, 'gi'),
    starts: QUALIFIED_NUMBER_STARTS,
    reason: 'rule: number',
    build: (m, text) => {
      const numStart = m.index + m[0].length - m[2]!.length;
      const run = parseRun(text, numStart, m.index + m[0].length);
      if (!run) return null;
      const numText = text.slice(numStart, run.end).toLowerCase();
      if (numText === 'one') {
        if (NO_ONE_BEFORE.test(text.slice(Math.max(0, numStart - NO_ONE_WINDOW), numStart))) return null;
        if (ONE_ANOTHER_AFTER.test(text.slice(run.end, run.end + ONE_ANOTHER_WINDOW))) return null;
      }
      const b = qualify(run.n, m[1]);
      b.end = run.end;
      return b;
    },
  },
];

// ---------------------------------------------------------------------------

interface Candidate extends Span {
  rule: number;
  b: Built;
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * Find quantities in text. `dates` may pass date spans already found for the
 * same text (e.g. from findDates) to avoid scanning twice; numbers inside
 * them are never quantities.
 */
export function findQuantities(text: string, dates?: readonly Span[]): Quantity[] {
  const skip: Span[] = dates ? dates.map((d) => ({ start: d.start, end: d.end })) : findDateSpans(text);
  // Every match of every exclusion, as each one's own loop finds it, read in sweeps (scan.ts): each
  // exclusion is tried only where one of them matches. 80 → 70 ms a pass over MUC-4 train, the same
  // spans (issue 11).
  for (const x of scan(text, EXCLUSION_RULES, { sparse: true })) skip.push({ start: x.start, end: x.end });
  const kept = unblocked(candidates(text), mergeSpans(skip));
  return selectLongest(kept).map((c) => {
    const rule = QUANTITY_RULES[c.rule]!;
    const { value, low, high, qualifier, note } = c.b;
    return {
      start: c.start,
      end: c.end,
      stage: QUANTITY_STAGE,
      reason: note ? `${rule.reason} (${note})` : rule.reason,
      text: text.slice(c.start, c.end),
      value,
      low,
      high,
      qualifier,
    };
  });
}

/**
 * Every rule's matches that build a quantity, sorted by start, longest first, then rule order. A shortened
 * run lets the rest be matched again ("five and six" → "five", then "six"): scan resumes at the end `read` gives.
 */
function candidates(text: string): Candidate[] {
  const built = new Map<RegExpExecArray, Built>();
  const read = (m: RegExpExecArray, rule: QuantityRule): number | null => {
    const b = rule.build(m, text);
    if (!b) return null;
    built.set(m, b);
    return b.end ?? m.index + m[0].length;
  };
  return scan(text, QUANTITY_RULES, { read }).map((s) => ({ start: s.start, end: s.end, rule: s.ruleIndex, b: built.get(s.match)! }));
}

/** Candidates touching none of the blocked spans (dates, exclusions); both lists are sorted. */
function unblocked(cands: readonly Candidate[], blocked: readonly Span[]): Candidate[] {
  const kept: Candidate[] = [];
  let i = 0;
  for (const c of cands) {
    while (i < blocked.length && blocked[i]!.end <= c.start) i++;
    const s = blocked[i];
    if (s && s.start < c.end) continue;
    kept.push(c);
  }
  return kept;
}
