/**
 * Relations between the entities a document names: who leads, speaks for,
 * founded or belongs to which organisation, who is whose relative, who or
 * what is based where. Pure: text, sentences and mentions in, relations out.
 *
 * Precision first. A relation is read only from words that tie two mentions
 * of one sentence together (an apposition, "X was the head of Y", "Y leader
 * X", "the Y-based X"); two names in one sentence are never enough, names in a
 * list are never tied to each other, and nothing is read from inside a
 * quotation. The rules are data (rules.ts), each with a reason and an example.
 */
import { quoteSpans } from '../attribution/index.js';
import { spanIndex } from '../../nlp/span-index.js';
import { matchesOf } from '../../nlp/scan.js';
import type { Mention, MentionType, Sentence } from '../../model/index.js';
import {
  COORDINATED_ROLE,
  DEPUTY_MODIFIERS,
  HYPHEN_BASED_AFTER,
  HYPHEN_BASED_BEFORE,
  LEADER_KEEPING_MODIFIERS,
  OBJECT_TYPES,
  PAIR_RULES,
  PERSON_PREDICATES,
  OTHER_BODY,
  ROLE_CLASS,
  TRIGGER,
  UNNAMED_KIN,
  WEAK_ORG,
  type PairRule,
  type Predicate,
} from './rules.js';

export const RELATION_STAGE = 'extract.relations';

export type { Predicate } from './rules.js';
export { PAIR_RULES } from './rules.js';

export interface RelationEnd {
  /** Mention.key of the entity (or "unnamed:<words>" for unnamed relatives). */
  key: string;
  /** The words of the mention as written. */
  text: string;
  type: MentionType;
}

export interface Relation {
  /** Mention keys (Mention.key from src/model/doc.ts) of the two entities, as the mentions finder made them. */
  subject: RelationEnd;
  predicate: Predicate;
  object: RelationEnd;
  /** Qualifier words: "sons and two nephews", "head of one of the districts", "secretary of the local branch". */
  detail: string | null;
  /** The words the relation was read from: both names and everything between them. */
  evidence: { start: number; end: number };
  confidence: number;
  stage: string;
  reason: string;
}

/** Prefix of the subject key for relatives the text does not name. */
export const UNNAMED_PREFIX = 'unnamed:';

/** Pairs further apart than this (UTF-16 units) are not tried. */
const MAX_GAP = 160;
/** Look-behind window for title and kinship rules. */
const MAX_BEFORE = 90;
const MAX_AFTER = 60;
/** Quotations with at least this many words are speech; shorter ones are quoted names (“Just Russia”). */
const QUOTE_MIN_WORDS = 4;
/** A mention typed with less confidence than this (a name containing a place, a bare acronym) is weak. */
const WEAK_MENTION = 0.55;
/** Penalty when a mention's own typing was weak or a weak ORG is read as a person. */
const WEAK_FACTOR = 0.85;

interface Ctx {
  text: string;
  /** PLACE mentions of the whole document by lower-cased text, built on first use. */
  places: () => Map<string, Mention>;
  /** NORP mentions of the sentence, used to mask them in gaps. */
  norps: Mention[];
}

/**
 * Find relations in one document. `mentions` are those of findMentions
 * (sorted by start); `sentences` those of splitSentences.
 */
export function findRelations(text: string, sentences: readonly Sentence[], mentions: readonly Mention[]): Relation[] {
  const out: Relation[] = [];
  const quotes = longQuotes(text);
  let placeIndex: Map<string, Mention> | null = null;
  const places = (): Map<string, Mention> => {
    if (!placeIndex) {
      placeIndex = new Map();
      for (const m of mentions) if (m.type === 'PLACE' && !placeIndex.has(m.text.toLowerCase())) placeIndex.set(m.text.toLowerCase(), m);
    }
    return placeIndex;
  };
  let mi = 0;
  const sorted = isSorted(mentions) ? mentions : [...mentions].sort((a, b) => a.start - b.start);
  for (const s of sentences) {
    while (mi < sorted.length && sorted[mi]!.start < s.start) mi++;
    let mj = mi;
    while (mj < sorted.length && sorted[mj]!.start < s.end) mj++;
    if (mj - mi < 1) continue;
    const inSentence = sorted.slice(mi, mj).filter((m) => m.end <= s.end);
    mi = mj;
    if (inSentence.length < 1) continue;
    const sentText = text.slice(s.start, s.end);
    if (!TRIGGER.test(sentText)) continue;
    const ents: Mention[] = [];
    const norps: Mention[] = [];
    for (const m of inSentence) (m.type === 'NORP' ? norps : ents).push(m);
    const found = sentenceRelations({ text, norps, places }, s, ents);
    for (const r of found) if (!insideQuote(r.evidence, quotes)) out.push(r);
  }
  out.sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end);
  return out;
}

