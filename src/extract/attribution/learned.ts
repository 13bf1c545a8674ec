/**
 * The learned part of the attribution finder: three greedy BIO taggers
 * (cue, then source, then content), each a hashed averaged perceptron
 * (src/learn/attribution-perceptron.ts) trained on PolNeAR train/ only
 * (scripts/train-attribution.ts). The rules' own spans are features, so the
 * model learns where to trust them and where PolNeAR annotates more (verbs
 * like "endorses", "wants", nominal cues, long content clauses).
 *
 * Work per token: a handful of integer hashes and array reads per pass; no
 * strings are built. Units (sentences merged across quotations) are tagged
 * one at a time; the source and content passes run only on units where the
 * cue pass found a cue.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HashedPerceptron, type SavedHashedPerceptron } from '../../learn/attribution-perceptron.js';
import type { Span } from '../../model/index.js';
import type { Token } from '../../nlp/tokens.js';
import { CUE_FORMS } from './lexicon.js';

export const LEARNED_FEATURES = 'attr-v1';
export const BITS = 20;
const MASK = (1 << BITS) - 1;
export const O = 0;
export const B = 1;
export const I = 2;
/** Allowed labels after a previous label: I only after B or I. */
const ALLOW_AFTER_O = (1 << O) | (1 << B);
const ALLOW_ALL = 7;

export interface AttributionModel {
  cue: HashedPerceptron;
  source: HashedPerceptron;
  content: HashedPerceptron;
}

export interface SavedAttributionModel {
  features: string;
  cue: SavedHashedPerceptron;
  source: SavedHashedPerceptron;
  content: SavedHashedPerceptron;
}

function defaultModelPath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = resolve(dir, 'models', 'attribution.json');
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return null;
}

let loaded: AttributionModel | null | undefined;

export function modelFromJSON(s: SavedAttributionModel): AttributionModel | null {
  if (s.features !== LEARNED_FEATURES) return null;
  return { cue: HashedPerceptron.fromJSON(s.cue), source: HashedPerceptron.fromJSON(s.source), content: HashedPerceptron.fromJSON(s.content) };
}

