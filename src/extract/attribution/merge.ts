/**
 * Rules + learned model. The rules run first; the learned taggers then tag
 * every unit (with the rules' spans among their features) and their
 * relations are combined with the rules' according to the mode:
 * - 'model' (default): the model's relations replace the rules' in units
 *   where the model found a cue overlapping a rule cue; when the two cues are
 *   the same span the rule's content is kept (its clause ends are more
 *   precise). Rule relations whose cue the model did not find are kept (they
 *   span paragraphs or quotations the per-unit model cannot see).
 * - 'union': every rule relation is kept as it is; a model relation is added
 *   when its cue overlaps no rule cue.
 * A model relation's content is the learned content tagger's span, or when
 * it found none, one built by rule from the cue and source (ruleContent).
 */
import type { Span } from '../../model/index.js';
import { tokenize, type Token } from '../../nlp/tokens.js';
import type { Attribution } from './index.js';
import { insideQuote } from './index.js';
import { CUE_FORMS, NEGATORS } from './lexicon.js';
import { cueContext, encodeUnit, relate, spansOf, tagArgs, tagCues, type AttributionModel, type LearnedRelation } from './learned.js';

export type MergeMode = 'union' | 'model';
/** The mode used when findAttributions is given none (a context's attribution options may give another). */
export const DEFAULT_MERGE_MODE: MergeMode = 'model';

export interface UnitSpans {
  cue: Span[];
  source: Span[];
  content: Span[];
}

/** The rule spans touching [start, end). */
export function ruleSpansIn(rules: readonly Attribution[], start: number, end: number): UnitSpans {
  const r: UnitSpans = { cue: [], source: [], content: [] };
  for (const a of rules) {
    if (a.cue.start >= start && a.cue.end <= end) r.cue.push(a.cue);
    if (a.source && a.source.start < end && a.source.end > start) r.source.push(a.source);
    if (a.content.start < end && a.content.end > start) r.content.push(a.content);
  }
  return r;
}

/** Learned relations of one unit (token ranges). */
export function learnedInUnit(model: AttributionModel, toks: Token[], rule: UnitSpans): LearnedRelation[] {
  if (!toks.length) return [];
  const d = encodeUnit(toks, insideQuote(toks), rule);
  const C = new Uint8Array(d.n);
  if (!tagCues(model.cue, d, C)) return [];
  const ctx = cueContext(d, C);
  const S = new Uint8Array(d.n);
  tagArgs(model.source, 0, d, C, ctx, null, S);
  const T = new Uint8Array(d.n);
  tagArgs(model.content, 1, d, C, ctx, S, T);
  return relate(spansOf(C, d.n), spansOf(S, d.n), spansOf(T, d.n));
}

function familyOf(toks: Token[], a: number, b: number): Attribution['family'] {
  for (let i = b; i >= a; i--) {
    const v = CUE_FORMS.get(toks[i]!.lower);
    if (v) return v.family;
    if (toks[i]!.lower === 'according') return 'according';
  }
  return 'other';
}

const isQ = (t: Token | undefined): boolean => !!t && (t.text === '"' || t.text === '“' || t.text === '”');
const isEnd = (t: Token | undefined): boolean => !!t && (t.text === '.' || t.text === '?' || t.text === '!' || t.text === ';' || t.text === ':');

/**
 * Content of a model cue, by rule: the rest of the unit after the cue (and
 * after a postposed source), or, when nothing follows, the unit before the
 * source/cue up to the comma or closing quote that ends the content. Used
 * only when the learned content tagger found no content for the cue (with
 * Viterbi decoding its spans beat these on PolNeAR held-out train articles).
 */
function ruleContent(toks: Token[], r: LearnedRelation): [number, number] | null {
  const n = toks.length;
  let after = r.cue[1] + 1;
  if (r.source && r.source[0] === after) after = r.source[1] + 1;
  let last = n - 1;
  while (last >= after && (isEnd(toks[last]) || (toks[last]!.text === ',' ))) last--;
  const before = Math.min(r.cue[0], r.source && r.source[1] < r.cue[0] ? r.source[0] : r.cue[0]);
  if (last - after >= 1 && !(toks[after]?.text === ',' && before > 2)) {
    let a = after;
    if (toks[a]!.text === ',' || toks[a]!.text === ':') a++;
    if (a <= last) return [a, last];
  }
  // postposed: content before
  let e = before - 1;
  if (e >= 0 && toks[e]!.text === ',') e--;
  else if (e >= 1 && isQ(toks[e]) && toks[e - 1]!.text === ',') {
    // ,” — keep the quote, drop the comma? PolNeAR keeps both inside the quotation
  }
  if (e < 1) return null;
  return [0, e];
}

function toAttribution(text: string, toks: Token[], r: LearnedRelation): Attribution | null {
  const sp = (x: [number, number]): Span => ({ start: toks[x[0]]!.start, end: toks[x[1]]!.end });
  const cue = sp(r.cue);
  const cr = r.content ?? ruleContent(toks, r);
  if (!cr) return null;
  const content = sp(cr);
  const source = r.source ? sp(r.source) : null;
  let negated = false;
  for (let i = r.cue[0]; i <= r.cue[1]; i++) if (NEGATORS.has(toks[i]!.lower) || toks[i]!.lower.endsWith("n't")) negated = true;
  const c0 = text[content.start];
  return {
    source, cue, content,
    shape: source && source.start > cue.start ? 'postposed' : 'preposed',
    family: familyOf(toks, r.cue[0], r.cue[1]),
    quoted: c0 === '"' || c0 === '“',
    negated, object: null,
    reason: `model: cue "${text.slice(cue.start, cue.end)}" (learned tagger, PolNeAR train)`,
  };
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

export function mergeLearned(text: string, units: readonly Span[], rules: Attribution[], model: AttributionModel, mode: MergeMode): Attribution[] {
  const out: Attribution[] = [];
  const replaced = new Set<Attribution>();
  for (const u of units) {
    const toks = tokenize(text, u.start, u.end);
    const inUnit = rules.filter((a) => a.cue.start >= u.start && a.cue.end <= u.end);
    const rel = learnedInUnit(model, toks, ruleSpansIn(rules, u.start, u.end));
    for (const r of rel) {
      const a = toAttribution(text, toks, r);
      if (!a) continue;
      const hit = inUnit.filter((x) => overlaps(x.cue, a.cue));
      if (hit.length) {
        if (mode === 'union') continue;
        for (const h of hit) replaced.add(h);
        // Same cue as a rule relation: the rule's content (its clause ends are more precise).
        const same = hit.find((h) => h.cue.start === a.cue.start && h.cue.end === a.cue.end);
        if (same) {
          a.content = same.content;
          a.quoted = same.quoted;
        }
      }
      out.push(a);
    }
  }
  for (const a of rules) if (!replaced.has(a)) out.push(a);
  out.sort((x, y) => x.cue.start - y.cue.start);
  return out;
}