function isSorted(ms: readonly Mention[]): boolean {
  for (let i = 1; i < ms.length; i++) if (ms[i]!.start < ms[i - 1]!.start) return false;
  return true;
}

/** Text of [from, to) with nationality mentions replaced by "§" of the same length. */
function masked(ctx: Ctx, from: number, to: number): string {
  let s = ctx.text.slice(from, to);
  for (const n of ctx.norps) {
    if (n.start >= from && n.end <= to) s = s.slice(0, n.start - from) + '§'.repeat(n.end - n.start) + s.slice(n.end - from);
  }
  return s;
}

/** A sentence that can hold a "-based" relation says "based" somewhere: most do not. */
const BASED = /based/;
/** Between a person and a kinship phrase, a comma or a copula: "Ali Bekov, the sons of …", "X was the son of …". */
const PERSON_THEN_KIN = /^\s*,\s*$|^\s+(?:is|was|are|were)\s+$/;
/** A leading "the", dropped from a kinship detail ("the sons" → "sons"). */
const LEADING_THE = /^the\s+/i;
/** Runs of whitespace, collapsed to one space. */
const WHITESPACE_RUN = /\s+/g;

/** The words around one pair of adjacent mentions, each masked ("§" for nationalities). */
interface PairWindow {
  /** Between the two mentions. */
  gap: string;
  /** Before the first mention, from `beforeFrom` (the previous mention's end, at most MAX_BEFORE back). */
  before: string;
  beforeFrom: number;
  /** After the second mention, up to the next mention or MAX_AFTER. */
  after: string;
}

function pairWindow(ctx: Ctx, s: Sentence, ents: Mention[], i: number): PairWindow {
  const a = ents[i]!;
  const b = ents[i + 1]!;
  const beforeFrom = Math.max(i > 0 ? ents[i - 1]!.end : s.start, a.start - MAX_BEFORE, s.start);
  const afterTo = Math.min(i + 2 < ents.length ? ents[i + 2]!.start : s.end, b.end + MAX_AFTER, s.end);
  return { gap: masked(ctx, a.end, b.start), before: masked(ctx, beforeFrom, a.start), beforeFrom, after: masked(ctx, b.end, afterTo) };
}

/** The first pair rule (in list order) that reads a relation between mentions a and b, with the subject it chose. */
function firstPairRelation(ctx: Ctx, a: Mention, b: Mention, w: PairWindow): { r: Relation; rule: PairRule; subject: Mention; object: Mention } | null {
  for (const rule of PAIR_RULES) {
    if (rule.before) {
      if (!w.before) continue;
    }
    const gm = rule.gap.exec(w.gap);
    if (!gm) continue;
    let bm: RegExpExecArray | null = null;
    if (rule.before) {
      bm = rule.before.exec(w.before);
      if (!bm) continue;
    }
    let am: RegExpExecArray | null = null;
    if (rule.after) {
      am = rule.after.exec(w.after);
      if (!am) continue;
    }
    const groups: Record<string, string | undefined> = { ...(bm?.groups ?? {}), ...(am?.groups ?? {}), ...definedOnly(gm.groups) };
    const [subject, object] = rule.order === 'subject-first' ? [a, b] : [b, a];
    let start = a.start;
    let end = b.end;
    if (bm) start = w.beforeFrom + bm.index + leadingSkip(bm[0]);
    if (am && !rule.afterIsGuard && am[0].trim() && (rule.predicate === 'by-role' || groups.detail)) end = b.end + trimEnd(am[0]);
    if (rule.order === 'object-first' && rule.predicate === 'by-role' && groups.mods && OTHER_BODY.test(groups.mods)) continue;
    const r = make(ctx, rule, subject, object, groups, w.gap, w.after, { start, end }, null);
    if (r) return { r, rule, subject, object };
  }
  return null;
}

/**
 * Relations read from the words between adjacent mentions (and just around them), and the indexes of the
 * mentions that are some named person's relative: the unnamed-kin rule leaves those alone.
 */