/** models/attribution.json, loaded once on first use; null when missing (rules only). */
export function attributionModel(): AttributionModel | null {
  if (loaded === undefined) {
    const p = defaultModelPath();
    try {
      loaded = p ? modelFromJSON(JSON.parse(readFileSync(p, 'utf8')) as SavedAttributionModel) : null;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

/** Use this model (or none) instead of models/attribution.json; for training and tests. */
export function setAttributionModel(m: AttributionModel | null | undefined): void {
  loaded = m;
}

// ---------------------------------------------------------------- hashing

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const f1 = (t: number, a: number): number => mix(t, a) & MASK;
const f2 = (t: number, a: number, b: number): number => mix(mix(t, a), b) & MASK;
const f3 = (t: number, a: number, b: number, c: number): number => mix(mix(mix(t, a), b), c) & MASK;

const wordCache = new Map<string, number>();
function wordHash(s: string): number {
  let h = wordCache.get(s);
  if (h === undefined) {
    h = fnv(s);
    if (wordCache.size < 200000) wordCache.set(s, h);
  }
  return h;
}

/** Rough shape class: 0 lower word, 1 capitalised, 2 all caps, 3 number, 4 comma, 5 period/?/!, 6 quote, 7 colon/semicolon, 8 other punct, 9 boundary. */
function shapeOf(t: Token): number {
  if (t.isNumber) return 3;
  if (t.isWord) return t.allCaps ? 2 : t.cap ? 1 : 0;
  const c = t.text;
  if (c === ',') return 4;
  if (c === '.' || c === '?' || c === '!') return 5;
  if (c === '"' || c === '“' || c === '”' || c === '‘' || c === '’' || c === "'") return 6;
  if (c === ':' || c === ';') return 7;
  return 8;
}

// ---------------------------------------------------------------- unit encoding

/** Per-token integer attributes of one unit. */
export interface UnitData {
  toks: Token[];
  n: number;
  W: Uint32Array;
  S: Uint32Array;
  SH: Uint8Array;
  Q: Uint8Array;
  LEX: Uint8Array;
  /** Rule tags per role (O/B/I). */
  RC: Uint8Array;
  RS: Uint8Array;
  RT: Uint8Array;
}

const BOUND_W = fnv('<b>');

export function encodeUnit(toks: Token[], inQ: boolean[], rule: { cue: Span[]; source: Span[]; content: Span[] }): UnitData {
  const n = toks.length;
  const d: UnitData = {
    toks, n, W: new Uint32Array(n), S: new Uint32Array(n), SH: new Uint8Array(n), Q: new Uint8Array(n), LEX: new Uint8Array(n),
    RC: new Uint8Array(n), RS: new Uint8Array(n), RT: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    d.W[i] = wordHash(t.lower);
    d.S[i] = t.lower.length > 3 ? wordHash(`~${t.lower.slice(-3)}`) : d.W[i]!;
    d.SH[i] = shapeOf(t);
    d.Q[i] = inQ[i] ? 1 : 0;
    const v = CUE_FORMS.get(t.lower);
    d.LEX[i] = v ? 1 + FAMILIES.indexOf(v.family) : 0;
  }
  tagSpans(toks, rule.cue, d.RC);
  tagSpans(toks, rule.source, d.RS);
  tagSpans(toks, rule.content, d.RT);
  return d;
}

const FAMILIES = ['speech', 'report', 'cognition', 'evaluation', 'accusation', 'denial', 'evidence'];

/** Write B/I into `out` for tokens inside spans (first span wins on overlap). Returns spans that fit no token. */
export function tagSpans(toks: Token[], spans: readonly Span[], out: Uint8Array): number {
  let missed = 0;
  for (const s of spans) {
    let first = -1;
    let last = -1;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.start >= s.start && t.end <= s.end) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first < 0) {
      missed++;
      continue;
    }
    let clash = false;
    for (let i = first; i <= last; i++) if (out[i]) clash = true;
    if (clash) continue;
    out[first] = B;
    for (let i = first + 1; i <= last; i++) out[i] = I;
  }
  return missed;
}

const wAt = (d: UnitData, i: number): number => (i >= 0 && i < d.n ? d.W[i]! : BOUND_W);
const shAt = (d: UnitData, i: number): number => (i >= 0 && i < d.n ? d.SH[i]! : 9);

function bucket(x: number): number {
  if (x <= 0) return 0;
  if (x <= 4) return x;
  if (x <= 6) return 5;
  if (x <= 10) return 6;
  if (x <= 20) return 7;
  return 8;
}

// ---------------------------------------------------------------- features

export const MAXF = 40;

/** Cue pass features of token i given the previous label. */
export function cueFeatures(d: UnitData, i: number, prev: number, f: Uint32Array): number {
  let k = 0;
  const w = d.W[i]!;
  const wp = wAt(d, i - 1);
  const wn = wAt(d, i + 1);
  f[k++] = f1(1, 0);
  f[k++] = f1(2, w);
  f[k++] = f1(3, wp);
  f[k++] = f1(4, wn);
  f[k++] = f1(5, wAt(d, i - 2));
  f[k++] = f1(6, wAt(d, i + 2));
  f[k++] = f2(7, wp, w);
  f[k++] = f2(8, w, wn);
  f[k++] = f1(9, d.S[i]!);
  f[k++] = f3(10, d.SH[i]!, shAt(d, i - 1), shAt(d, i + 1));
  f[k++] = f2(11, d.Q[i]!, d.SH[i]!);
  f[k++] = f1(12, d.RC[i]!);
  f[k++] = f2(13, d.RC[i]!, w);
  f[k++] = f1(14, prev);
  f[k++] = f2(15, prev, w);
  f[k++] = f2(16, prev, wp);
  f[k++] = f2(17, d.LEX[i]!, d.Q[i]!);
  f[k++] = f2(18, d.RS[i]!, d.RT[i]!);
  f[k++] = f2(19, i === 0 ? 1 : 0, d.SH[i]!);
  f[k++] = f3(20, prev, d.RC[i]!, d.LEX[i]!);
  f[k++] = f3(21, wn, wAt(d, i + 2), prev);
  return k;
}

/** Nearest predicted cue token to the left/right of each token, with distances. */
export interface CueContext {
  /** Distance to the nearest cue token on the left (0 = none), index of that token. */
  dl: Int32Array;
  il: Int32Array;
  dr: Int32Array;
  ir: Int32Array;
  /** Commas/quotes between the token and the nearest right cue (capped at 2). */
  pr: Uint8Array;
  pl: Uint8Array;
}

export function cueContext(d: UnitData, C: Uint8Array): CueContext {
  const n = d.n;
  const ctx: CueContext = { dl: new Int32Array(n), il: new Int32Array(n).fill(-1), dr: new Int32Array(n), ir: new Int32Array(n).fill(-1), pr: new Uint8Array(n), pl: new Uint8Array(n) };
  let last = -1;
  let punct = 0;
  for (let i = 0; i < n; i++) {
    if (last >= 0) {
      ctx.dl[i] = i - last;
      ctx.il[i] = last;
      ctx.pl[i] = punct > 2 ? 2 : punct;
    }
    if (C[i]) {
      last = i;
      punct = 0;
    } else if (d.SH[i] === 4 || d.SH[i] === 6 || d.SH[i] === 7) punct++;
  }
  last = -1;
  punct = 0;
  for (let i = n - 1; i >= 0; i--) {
    if (last >= 0) {
      ctx.dr[i] = last - i;
      ctx.ir[i] = last;
      ctx.pr[i] = punct > 2 ? 2 : punct;
    }
    if (C[i]) {
      last = i;
      punct = 0;
    } else if (d.SH[i] === 4 || d.SH[i] === 6 || d.SH[i] === 7) punct++;
  }
  return ctx;
}

/** Source (role 0) and content (role 1) pass features. `other` is the source tags when tagging content. */
export function argFeatures(role: number, d: UnitData, C: Uint8Array, ctx: CueContext, other: Uint8Array | null, i: number, prev: number, f: Uint32Array): number {
  let k = 0;
  const base = role * 100;
  const w = d.W[i]!;
  const bl = bucket(ctx.dl[i]!);
  const br = bucket(ctx.dr[i]!);
  const cwl = ctx.il[i]! >= 0 ? d.W[ctx.il[i]!]! : BOUND_W;
  const cwr = ctx.ir[i]! >= 0 ? d.W[ctx.ir[i]!]! : BOUND_W;
  const R = role === 0 ? d.RS : d.RT;
  f[k++] = f1(base + 1, 0);
  f[k++] = f1(base + 2, w);
  f[k++] = f1(base + 3, wAt(d, i - 1));
  f[k++] = f1(base + 4, wAt(d, i + 1));
  f[k++] = f1(base + 5, d.S[i]!);
  f[k++] = f3(base + 6, d.SH[i]!, shAt(d, i - 1), shAt(d, i + 1));
  f[k++] = f2(base + 7, d.Q[i]!, prev);
  f[k++] = f1(base + 8, C[i]!);
  f[k++] = f2(base + 9, bl, br);
  f[k++] = f3(base + 10, bl, ctx.pl[i]!, prev);
  f[k++] = f3(base + 11, br, ctx.pr[i]!, prev);
  f[k++] = f2(base + 12, cwl, bl);
  f[k++] = f2(base + 13, cwr, br);
  f[k++] = f1(base + 14, R[i]!);
  f[k++] = f2(base + 15, R[i]!, prev);
  f[k++] = f1(base + 16, prev);
  f[k++] = f2(base + 17, prev, w);
  f[k++] = f2(base + 18, prev, d.SH[i]!);
  f[k++] = f3(base + 19, prev, d.Q[i]!, d.SH[i]!);
  f[k++] = f2(base + 20, ctx.dl[i] === 1 ? 1 : ctx.dr[i] === 1 ? 2 : 0, w);
  f[k++] = f3(base + 21, cwl, bl < 3 ? bl : 3, prev);
  f[k++] = f3(base + 22, cwr, br < 3 ? br : 3, prev);
  f[k++] = f2(base + 23, d.RC[i]!, R[i]!);
  f[k++] = f2(base + 24, i === 0 ? 1 : i === d.n - 1 ? 2 : 0, prev);
  f[k++] = f2(base + 25, wAt(d, i - 1), w);
  if (other) {
    f[k++] = f2(base + 26, other[i]!, prev);
    f[k++] = f2(base + 27, other[i]!, d.SH[i]!);
  }
  return k;
}

// ---------------------------------------------------------------- tagging

const scratch = new Float64Array(3);
const feats = new Uint32Array(MAXF);

function allowedAfter(prev: number): number {
  return prev === O ? ALLOW_AFTER_O : ALLOW_ALL;
}

export function tagCues(m: HashedPerceptron, d: UnitData, out: Uint8Array): number {
  let prev = O;
  let any = 0;
  for (let i = 0; i < d.n; i++) {
    const n = cueFeatures(d, i, prev, feats);
    const y = m.predict(feats, n, scratch, allowedAfter(prev));
    out[i] = y;
    if (y) any++;
    prev = y;
  }
  return any;
}

export function tagArgs(m: HashedPerceptron, role: number, d: UnitData, C: Uint8Array, ctx: CueContext, other: Uint8Array | null, out: Uint8Array): void {
  let prev = O;
  for (let i = 0; i < d.n; i++) {
    const n = argFeatures(role, d, C, ctx, other, i, prev, feats);
    const y = m.predict(feats, n, scratch, allowedAfter(prev));
    out[i] = y;
    prev = y;
  }
}

/** Training: one greedy pass with updates over a unit; `featuresAt` fills `feats` for token i. Returns the token errors. */
function trainPass(m: HashedPerceptron, n: number, featuresAt: (i: number, prev: number) => number, gold: Uint8Array, out: Uint8Array): number {
  let prev = O;
  let errs = 0;
  for (let i = 0; i < n; i++) {
    const k = featuresAt(i, prev);
    m.tick();
    const y = m.predict(feats, k, scratch, allowedAfter(prev));
    if (y !== gold[i]) {
      errs++;
      m.update(feats, k, gold[i]!, y);
    }
    out[i] = y;
    prev = y;
  }
  return errs;
}

export function trainCues(m: HashedPerceptron, d: UnitData, gold: Uint8Array, out: Uint8Array): number {
  return trainPass(m, d.n, (i, prev) => cueFeatures(d, i, prev, feats), gold, out);
}

export function trainArgs(m: HashedPerceptron, role: number, d: UnitData, C: Uint8Array, ctx: CueContext, other: Uint8Array | null, gold: Uint8Array, out: Uint8Array): number {
  return trainPass(m, d.n, (i, prev) => argFeatures(role, d, C, ctx, other, i, prev, feats), gold, out);
}

/** Token index ranges [first, last] of BIO spans. */
export function spansOf(tags: Uint8Array, n: number): [number, number][] {
  const out: [number, number][] = [];
  let s = -1;
  for (let i = 0; i <= n; i++) {
    const y = i < n ? tags[i]! : O;
    if (s >= 0 && y !== I) {
      out.push([s, i - 1]);
      s = -1;
    }
    if (y === B) s = i;
  }
  return out;
}

export interface LearnedRelation {
  cue: [number, number];
  source: [number, number] | null;
  content: [number, number] | null;
}

/**
 * Pair each cue with the nearest source (left preferred) and the nearest
 * content (right preferred) that no other cue stands between.
 */
export function relate(cues: [number, number][], sources: [number, number][], contents: [number, number][]): LearnedRelation[] {
  const out: LearnedRelation[] = [];
  for (let c = 0; c < cues.length; c++) {
    const [cs, ce] = cues[c]!;
    const prevCueEnd = c > 0 ? cues[c - 1]![1] : -1;
    const nextCueStart = c + 1 < cues.length ? cues[c + 1]![0] : Infinity;
    const pick = (spans: [number, number][], preferLeft: boolean): [number, number] | null => {
      let left: [number, number] | null = null;
      let right: [number, number] | null = null;
      let leftOuter: [number, number] | null = null;
      let rightOuter: [number, number] | null = null;
      for (const s of spans) {
        if (s[1] < cs) {
          if (s[1] > prevCueEnd) {
            if (!left || s[1] > left[1]) left = s;
          } else if (!leftOuter || s[1] > leftOuter[1]) leftOuter = s;
        } else if (s[0] > ce) {
          if (s[0] < nextCueStart) {
            if (!right || s[0] < right[0]) right = s;
          } else if (!rightOuter || s[0] < rightOuter[0]) rightOuter = s;
        } else if (s[0] <= cs && s[1] >= ce) {
          // a span around the cue (content with the cue inside it is not ours; a source is never around)
          continue;
        }
      }
      if (preferLeft) return left ?? right ?? leftOuter ?? rightOuter;
      if (!left && !right) {
        // The cue sits inside a content span (nested attribution): its own content is the rest of that span.
        for (const s of spans) if (s[0] < cs && s[1] > ce) return [ce + 1, s[1]];
      }
      if (left && right) {
        // Content: right, unless the left one ends just before the cue (postposed) and the right one is far.
        return cs - left[1] <= 2 && right[0] - ce > 3 ? left : right;
      }
      return right ?? left ?? rightOuter ?? leftOuter;
    };
    out.push({ cue: [cs, ce], source: pick(sources, true), content: pick(contents, false) });
  }
  return out;
}
