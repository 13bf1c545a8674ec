import { isAsciiLetter, isAsciiWordChar, type Sentence, type Span } from '../../model/index.js';
import { splitSentences } from '../../nlp/sentences.js';
import { spanIndex } from '../../nlp/span-index.js';
import { tokenize, type Token } from '../../nlp/tokens.js';
import { matchesOf } from '../../nlp/scan.js';
import {
  AS_VERBS,
  CUE_FORMS,
  CUE_PREFIX,
  LEADING_CONNECTIVES,
  NEGATORS,
  NON_ATTRIBUTIVE,
  PRONOUN_SOURCES,
  SOURCE_STOP,
  TIME_WORDS,
  type CueVerb,
} from './lexicon.js';
import type { AttributionModel } from './learned.js';
import { DEFAULT_MERGE_MODE, mergeLearned, type MergeMode } from './merge.js';

export interface FindOptions {
  /**
   * The learned model (models/attribution.json, as the pipeline context loads
   * it), or null/undefined for the rules only: the default, which the claims
   * stage relies on.
   */
  model?: AttributionModel | null;
  /** How rule and model relations combine (see merge.ts). */
  mode?: MergeMode;
}

export const ATTRIBUTION_STAGE = 'extract.attribution';

/**
 * One attribution relation, in the PolNeAR sense: who (source) says (cue)
 * what (content). Offsets are into the text given to the finder.
 */
export interface Attribution {
  /** Null when the text names no source ("it was reported that …"). */
  source: Span | null;
  cue: Span;
  content: Span;
  /** How the relation is built. */
  shape: 'preposed' | 'postposed' | 'according_to' | 'as_clause' | 'evaluation_as' | 'words_of' | 'quote_continued';
  /** The cue verb's family (see lexicon), or 'according' for "according to". */
  family: CueVerb['family'] | 'according';
  /** The content is (mostly) a direct quotation. */
  quoted: boolean;
  /** The cue is negated ("did not say") or in the future/conditional ("will say"). */
  negated: boolean;
  /** For "praised X as \"…\"": the characterised object X. */
  object: Span | null;
  reason: string;
}

const QUICK = /\b(?:document\w*|gloat\w*|say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|wr(?:ote|ites?|iting)|tweet\w*|not(?:e|es|ed|ing)|explain\w*|continue[ds]?|declar\w+|stated?|states|announc\w+|argu\w+|insist\w*|repl\w+|respond\w*|recall\w*|emphasi[sz]\w*|stress\w*|remark\w*|observ\w+|mention\w*|quipped|joked|boasted|warn\w*|promis\w+|vow\w*|pledg\w+|ask\w*|report\w*|indicat\w+|reveal\w*|disclos\w+|confirm\w*|acknowledg\w+|admit\w*|conced\w+|show\w*|found|finds|claim\w*|alleg\w+|assert\w*|contend\w*|maintain\w*|suggest\w*|believ\w+|think\w*|thought|predict\w*|estimat\w+|conclud\w+|agree\w*|hope\w*|fear\w*|accus\w+|blam\w+|charged|den(?:y|ies|ied|ying)|prais\w+|hailed|denounc\w+|describ\w+|call(?:ed|s)|branded|label+ed|condemn\w*|critici[sz]\w+|according|words of)\b/i;

/**
 * Find attribution relations in `text`. `sentences` defaults to the
 * project's sentence splitter. Sentences that fall inside one quotation are
 * merged into one unit first, so a multi-sentence quote is one content span.
 */
export function findAttributions(text: string, sentences?: readonly Sentence[], options: FindOptions = {}, layout?: QuoteLayout): Attribution[] {
  const units = layout?.units ?? quoteUnits(text, sentences ?? splitSentences({ text }));
  const rules = ruleAttributionsInUnits(text, units);
  const model = options.model ?? null;
  if (!model) return firstPerUnit(rules, units);
  return firstPerUnit(mergeLearned(text, units, rules, model, options.mode ?? DEFAULT_MERGE_MODE), units);
}

/** The rules alone (no learned model). */
export function findRuleAttributions(text: string, sentences?: readonly Sentence[]): Attribution[] {
  const units = quoteUnits(text, sentences ?? splitSentences({ text }));
  return firstPerUnit(ruleAttributionsInUnits(text, units), units);
}

/**
 * The most attributions one sentence unit keeps: the first, by their cues' places. Each attribution's
 * content is read by the claim rules (kind, modality, quotations), and the contents of one unit's
 * cues overlap, so a unit of n cues cost n contents of up to the unit's length: a fuzzed 52 KB page of
 * "according to *" 3,600 times in 14 units took 3.1 s (issue 13, finding 37). PolNeAR's and the MUC-4
 * texts' units hold at most 4 (14,887 attributions in 1,500 documents).
 */
export const MAX_ATTRIBUTIONS_PER_UNIT = 16;

function firstPerUnit(atts: Attribution[], units: readonly Span[]): Attribution[] {
  if (atts.length <= MAX_ATTRIBUTIONS_PER_UNIT) return atts;
  const index = spanIndex(units);
  const byCue = atts.map((_, i) => i).sort((x, y) => atts[x]!.cue.start - atts[y]!.cue.start || x - y);
  const seen = new Map<Span | undefined, number>();
  const keep = new Uint8Array(atts.length);
  for (const i of byCue) {
    const unit = index.firstContaining(atts[i]!.cue.start);
    const n = (seen.get(unit) ?? 0) + 1;
    seen.set(unit, n);
    if (n <= MAX_ATTRIBUTIONS_PER_UNIT) keep[i] = 1;
  }
  return atts.filter((_, i) => keep[i] === 1);
}

function ruleAttributionsInUnits(text: string, units: readonly Span[]): Attribution[] {
  const out: Attribution[] = [];
  const paras = new ParagraphBreaks(text, units);
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const slice = text.slice(unit.start, unit.end);
    if (!QUICK.test(slice)) continue;
    const toks = tokenize(text, unit.start, unit.end);
    const found = attributionsInUnit(text, toks, unit, units[u + 1] ?? null, paras);
    out.push(...found);
  }
  continueQuotes(text, units, out);
  return out;
}

/** A blank line (spaces allowed on it) ends a paragraph: a quotation never runs across it. */
const BLANK_LINE = /\n\s*\n/;