function pairRelations(ctx: Ctx, s: Sentence, ents: Mention[]): { out: Relation[]; kinObjects: Set<number> } {
  const out: Relation[] = [];
  /** Relations with a role subject, by object index: for "… and the secretary of Z". */
  const roleAt = new Map<number, { subject: Mention; rule: PairRule }>();
  const kinObjects = new Set<number>();
  for (let i = 0; i + 1 < ents.length; i++) {
    const a = ents[i]!;
    const b = ents[i + 1]!;
    if (b.start - a.end > MAX_GAP || b.start < a.end) continue;
    const w = pairWindow(ctx, s, ents, i);

    // A role continued from the previous pair: "X was the head of Y and the secretary of Z".
    const prevRole = roleAt.get(i);
    if (prevRole) {
      const m = COORDINATED_ROLE.exec(w.gap);
      if (m?.groups) {
        const r = make(ctx, prevRole.rule, prevRole.subject, b, m.groups, w.gap, w.after, {
          start: prevRole.subject.start, end: b.end,
        }, 'coordinated-role: a second role of the same person, joined by "and"');
        if (r) {
          out.push(r);
          roleAt.set(i + 1, prevRole);
          continue;
        }
      }
    }

    const found = firstPairRelation(ctx, a, b, w);
    if (!found) continue;
    const { r, rule, subject, object } = found;
    out.push(r);
    if (r.predicate === 'relative_of') kinObjects.add(object === a ? i : i + 1);
    if (rule.predicate === 'by-role' && rule.order === 'subject-first') roleAt.set(i + 1, { subject, rule });
  }
  return { out, kinObjects };
}

/** "The Kabul-based": drop leading words of `full` until the rest is a place of the document. */
function documentPlace(ctx: Ctx, full: string): { place: Mention | undefined; name: string } {
  let place: Mention | undefined;
  let name = full;
  for (;;) {
    place = ctx.places().get(name.toLowerCase());
    const sp = name.indexOf(' ');
    if (place || sp < 0) break;
    name = name.slice(sp + 1);
  }
  return { place, name };
}

/** "the Afghanistan-based group X", "X, a Riga-based blogger": the place named elsewhere in the document. */
function hyphenBasedRelations(ctx: Ctx, s: Sentence, ents: Mention[]): Relation[] {
  const out: Relation[] = [];
  const text = ctx.text;
  for (let k = 0; k < ents.length; k++) {
    const x = ents[k]!;
    if (x.type !== 'PERSON' && x.type !== 'ORG') continue;
    const from = Math.max(k > 0 ? ents[k - 1]!.end : s.start, x.start - MAX_BEFORE, s.start);
    const bm = HYPHEN_BASED_BEFORE.exec(masked(ctx, from, x.start));
    const to = Math.min(k + 1 < ents.length ? ents[k + 1]!.start : s.end, x.end + MAX_AFTER, s.end);
    const am = bm ? null : HYPHEN_BASED_AFTER.exec(text.slice(x.end, to));
    const m = bm ?? am;
    const full = m?.groups?.place;
    if (!m || !full) continue;
    const { place, name } = documentPlace(ctx, full);
    if (!place || place.key === x.key) continue;
    const at = bm ? from + bm.index + bm[0].indexOf(full) + (full.length - name.length) : x.end + am!.index + am![0].indexOf(full) + (full.length - name.length);
    const evidence = bm ? { start: at, end: x.end } : { start: x.start, end: at + name.length + '-based'.length };
    out.push({
      subject: end(x),
      predicate: 'based_in',
      object: { key: place.key, text: text.slice(at, at + name.length), type: 'PLACE' },
      detail: null,
      evidence,
      confidence: round(0.75 * weak(x)),
      stage: RELATION_STAGE,
      reason: `hyphen-based: "${name}-based" before or beside the name; "${name}" is a place mentioned in the document`,
    });
  }
  return out;
}

/** Unnamed relatives: "the sons and two nephews of X" (X not already some named person's relative). */
function unnamedKinRelations(ctx: Ctx, s: Sentence, ents: Mention[], kinObjects: Set<number>): Relation[] {
  const out: Relation[] = [];
  const text = ctx.text;
  for (let k = 0; k < ents.length; k++) {
    const o = ents[k]!;
    if (o.type !== 'PERSON' || kinObjects.has(k)) continue;
    const from = Math.max(k > 0 ? ents[k - 1]!.end : s.start, o.start - MAX_BEFORE, s.start);
    const before = masked(ctx, from, o.start);
    const m = UNNAMED_KIN.exec(before);
    if (!m?.groups?.phrase) continue;
    const phraseStart = from + m.index + m[0].indexOf(m.groups.phrase);
    // "Ali Bekov, the sons of …" is handled by the named rules; a person right before the phrase means we cannot tell.
    if (k > 0 && PERSON_THEN_KIN.test(text.slice(ents[k - 1]!.end, phraseStart)) && ents[k - 1]!.type === 'PERSON') continue;
    const phrase = text.slice(phraseStart, phraseStart + m.groups.phrase.length);
    const detail = phrase.replace(LEADING_THE, '').replace(WHITESPACE_RUN, ' ').toLowerCase();
    out.push({
      subject: { key: UNNAMED_PREFIX + detail.toLowerCase(), text: phrase, type: 'PERSON' },
      predicate: 'relative_of',
      object: end(o),
      detail,
      evidence: { start: phraseStart, end: o.end },
      confidence: round(0.75 * weak(o)),
      stage: RELATION_STAGE,
      reason: 'unnamed-kin: relatives named only by kinship words ("the sons of X"); the subject is "unnamed:<words>"',
    });
  }
  return out;
}

function sentenceRelations(ctx: Ctx, s: Sentence, ents: Mention[]): Relation[] {
  const { out, kinObjects } = pairRelations(ctx, s, ents);
  if (BASED.test(ctx.text.slice(s.start, s.end))) out.push(...hyphenBasedRelations(ctx, s, ents));
  out.push(...unnamedKinRelations(ctx, s, ents, kinObjects));
  return out;
}

function definedOnly(g: Record<string, string> | undefined): Record<string, string> {
  const o: Record<string, string> = {};
  if (g) for (const [k, v] of Object.entries(g)) if (v !== undefined) o[k] = v;
  return o;
}