/** Sentences merged so that no quotation crosses a unit boundary; units never cross a paragraph break. */
export function quoteUnits(text: string, sents: readonly Sentence[]): readonly Span[] {
  return quoteLayout(text, sents).units;
}

/**
 * A text's quotation spans (quoteSpans) and its sentence units (quoteUnits), found once for the
 * readers of one document: the attribution finder and the claim finder's two passes each found them
 * again (issue 11). Read them; do not change them.
 */
export interface QuoteLayout {
  readonly quotes: readonly Span[];
  readonly units: readonly Span[];
}

export function quoteLayout(text: string, sents: readonly Sentence[]): QuoteLayout {
  const quotes = quoteSpans(text);
  const units: Span[] = [];
  let qi = 0;
  for (const s of sents) {
    const last = units[units.length - 1];
    // Does an open quotation carry over from the previous unit into this sentence?
    if (last) {
      while (qi < quotes.length && quotes[qi]!.end <= last.end) qi++;
      const q = quotes[qi];
      if (q && q.start < last.end && q.end > last.end && !BLANK_LINE.test(text.slice(last.end, s.start))) {
        last.end = Math.max(last.end, s.end);
        continue;
      }
    }
    units.push({ start: s.start, end: s.end });
  }
  return { quotes, units };
}

/** A quotation mark (curly or straight), or a blank line, which closes any quotation left open. */
const QUOTE_MARK_OR_BLANK_LINE = /[“”"]|\n[ \t]*\n/g;

/** Quotation spans (marks included), paired per paragraph: curly pairs, and straight marks toggling. */
export function quoteSpans(text: string): Span[] {
  const out: Span[] = [];
  let open = -1;
  for (const m of matchesOf(text, QUOTE_MARK_OR_BLANK_LINE)) {
    const ch = m[0];
    if (ch.startsWith('\n')) {
      open = -1;
      continue;
    }
    if (ch === '“') open = m.index;
    else if (ch === '”') {
      if (open >= 0) out.push({ start: open, end: m.index + 1 });
      open = -1;
    } else if (open >= 0) {
      out.push({ start: open, end: m.index + 1 });
      open = -1;
    } else open = m.index;
  }
  return out;
}

const isOpenQ = (t: Token | undefined): boolean => !!t && (t.text === '“' || t.text === '"' || t.text === '‘');
const isCloseQ = (t: Token | undefined): boolean => !!t && (t.text === '”' || t.text === '"' || t.text === '’');
const isPunct = (t: Token | undefined): boolean => !!t && !t.isWord && !t.isNumber;

/** Quote state before each token: true when the token lies inside a quotation that opened in this unit. */
export function insideQuote(toks: Token[]): boolean[] {
  const inside: boolean[] = [];
  let open = false;
  for (const t of toks) {
    if (t.text === '“') {
      inside.push(false);
      open = true;
      continue;
    }
    if (t.text === '”') {
      inside.push(false);
      open = false;
      continue;
    }
    if (t.text === '"') {
      inside.push(false);
      open = !open;
      continue;
    }
    inside.push(open);
  }
  return inside;
}

function attributionsInUnit(text: string, toks: Token[], unit: Span, next: Span | null, paras: ParagraphBreaks): Attribution[] {
  const out: Attribution[] = [];
  const inQ = insideQuote(toks);
  const used = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    if (inQ[i] || used.has(i)) continue;
    const t = toks[i]!;
    // "according to X"
    if (t.lower === 'according' && toks[i + 1]?.lower === 'to') {
      const a = accordingTo(text, toks, i, unit);
      if (a) out.push(a);
      continue;
    }
    // "In the words of X," + the next paragraph or the rest of the sentence
    if (t.lower === 'words' && toks[i + 1]?.lower === 'of' && toks[i - 1]?.lower === 'the' && toks[i - 2]?.lower === 'in') {
      const a = wordsOf(text, toks, i, unit, next, paras);
      if (a) out.push(a);
      continue;
    }
    const verb = CUE_FORMS.get(t.lower);
    if (!verb) continue;
    if (nonAttributive(text, t)) continue;
    if (t.cap && i > 0 && !isPunct(toks[i - 1]) && !isOpenQ(toks[i - 1])) continue; // a capitalised verb mid-sentence is a name or title
    const a = verbAttribution(text, toks, inQ, i, verb, unit, next, out[out.length - 1]?.source ?? null, paras);
    if (a) {
      out.push(a);
      used.add(i);
    }
  }
  return out;
}

/** How far before the verb (characters) a fixed phrase may start: "having said that" starts 7 before "said". */
const NON_ATTRIBUTIVE_LOOKBEHIND = 16;

/**
 * Where the match of a sticky (`y`) pattern starting exactly at `at` ends, or -1. Its end, not the
 * match: reading a rare match's fields was first done after V8 had optimised the caller, which was
 * then compiled again (issue 11).
 */
function stickyEndAt(text: string, pattern: RegExp, at: number): number {
  pattern.lastIndex = at;
  const matched = pattern.test(text);
  const end = pattern.lastIndex;
  return matched ? end : -1;
}

/** Is the verb part of a fixed phrase that attributes nothing ("that said,", "needless to say", "the said")? */
function nonAttributive(text: string, t: Token): boolean {
  const from = Math.max(0, t.start - NON_ATTRIBUTIVE_LOOKBEHIND);
  for (let k = from; k <= t.start; k++) {
    // Every phrase begins with \b and an ASCII letter (lexicon.ts): a place that is no word's first
    // letter matches none of them, and is not tried (the phrases were tried at every place, for
    // every verb of saying: issue 11).
    if (!asciiWordStart(text, k)) continue;
    for (const re of NON_ATTRIBUTIVE) {
      // A sticky match starts at k, which is at or before the verb.
      if (stickyEndAt(text, re, k) >= t.end) return true;
    }
  }
  return false;
}

/** Whether text[k] is an ASCII letter where \b holds (no \w character before it). */
function asciiWordStart(text: string, k: number): boolean {
  return isAsciiLetter(text.charCodeAt(k)) && (k === 0 || !isAsciiWordChar(text.charCodeAt(k - 1)));
}