/** Spaces and opening marks before a rule's own words: "(the", "“the". */
const LEADING_OPENERS = /^[\s(“"‘]*/;
/** Spaces and list punctuation after a rule's own words. */
// A trailing run is entered at its first character only (the lookbehind): tried from each of its characters, it was quadratic.
const TRAILING_PUNCT_SPACE = /(?<![\s,;])[\s,;]+$/;
/** A leading article, dropped from a role phrase ("the head" → "head"). */
const LEADING_ARTICLE = /^(?:a|an|the) /i;
/** Words split on whitespace. */
const WHITESPACE = /\s+/;
/** A masked nationality ("§§§§§§§" for "Russian") modifies a leader's title without making him an official. */
const NATIONALITY_PLACEHOLDER = /^§+$/;
/** Each run of "§" stands for one nationality mention. */
const PLACEHOLDER_RUN = /§+/g;
/** "the ruling X party": a party name closes before "party" … */
// `\s*(?:q\s*)?`, not `\s*q?\s*`: without a quote the two blank runs split one run two ways (quadratic).
const PARTY_BEFORE = /\bparty\s*(?:["“‘']\s*)?$/i;
/** … or the word "party" follows the name: "X party". */
const PARTY_AFTER = /^["”’']?\s+party\b/i;
/** A word of a quotation: letters or digits, any script. */
const QUOTE_WORD = /[\p{L}\d]+/gu;

function leadingSkip(s: string): number {
  const m = LEADING_OPENERS.exec(s);
  return m ? m[0].length : 0;
}

function trimEnd(s: string): number {
  return s.replace(TRAILING_PUNCT_SPACE, '').length;
}

function end(m: Mention): RelationEnd {
  return { key: m.key, text: m.text, type: m.type };
}

function weak(m: Mention): number {
  return (m.confidence ?? 1) < WEAK_MENTION ? WEAK_FACTOR : 1;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Clean a role phrase for `detail`: collapse spaces, drop articles. */
function tidy(s: string): string {
  return s.replace(WHITESPACE_RUN, ' ').replace(LEADING_ARTICLE, '').trim();
}

/** Which predicate a role word gives, with the words around it. */
export function predicateForRole(role: string, mods: string, prep: string | undefined, sub: string | undefined, objectType: MentionType, partyCue: boolean): Predicate | null {
  const cls = ROLE_CLASS.get(role.toLowerCase().replace(WHITESPACE_RUN, ' '));
  if (!cls) return null;
  const modWords = mods.toLowerCase().split(WHITESPACE).filter(Boolean);
  switch (cls) {
    case 'founder':
      return 'founder_of';
    case 'spokes':
      return 'spokesperson_of';
    case 'member':
      return 'member_of';
    case 'affiliate':
      return 'affiliated_with';
    case 'official':
      // "a local official from the ruling X party": a party member holding office.
      return objectType === 'ORG' && (prep === 'from' || partyCue) ? 'member_of' : 'official_of';
    case 'leader': {
      if (prep === 'from') return 'member_of';
      if (sub) return 'official_of';
      if (modWords.some((w) => DEPUTY_MODIFIERS.has(w) || (!LEADER_KEEPING_MODIFIERS.has(w) && !NATIONALITY_PLACEHOLDER.test(w)))) return 'official_of';
      return 'leader_of';
    }
  }
}

function make(
  ctx: Ctx,
  rule: PairRule,
  subject: Mention,
  object: Mention,
  g: Record<string, string | undefined>,
  gap: string,
  after: string,
  evidence: { start: number; end: number },
  reasonOverride: string | null,
): Relation | null {
  if (subject.key === object.key) return null;
  let predicate: Predicate;
  let detail: string | null = g.detail ? tidy(unmaskDetail(ctx, g.detail, evidence)) : null;
  if (rule.predicate === 'by-role' || reasonOverride) {
    if (!g.role) return null;
    const partyCue = PARTY_BEFORE.test(gap) || PARTY_AFTER.test(after);
    const p = predicateForRole(g.role, g.mods ?? '', g.prep?.toLowerCase(), g.sub, object.type, partyCue);
    if (!p) return null;
    predicate = p;
    const roleWords = tidy(`${g.mods ?? ''} ${g.role}`);
    detail = (g.sub ? `${roleWords} of ${g.sub.replace(WHITESPACE_RUN, ' ').trim()}` : roleWords).toLowerCase();
    detail = unmaskDetail(ctx, detail, evidence);
  } else predicate = rule.predicate;

  if (!OBJECT_TYPES[predicate].includes(object.type)) return null;
  let factor = weak(subject) * weak(object);
  const personOnly = PERSON_PREDICATES.has(predicate) || (rule.subjectTypes.length === 1 && rule.subjectTypes[0] === 'PERSON');
  if (subject.type === 'ORG' && personOnly) {
    // The mention finder sometimes types a person's name ORG on weak evidence; a role word that only people hold overrides that.
    if ((subject.confidence ?? 1) > WEAK_ORG) return null;
    factor = WEAK_FACTOR;
  } else if (!rule.subjectTypes.includes(subject.type)) return null;

  return {
    subject: end(subject),
    predicate,
    object: end(object),
    detail: detail || null,
    evidence,
    confidence: round(rule.confidence * factor),
    stage: RELATION_STAGE,
    reason: reasonOverride ?? `${rule.name}: ${rule.why}`,
  };
}

/** Put nationality words back into a detail read from masked text. */
function unmaskDetail(ctx: Ctx, s: string, evidence: { start: number; end: number } | null): string {
  if (!s.includes('§')) return s;
  // Each run of "§" stands for one nationality mention, in order.
  const norps = evidence ? ctx.norps.filter((n) => n.start >= evidence.start && n.end <= evidence.end) : ctx.norps;
  let i = 0;
  return s.replace(PLACEHOLDER_RUN, (run) => {
    const n = norps.find((x, k) => k >= i && x.end - x.start === run.length);
    if (!n) return run;
    i = norps.indexOf(n) + 1;
    return n.text;
  });
}

/** Quotations of QUOTE_MIN_WORDS words or more (marks included): the attribution stage's pairing, filtered by length. */
function longQuotes(text: string): { start: number; end: number }[] {
  return quoteSpans(text).filter((q) => {
    let words = 0;
    const inner = text.slice(q.start + 1, q.end - 1);
    // Counting stops at QUOTE_MIN_WORDS: a long quotation is not read to its end.
    for (const _ of matchesOf(inner, QUOTE_WORD)) if (++words >= QUOTE_MIN_WORDS) break;
    return words >= QUOTE_MIN_WORDS;
  });
}

function insideQuote(e: { start: number; end: number }, quotes: { start: number; end: number }[]): boolean {
  return spanIndex(quotes).overlapping(e).length > 0;
}