/**
 * The longest paragraph (characters) that "SOURCE said:" ending a line may introduce. A paragraph
 * runs to the next blank line, and a text without blank lines is one paragraph to its end: a 196 KB
 * fuzzed text repeating "…, experts believe,\n" gave 1,460 contents each reaching the end, and the
 * claim rules then read 146 M characters (3.4 s; issue 13, finding B). The longest introduced
 * paragraph in PolNeAR, the MUC-4 training texts and the seeds is 659 characters, the longest
 * content of any shape 2,357; past this limit the content ends with the last sentence unit that
 * ends within it (or at the last space before it, inside one unit longer than the limit).
 */
export const MAX_PARAGRAPH_CONTENT = 4000;

/**
 * Where the blank lines of a text are: each position where a line break is
 * followed, after spaces or tabs only, by another. Found once per text, on
 * first use, then looked up by bisection: searching the text from each
 * paragraph start made a text without blank lines quadratic.
 */
class ParagraphBreaks {
  private breaks: number[] | null = null;

  /** `units`: the text's sentence units in order, where a paragraph longer than MAX_PARAGRAPH_CONTENT is cut. */
  constructor(private readonly text: string, private readonly units: readonly Span[] = []) {}

  /** Where the paragraph from `start` ends: the next blank line, or a unit's end within MAX_PARAGRAPH_CONTENT. */
  end(start: number): number {
    const blank = this.next(start);
    const cap = start + MAX_PARAGRAPH_CONTENT;
    if (blank <= cap) return blank;
    // The last unit ending at or before the cap, by bisection over the units' ends.
    let lo = 0;
    let hi = this.units.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.units[mid]!.end <= cap) lo = mid + 1;
      else hi = mid;
    }
    const unitEnd = lo > 0 ? this.units[lo - 1]!.end : -1;
    if (unitEnd > start) return unitEnd;
    const space = this.text.lastIndexOf(' ', cap);
    return space > start ? space : cap;
  }

  /** The first blank line at or after `pos` (where it starts), or the text's end. */
  next(pos: number): number {
    const b = (this.breaks ??= this.find());
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < b.length ? b[lo]! : this.text.length;
  }

  private find(): number[] {
    const t = this.text;
    const out: number[] = [];
    for (let p = t.indexOf('\n'); p >= 0; p = t.indexOf('\n', p + 1)) {
      let j = p + 1;
      while (t[j] === ' ' || t[j] === '\t') j++;
      if (t[j] === '\n') out.push(p);
    }
    return out;
  }
}

/** The paragraph starting at `start`, up to the next blank line or the length limit (final period dropped). */
function paragraphAt(text: string, start: number, paras: ParagraphBreaks): Span {
  return { start, end: contentEnd(text, start, paras.end(start)) };
}

/** Whitespace before a clause's end. */
const SPACE_CHAR = /\s/;
/** A clause's final stop, left out of its content. */
const CLAUSE_STOP = /[.;:]/;
/** An ellipsis ("...") keeps its final period. */
const ELLIPSIS_END = /\.\.$/;

/** Where the content of a sentence-final clause ends: before a final period that is not inside a quotation. */
function contentEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && SPACE_CHAR.test(text[e - 1]!)) e--;
  if (e > from && CLAUSE_STOP.test(text[e - 1]!) && !ELLIPSIS_END.test(text.slice(e - 2, e))) e--;
  return e;
}

/** Index of the token where a trailing clause starts (", adding …", ", according to …", "; …"), or toks.length. */
function clauseBreak(toks: Token[], from: number, inQ: boolean[]): number {
  for (let k = from; k < toks.length; k++) {
    if (inQ[k]) continue;
    const t = toks[k]!;
    if (t.text === ';') return k;
    if (t.text === ',' && k + 1 < toks.length) {
      const n = toks[k + 1]!.lower;
      if (n === 'according' || n === 'adding' || n === 'saying' || n === 'noting' || n === 'citing' || n === 'arguing' || n === 'referring' || n === 'telling' || n === 'calling') return k;
      // ", he said." closing an earlier content: handled by the postposed rule; end here.
      const v = toks[k + 2];
      if (v && CUE_FORMS.get(v.lower)?.family === 'speech' && PRONOUN_SOURCES.has(n) && k + 3 >= toks.length - 1) return k;
    }
  }
  return toks.length;
}

function span(a: Token, b: Token): Span {
  return { start: a.start, end: b.end };
}

/** "said in a statement", "said in an interview": the medium belongs to the cue. */
const IN_A_STATEMENT = /^\s+in an? (?:statement|interview|tweet|post|letter|speech|op-ed|email|press release)\b/i;
/** How far past the verb (characters) "in a statement" is looked for: the longest, "in a press release", fits. */
const IN_A_STATEMENT_WINDOW = 40;
/** A line break between two units: the next unit starts a new paragraph. */
const LINE_BREAK = /\n/;
/** Content that opens with a quotation mark is (mostly) a direct quotation. */
const OPENS_WITH_QUOTE = /^["“]/;
/** Content that closes with a quotation mark: a short one ("\"terrorists\"") is a quotation too. */
const CLOSES_WITH_QUOTE = /["”]$/;
/** Content shorter than this (characters) that ends in a quotation mark counts as quoted. */
const SHORT_QUOTED_CONTENT = 12;
/** A month's abbreviation starts a date after the cue: "said on June 25 that", "said in Sept. that". */
const MONTH_PREFIX = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
/** "say" and "tell" take a bare clause where other verbs do not: "said he would …". */
const SAY_OR_TELL = /^(?:say|says|said|tell|tells|told)$/;
/** Forms of "say": with a bare content they need a clause ("said the attack was …"), not any phrase. */
const SAY_FORMS = /^(?:say|says|said|saying)$/;

/** One cue verb being read: the unit's tokens, where the verb sits, and the cue made around it. */
interface CueCtx {
  text: string;
  toks: Token[];
  inQ: boolean[];
  /** The verb's token. */
  t: Token;
  verb: CueVerb;
  unit: Span;
  next: Span | null;
  paras: ParagraphBreaks;
  /** First and last token of the cue: auxiliaries before the verb, "in a statement" after it. */
  cs: number;
  ce: number;
  cue: Span;
  negated: boolean;
}

/** The cue around the verb at i: auxiliaries/adverbs directly before it ("has also said") and "in a statement" after it. */
function cueExtent(text: string, toks: Token[], inQ: boolean[], i: number, unit: Span): { cs: number; ce: number; negated: boolean } {
  const t = toks[i]!;
  let cs = i;
  let negated = false;
  while (cs > 0 && (CUE_PREFIX.has(toks[cs - 1]!.lower) || toks[cs - 1]!.lower === "n't") && !inQ[cs - 1]) {
    const l = toks[cs - 1]!.lower;
    if (NEGATORS.has(l) || l === 'will' || l === 'would') negated = true;
    cs--;
  }
  // A prefix word that is the whole left context ("Then said …") stays outside.
  let ce = i;
  // "said in a statement", "said in an interview"
  const after = text.slice(t.end, Math.min(unit.end, t.end + IN_A_STATEMENT_WINDOW));
  const inA = IN_A_STATEMENT.exec(after);
  if (inA) {
    const endPos = t.end + inA[0].length;
    while (ce + 1 < toks.length && toks[ce + 1]!.end <= endPos) ce++;
  }
  return { cs, ce, negated };
}

function verbAttribution(text: string, toks: Token[], inQ: boolean[], i: number, verb: CueVerb, unit: Span, next: Span | null, prevSource: Span | null, paras: ParagraphBreaks): Attribution | null {
  const t = toks[i]!;
  const { cs, ce, negated } = cueExtent(text, toks, inQ, i, unit);
  // "pointed out", "called for": keep particles out; PolNeAR does not.
  const cue: Span = { start: toks[cs]!.start, end: toks[ce]!.end };
  const c: CueCtx = { text, toks, inQ, t, verb, unit, next, paras, cs, ce, cue, negated };

  // Evaluation with "as": "praised the terrorists as \"…\"".
  if (AS_VERBS.has(t.lower)) {
    const ev = evaluationAs(c);
    if (ev !== undefined) return ev;
  }

  // "SOURCE CUE:" / "SOURCE CUE," ending a paragraph introduces the next paragraph.
  if ((toks[ce + 1]?.text === ':' || toks[ce + 1]?.text === ',') && ce + 1 === toks.length - 1 && next && LINE_BREAK.test(text.slice(unit.end, next.start))) {
    const src0 = sourceBefore(text, toks, cs, inQ);
    if (src0) return { source: src0.span, cue, content: paragraphAt(text, next.start, paras), shape: 'preposed', family: verb.family, quoted: true, negated, object: null, reason: `rule: "SOURCE ${t.text}${toks[ce + 1]!.text}" introducing the next paragraph` };
  }
  // Postposed: CONTENT [,"] SOURCE CUE .   or   CONTENT [,"] CUE SOURCE .
  const post = postposed(text, toks, inQ, cs, ce, unit);
  if (post) {
    return { ...post, cue, family: verb.family, negated, object: null, reason: `rule: postposed "${t.text}" after the content${post.quoted ? ' (quotation)' : ''}` };
  }
  return preposed(c, prevSource);
}

/**
 * "praised the terrorists as \"…\"": the source characterises an object with a quotation. Null rejects the
 * cue; undefined means the verb is not used so here and the other shapes are tried.
 */
function evaluationAs(c: CueCtx): Attribution | null | undefined {
  const { text, toks, inQ, t, verb, unit, cs, ce, cue, negated } = c;
  let k = ce + 1;
  while (k < toks.length && k < ce + 10 && toks[k]!.lower !== 'as' && toks[k]!.text !== ',' && !isOpenQ(toks[k])) k++;
  if (toks[k]?.lower === 'as' && k > ce + 1 && isOpenQ(toks[k + 1])) {
    const src = sourceBefore(text, toks, cs, inQ);
    if (!src) return null;
    const qEnd = closingQuoteIndex(toks, k + 1);
    const contentTo = qEnd >= 0 ? toks[qEnd]!.end : contentEnd(text, toks[k + 1]!.start, unit.end);
    return {
      source: src.span, cue: { start: cue.start, end: toks[k]!.end }, content: { start: toks[k + 1]!.start, end: contentTo },
      shape: 'evaluation_as', family: verb.family, quoted: true, negated, object: span(toks[ce + 1]!, toks[k - 1]!),
      reason: `rule: "${t.text} X as \\"…\\"" — a characterisation quoted from the source`,
    };
  }
  if (verb.needsComplement && !CUE_FORMS.get(t.lower)?.forms.includes('said')) {
    // evaluation verbs otherwise need "that" or a quote: "called the ruling \"…\"" is left to the quote rules
    if (!(toks[ce + 1]?.lower === 'that' || isOpenQ(toks[ce + 1]) || toks[ce + 1]?.text === ':')) return null;
  }
  return undefined;
}

/** Preposed: SOURCE CUE [addressee] [that|,|:] CONTENT, or an "As SOURCE CUE, CONTENT" clause. */
function preposed(c: CueCtx, prevSource: Span | null): Attribution | null {
  const { text, toks, inQ, t, verb, unit, next, paras, cs, ce, cue, negated } = c;
  const src = sourceBefore(text, toks, cs, inQ) ?? (toks[cs - 1]?.lower === 'and' && prevSource ? { span: prevSource, asClause: false } : null);
  if (!src) return null;
  // "As SOURCE CUE (…), CONTENT" — an "as"-clause before the main clause.
  if (src.asClause) {
    const asc = asClauseAttribution(c, src.span);
    if (asc !== undefined) return asc;
  }
  const k = contentIndex(c);
  const n = toks[k];
  if ((n?.text === ':' || n?.text === ',') && k === toks.length - 1 && next && LINE_BREAK.test(text.slice(unit.end, next.start))) {
    return { source: src.span, cue, content: paragraphAt(text, next.start, paras), shape: 'preposed', family: verb.family, quoted: true, negated, object: null, reason: `rule: "SOURCE ${t.text}${n.text}" introducing the next paragraph` };
  }
  if (!n) {
    // "… wrote in a statement:" at the end of a paragraph introduces the next one.
    return null;
  }
  const start = contentStart(c, k, n);
  if (!start) return null;
  const si = toks.indexOf(start);
  const stop = clauseBreak(toks, si + 1, inQ);
  let endPos = stop < toks.length ? toks[stop - 1]!.end : contentEnd(text, start.start, unit.end);
  let quoted = false;
  if (isOpenQ(start)) {
    const qe = closingQuoteIndex(toks, si);
    quoted = qe >= 0 && qe >= toks.length - 2;
    if (qe >= 0 && stop === toks.length) endPos = Math.max(endPos, toks[qe]!.end);
  } else quoted = OPENS_WITH_QUOTE.test(text.slice(start.start, endPos)) || CLOSES_WITH_QUOTE.test(text.slice(start.start, endPos)) && text.slice(start.start, endPos).length < SHORT_QUOTED_CONTENT;
  // A colon ending the unit introduces the next paragraph: "David North explained …:".
  if (n.text === ':' && start.start >= unit.end - 1 && next) {
    return { source: src.span, cue, content: { start: next.start, end: contentEnd(text, next.start, next.end) }, shape: 'preposed', family: verb.family, quoted: true, negated, object: null, reason: `rule: "SOURCE ${t.text}:" introducing the next paragraph` };
  }
  if (endPos - start.start < 3) return null;
  return {
    source: src.span, cue, content: { start: start.start, end: endPos }, shape: 'preposed', family: verb.family, quoted, negated, object: null,
    reason: `rule: SOURCE "${t.text}" ${start.lower === 'that' ? 'that-clause' : isOpenQ(start) ? 'quotation' : 'clause'}`,
  };
}

/**
 * "As SOURCE CUE (…), CONTENT": the content is the main clause after the comma. Null rejects the cue;
 * undefined ("As one immigrant told a newspaper: \"…\"", the colon introducing the content) reads it as preposed.
 */
function asClauseAttribution(c: CueCtx, source: Span): Attribution | null | undefined {
  const { text, toks, inQ, t, verb, unit, next, ce, cue, negated } = c;
  let e = ce + 1;
  while (e < toks.length && !(toks[e]!.text === ',' && !inQ[e]) && !(toks[e]!.text === ':' && !inQ[e])) e++;
  if (e >= toks.length - 1 || toks[e]!.text === ':') {
    // "As one immigrant told a newspaper: \"…\"" — the colon introduces the content: treat as preposed.
    if (toks[e]?.text !== ':') return null;
    return undefined;
  }
  const from = toks[e + 1]!;
  let end = contentEnd(text, from.start, unit.end);
  let toNext = false;
  if (end > from.start && text[end] === ':' && next) {
    toNext = true;
  }
  if (toNext && next) end = contentEnd(text, next.start, next.end);
  return { source, cue, content: { start: from.start, end }, shape: 'as_clause', family: verb.family, quoted: OPENS_WITH_QUOTE.test(text.slice(from.start, end)), negated, object: null, reason: `rule: "as SOURCE ${t.text}, CONTENT"` };
}

/** Past a date or time phrase after the cue at k: "said on June 25 that", "said Tuesday that". */
function skipTime(toks: Token[], k: number): number {
  if (toks[k]?.lower === 'on' || toks[k]?.lower === 'in' || toks[k]?.lower === 'last' || toks[k]?.lower === 'earlier') {
    let j = k + 1;
    while (j < toks.length && j < k + 5 && (toks[j]!.isNumber || TIME_WORDS.has(toks[j]!.lower) || MONTH_PREFIX.test(toks[j]!.lower) && toks[j]!.cap)) j++;
    if (j > k + 1 && (toks[j]?.lower === 'that' || toks[j]?.text === ',' || toks[j]?.text === ':')) return j;
  } else if (TIME_WORDS.has(toks[k]?.lower ?? '') && (toks[k + 1]?.lower === 'that' || toks[k + 1]?.text === ',')) return k + 1;
  return k;
}

/** The token after the cue where the content (or its "that", comma or colon) is: past a time phrase and an addressee. */
function contentIndex(c: CueCtx): number {
  const { toks, verb, ce } = c;
  let k = skipTime(toks, ce + 1);
  if (verb.addressee) {
    // Skip the addressee: "told reporters", "told a newspaper", "told The Post".
    let j = k;
    while (j < toks.length && j < k + 6 && toks[j]!.isWord && toks[j]!.lower !== 'that' && !PRONOUN_SOURCES.has(toks[j]!.lower) && !CUE_FORMS.has(toks[j]!.lower)) j++;
    if (j > k && j < toks.length) {
      const n = toks[j]!;
      if (n.lower === 'that' || n.text === ',' || n.text === ':' || isOpenQ(n) || PRONOUN_SOURCES.has(n.lower) || n.lower === 'whether' || n.lower === 'to') k = j;
    }
    k = skipTime(toks, k);
  }
  return k;
}

/** The first token of a preposed content, `n` (at k) being the token after the cue; null when none is acceptable. */
function contentStart(c: CueCtx, k: number, n: Token): Token | null {
  const { toks, t, verb } = c;
  let start: Token;
  if (n.lower === 'that' || n.lower === 'whether' || n.lower === 'if' || n.lower === 'how' || n.lower === 'why' || n.lower === 'what') start = n;
  else if (n.text === ',' || n.text === ':') {
    const m = toks[k + 1];
    if (!m) return null;
    start = m;
  } else if (isOpenQ(n)) start = n;
  else if (verb.needsComplement) {
    // A bare clause is accepted after a few verbs of saying/belief: "said he would", "believes the vote".
    if (!(verb.family === 'speech' || verb.family === 'cognition' || verb.family === 'report') || !startsClause(toks, k)) return null;
    start = n;
  } else {
    if (verb.family === 'accusation' || verb.family === 'denial') start = n;
    else if (!startsClause(toks, k) && !SAY_OR_TELL.test(t.lower)) return null;
    else start = n;
  }
  if (verb.family === 'speech' && SAY_FORMS.test(t.lower) && !(start.lower === 'that' || isOpenQ(start) || n.text === ',' || n.text === ':' || startsClause(toks, toks.indexOf(start)))) return null;
  return start;
}

/** Words that start a noun phrase as a clause's subject: "the attack was …", "there is …". */
const SUBJECT_DETERMINER = /^(?:the|a|an|there|this|these|those|his|her|its|their|our|my|some|many|no|all|most)$/;
/** A finite verb soon after such a determiner makes a clause: "the vote would …", "many do …". */
const FINITE_AFTER_DETERMINER = /^(?:is|was|were|are|would|will|could|can|should|may|might|must|has|had|have|did|does|do)$/;
/** A finite verb soon after a capitalised name makes a clause: "Russia would …" (the list above less "do"). */
const FINITE_AFTER_NAME = /^(?:is|was|were|are|would|will|could|can|should|may|might|must|has|had|have|did|does)$/;

/** Does a clause plausibly start at token k ("he would …", "the attack was …")? */
function startsClause(toks: Token[], k: number): boolean {
  const t = toks[k];
  if (!t) return false;
  if (PRONOUN_SOURCES.has(t.lower) && t.lower !== 'who' && t.lower !== 'which') return true;
  if (SUBJECT_DETERMINER.test(t.lower)) {
    // Need a finite verb soon after: is/was/would/will/has/had/-ed.
    for (let j = k + 1; j < Math.min(toks.length, k + 9); j++) {
      const l = toks[j]!.lower;
      if (FINITE_AFTER_DETERMINER.test(l)) return true;
      if (!toks[j]!.isWord) return false;
    }
    return false;
  }
  if (t.cap && !t.allCaps) {
    for (let j = k + 1; j < Math.min(toks.length, k + 6); j++) {
      const l = toks[j]!.lower;
      if (FINITE_AFTER_NAME.test(l)) return true;
      if (!toks[j]!.isWord && toks[j]!.text !== '.' && toks[j]!.text !== "'s") return false;
    }
  }
  return false;
}

function closingQuoteIndex(toks: Token[], openIdx: number): number {
  const o = toks[openIdx]!.text;
  for (let j = openIdx + 1; j < toks.length; j++) {
    const c = toks[j]!.text;
    if (o === '“' && c === '”') return j;
    if (o === '"' && c === '"') return j;
    if (o === '‘' && c === '’' && (j + 1 >= toks.length || !toks[j + 1]!.isWord)) return j;
  }
  return -1;
}

interface SourceNP {
  span: Span;
  /** The source sits in an "As X said, …" clause. */
  asClause: boolean;
}

/** Time words that can sit between a source and its cue: "Trump on Tuesday said", "Reeves late Thursday night issued". */
const TIME_BETWEEN = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|night|morning|evening|afternoon|week)$/;
/** Punctuation inside a name before an appositive: "Robert F. Smith", "O’Brien", "(ret.)", "Smith & Co", "ministry's". */
const NAME_PUNCT = /^[.'’()&-]$|^'s$|^’s$/;
/** An appositive never starts with these: ", who said", ", and he said". */
const NOT_APPOSITIVE_HEAD = /^(?:who|which|that|and|but|he|she|they|it|we|i)$/;
/** A source never ends in a determiner or a word of degree: "the said", "very said". */
const NOT_SOURCE_END = /^(?:the|a|an|his|her|their|its|our|my|your|some|any|every|each|very|more|most|also|just|it)$/;

/** The noun phrase before the cue (tokens before index `cs`), or null. */
function sourceBefore(text: string, toks: Token[], cs: number, inQ: boolean[]): SourceNP | null {
  let j = cs - 1;
  if (j < 0 || inQ[j]) return null;
  // Time phrases between source and cue: "Trump on Tuesday said", "Reeves late Thursday night issued".
  let skip = j;
  while (skip >= 0 && TIME_WORDS.has(toks[skip]!.lower) && toks[skip]!.lower !== 'this') skip--;
  if (skip < j && skip >= 0 && toks[skip]!.isWord && TIME_BETWEEN.test(toks[j]!.lower)) j = skip;
  const first = toks[j]!;
  if (PRONOUN_SOURCES.has(first.lower)) {
    if (first.lower === 'that' && !(toks[j - 1] && toks[j - 1]!.isWord)) return null;
    if (first.lower === 'it' && (toks[j + 1]?.lower === 'is' || toks[j + 1]?.lower === 'was')) return null;
    const asClause = toks[j - 1]?.lower === 'as' && (j - 1 === 0 || isPunct(toks[j - 2]));
    return { span: { start: first.start, end: first.end }, asClause };
  }
  let appositiveEnd: number | null = null;
  if (first.text === ',') {
    // "Robert Smith, a spokesman for the ministry, said"
    let k = j - 1;
    while (k >= 0 && j - k < 16 && toks[k]!.text !== ',' && !inQ[k] && (toks[k]!.isWord || toks[k]!.isNumber || NAME_PUNCT.test(toks[k]!.text))) k--;
    if (k > 0 && toks[k]!.text === ',' && k < j - 1) {
      const head = npBackward(toks, k - 1, inQ);
      if (head !== null && head < k) {
        const appHead = toks[k + 1]!.lower;
        if (!NOT_APPOSITIVE_HEAD.test(appHead)) {
          appositiveEnd = first.end;
          const s0 = trimLeading(toks, head, k - 1);
          if (s0 <= k - 1) return { span: { start: toks[s0]!.start, end: appositiveEnd }, asClause: isAs(toks, s0) };
        }
      }
    }
    return null;
  }
  let start = npBackward(toks, j, inQ);
  if (start === null) return null;
  // A relative clause between the head and the cue: "one immigrant who was beaten up told".
  for (let r = start - 1; r >= Math.max(0, start - 6); r--) {
    if (inQ[r] || toks[r]!.text === ',' || !toks[r]!.isWord && !toks[r]!.isNumber) break;
    if (toks[r]!.lower === 'who' || toks[r]!.lower === 'whose') {
      const head = npBackward(toks, r - 1, inQ);
      if (head !== null) start = head;
      break;
    }
  }
  const s0 = trimLeading(toks, start, j);
  if (s0 > j) return null;
  // The NP must end in a noun-like word, not a determiner or adjective of degree.
  const last = toks[j]!;
  if (NOT_SOURCE_END.test(last.lower)) return null;
  if (!last.isWord && !last.isNumber && last.text !== ')' && last.text !== '.' && last.text !== '*' && last.text !== '’s' && last.text !== "'s") return null;
  return { span: { start: toks[s0]!.start, end: toks[j]!.end }, asClause: isAs(toks, s0) };
}

function isAs(toks: Token[], s0: number): boolean {
  return toks[s0 - 1]?.lower === 'as' && (s0 - 1 === 0 || isPunct(toks[s0 - 2]) || LEADING_CONNECTIVES.has(toks[s0 - 2]!.lower));
}

function trimLeading(toks: Token[], start: number, end: number): number {
  let s = start;
  while (s <= end && (LEADING_CONNECTIVES.has(toks[s]!.lower) || toks[s]!.text === '*' || toks[s]!.text === '(')) s++;
  return s;
}

/** A lower-case "-ing" word ends a noun phrase going back: "condemning the riot, X said" is no source. */
const ING_END = /(?:ing)$/;
/** Punctuation a noun phrase may hold: "U.S.", "O’Brien", "*", "AT&T", "al-Qaeda", "ministry's", "(IS)". */
const NP_PUNCT = /^(?:[.'’*&-]|'s|’s|\(|\))$/;

/** Scan back from j over noun-phrase tokens; returns the first index, or null when none. */
function npBackward(toks: Token[], j: number, inQ: boolean[]): number | null {
  let k = j;
  let n = 0;
  while (k >= 0 && n < 12 && !inQ[k]) {
    const t = toks[k]!;
    const l = t.lower;
    if (t.isWord || t.isNumber) {
      if (SOURCE_STOP.has(l) && !(t.cap && k > 0 && !isPunct(toks[k - 1]))) break;
      if (l === 'and' || l === '&') {
        // "Sens. Rand Paul and Marco Rubio": only between capitalised names
        if (!(toks[k - 1]?.cap && toks[k + 1]?.cap)) break;
      }
      if (l === 'of' || l === 'for' || l === 'at') {
        if (!(toks[k + 1]?.cap || toks[k + 1]?.lower === 'the')) break;
      }
      if (CUE_FORMS.has(l) && k !== j) break;
      if (ING_END.test(l) && !t.cap && l.length > 5 && l !== 'according') break;
    } else if (!NP_PUNCT.test(t.text)) break;
    else if (t.text === '.' && !(toks[k - 1]?.isWord && toks[k - 1]!.text.length <= 4 && toks[k - 1]!.cap)) break;
    k--;
    n++;
  }
  if (k === j) return null;
  return k + 1;
}

/** Punctuation a source after its cue may hold: "said Robert F. Smith", "O’Brien", "AT&T", "(R-Ky.)", "the ministry's". */
const SOURCE_PUNCT = /^(?:[.'’&()-]|'s|’s)$/;
/** A trailing clause, not an appositive, after "said X,": ", who …", ", adding …", ", in a statement". */
const NOT_APPOSITIVE_AFTER = /^(?:who|which|adding|saying|according|in|on|and|but|as|because|when)$/;

/** CONTENT [,"] SOURCE CUE .  |  CONTENT [,"] CUE SOURCE . */
/** Tokens a postposed source may span before its cue ("…," SOURCE CUE). */
const POSTPOSED_SOURCE_MAX = 8;

function postposed(text: string, toks: Token[], inQ: boolean[], cs: number, ce: number, unit: Span): Omit<Attribution, 'cue' | 'family' | 'negated' | 'object' | 'reason'> | null {
  // Rest after the cue must be short: end of sentence, a time phrase, an addressee, or ", adding/… ".
  const restOk = (from: number): number | null => {
    let k = from;
    while (k < toks.length && k < from + 8 && toks[k]!.text !== ',' && toks[k]!.text !== '.' && toks[k]!.text !== ';' && !isOpenQ(toks[k]) && !(toks[k]!.text === ':')) {
      if (toks[k]!.lower === 'that') return null;
      k++;
    }
    if (k >= toks.length || toks[k]!.text === '.' || toks[k]!.text === ',' || toks[k]!.text === ';' || isOpenQ(toks[k]) || toks[k]!.text === ':') return k;
    return null;
  };
  // Case 1: "…," SOURCE CUE
  const before = cs - 1;
  if (before >= 1) {
    // find the boundary: last ',' or closing quote before the cue, outside quotes. The source must
    // start right after it and be at most POSTPOSED_SOURCE_MAX tokens long, so a boundary further back
    // can never match: the walk stops there (it went back to the unit's start for every cue, quadratic
    // in a unit of thousands of `"said"`s).
    let b = before;
    const farthest = cs - POSTPOSED_SOURCE_MAX - 1;
    while (b >= 0 && b >= farthest && !(toks[b]!.text === ',' && !inQ[b]) && !(isCloseQ(toks[b]) && !inQ[b] && (toks[b - 1]?.text === ',' || toks[b - 1]?.text === '?' || toks[b - 1]?.text === '!' || toks[b - 1]?.text === '.'))) b--;
    if (b >= 1 && b < cs - 1) {
      const srcStart = npBackward(toks, cs - 1, inQ);
      if (srcStart !== null && srcStart === b + 1 && cs - srcStart <= POSTPOSED_SOURCE_MAX && restOk(ce + 1) !== null) {
        const content = postContent(text, toks, b);
        if (content) return { source: { start: toks[srcStart]!.start, end: toks[cs - 1]!.end }, content: content.span, shape: 'postposed', quoted: content.quoted };
      }
    }
    // Case 2: "…," CUE SOURCE
    if ((toks[before]!.text === ',' || (isCloseQ(toks[before]) && toks[before - 1]?.text === ',')) && !inQ[before]) {
      let k = ce + 1;
      const s = k;
      while (k < toks.length && k < s + 14 && (toks[k]!.isWord || SOURCE_PUNCT.test(toks[k]!.text)) && !(toks[k]!.text === '.' && !(toks[k - 1]?.cap && toks[k - 1]!.text.length <= 4 && toks[k + 1]?.cap))) {
        if (toks[k]!.lower === 'that' || (CUE_FORMS.has(toks[k]!.lower) && k > s)) break;
        k++;
      }
      if (k > s && (k >= toks.length || toks[k]!.text === '.' || toks[k]!.text === ',' || toks[k]!.text === ';')) {
        let srcEnd = k - 1;
        // appositive to the sentence end: "said Jane Doe, legal director for the group."
        if (toks[k]?.text === ',') {
          let a = k + 1;
          while (a < toks.length && toks[a]!.text !== ',' && toks[a]!.text !== '.' && toks[a]!.text !== ';') a++;
          const head = toks[k + 1]?.lower ?? '';
          if (a > k + 1 && a >= toks.length - 1 && !NOT_APPOSITIVE_AFTER.test(head)) srcEnd = a - 1;
        }
        const b2 = toks[before]!.text === ',' ? before : before;
        const content = postContent(text, toks, b2);
        if (content) return { source: { start: toks[s]!.start, end: toks[srcEnd]!.end }, content: content.span, shape: 'postposed', quoted: content.quoted };
      }
    }
  }
  return null;
}

/** Content of a postposed attribution: from the unit start (or the opening quote) to the boundary token b. */
function postContent(text: string, toks: Token[], b: number): { span: Span; quoted: boolean } | null {
  const bt = toks[b]!;
  let first = 0;
  // skip a leading connective/intro ("But", "Meanwhile,") only when outside quotes
  if (isCloseQ(bt)) {
    // find the matching opening quote
    let o = b - 1;
    while (o >= 0 && !isOpenQ(toks[o]) || (o >= 0 && toks[o]!.text === '"' && o === b)) o--;
    if (o < 0) o = 0;
    first = o;
    return { span: { start: toks[first]!.start, end: bt.end }, quoted: true };
  }
  if (b - first < 3) return null;
  const startTok = toks[first]!;
  return { span: { start: startTok.start, end: toks[b - 1]!.end }, quoted: isOpenQ(startTok) };
}

/** An article starts an appositive after "according to X,": "…, an advocacy group." */
const ARTICLE = /^(?:a|an|the)$/;

function accordingTo(text: string, toks: Token[], i: number, unit: Span): Attribution | null {
  const cue: Span = { start: toks[i]!.start, end: toks[i + 1]!.end };
  let k = i + 2;
  const s = k;
  while (k < toks.length && toks[k]!.text !== ',' && toks[k]!.text !== ';' && !(toks[k]!.text === '.' && !(toks[k - 1]?.cap && toks[k - 1]!.text.length <= 4 && toks[k + 1]?.cap)) && k < s + 14) k++;
  if (k === s) return null;
  let srcEnd = k - 1;
  if (toks[k]?.text === ',' && i > 0) {
    // trailing appositive: "according to the Human Rights Campaign, an advocacy group."
    let a = k + 1;
    while (a < toks.length && toks[a]!.text !== ',' && toks[a]!.text !== '.' && toks[a]!.text !== ';') a++;
    if (a >= toks.length - 1 && ARTICLE.test(toks[k + 1]?.lower ?? '')) srcEnd = a - 1;
  }
  const source: Span = { start: toks[s]!.start, end: toks[srcEnd]!.end };
  const lead = i === 0 || (i <= 2 && toks.slice(0, i).every((t) => LEADING_CONNECTIVES.has(t.lower) || t.text === ','));
  if (lead) {
    if (toks[k]?.text !== ',') return null;
    const from = toks[k + 1];
    if (!from) return null;
    return { source, cue, content: { start: from.start, end: contentEnd(text, from.start, unit.end) }, shape: 'according_to', family: 'according', quoted: false, negated: false, object: null, reason: 'rule: "According to SOURCE, CONTENT"' };
  }
  const b = toks[i - 1]!.text === ',' ? i - 1 : i;
  if (b < 2) return null;
  let first = 0;
  while (first < b && LEADING_CONNECTIVES.has(toks[first]!.lower) && toks[first + 1]?.text === ',') first += 2;
  return { source, cue, content: { start: toks[first]!.start, end: toks[b - 1]!.end }, shape: 'according_to', family: 'according', quoted: false, negated: false, object: null, reason: 'rule: "CONTENT, according to SOURCE"' };
}

function wordsOf(text: string, toks: Token[], i: number, unit: Span, next: Span | null, paras: ParagraphBreaks): Attribution | null {
  let k = i + 2;
  const s = k;
  while (k < toks.length && toks[k]!.text !== ',' && toks[k]!.text !== ':' && k < s + 8) k++;
  if (k === s) return null;
  const source: Span = { start: toks[s]!.start, end: toks[k - 1]!.end };
  const cue: Span = { start: toks[i - 2]!.start, end: toks[i + 1]!.end };
  const rest = toks[k + 1];
  let content: Span | null = null;
  if (rest) content = { start: rest.start, end: contentEnd(text, rest.start, unit.end) };
  else if (next) content = paragraphAt(text, next.start, paras);
  if (!content) return null;
  return { source, cue, content, shape: 'words_of', family: 'speech', quoted: true, negated: false, object: null, reason: 'rule: "In the words of SOURCE," introducing a quotation' };
}

/**
 * A quotation in the unit after a postposed quote attribution, with no
 * attribution of its own, continues it: "\"…,\" he said. \"…\"" — the
 * content is extended to the end of the second quotation.
 */
function continueQuotes(text: string, units: readonly Span[], out: Attribution[]): void {
  const byEnd = new Map<number, Attribution>();
  for (const a of out) if (a.quoted && (a.shape === 'postposed')) byEnd.set(a.cue.end, a);
  if (!byEnd.size) return;
  const starts = new Set(out.map((a) => a.content.start));
  // Looked up, not scanned, per unit: cues by span, and the postposed quotations by where their cue ends.
  const cues = spanIndex(out.map((a) => a.cue));
  const postposed = spanIndex([...byEnd].map(([end, a]) => ({ start: end, end, a })));
  for (let u = 0; u + 1 < units.length; u++) {
    const unit = units[u]!;
    const nx = units[u + 1]!;
    const between = text.slice(unit.end, nx.start);
    if (LINE_BREAK.test(between)) continue;
    const body = text.slice(nx.start, nx.end).trim();
    if (!OPENS_WITH_QUOTE.test(body) || !CLOSES_WITH_QUOTE.test(body)) continue;
    if (starts.has(nx.start)) continue;
    if (cues.inside(nx).length) continue;
    const a = postposed.startingIn(unit.start + 1, unit.end)[0]?.a;
    if (a) {
      a.content = { start: a.content.start, end: nx.end };
      a.reason += '; continued by the next quotation';
    }
  }
}
