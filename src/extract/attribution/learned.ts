/**
 * The learned part of the attribution finder: three BIO taggers (cue, then
 * source, then content), each a hashed averaged perceptron
 * (src/learn/attribution-perceptron.ts) trained as a structured perceptron
 * with Viterbi decoding (first-order: some features are conjoined with the
 * previous label) on PolNeAR train/ only (scripts/train-attribution.ts). The
 * rules' own spans are features, so the model learns where to trust them and
 * where PolNeAR annotates more (verbs like "endorses", "wants", nominal cues,
 * long content clauses).
 *
 * Work per token: a few dozen integer hashes and array reads per pass (the
 * previous-label features three times); no strings are built. Units
 * (sentences merged across quotations) are tagged one at a time; the source
 * and content passes run only on units where the cue pass found a cue.
 */
import { readFileSync } from 'node:fs';
import { findModelFile } from '../../learn/model-file.js';
import { HashedPerceptron, type SavedHashedPerceptron } from '../../learn/attribution-perceptron.js';
import type { Span } from '../../model/index.js';
import type { Token } from '../../nlp/tokens.js';
import { CUE_FORMS } from './lexicon.js';

export const LEARNED_FEATURES = 'attr-v2';
export const BITS = 20;
const MASK = (1 << BITS) - 1;
export const O = 0;
export const B = 1;
export const I = 2;

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

/** models/attribution.json at the repository root; null when there is none. */
export function attributionModelFile(): string | null {
  return findModelFile('attribution.json');
}

export function modelFromJSON(s: SavedAttributionModel): AttributionModel | null {
  if (s.features !== LEARNED_FEATURES) return null;
  return { cue: HashedPerceptron.fromJSON(s.cue), source: HashedPerceptron.fromJSON(s.source), content: HashedPerceptron.fromJSON(s.content) };
}

/** The model in a file, read anew on each call (the pipeline context keeps one); null when missing, unreadable or of other features (rules only). */
export function loadAttributionModel(path: string | null = attributionModelFile()): AttributionModel | null {
  try {
    return path ? modelFromJSON(JSON.parse(readFileSync(path, 'utf8')) as SavedAttributionModel) : null;
  } catch {
    return null;
  }
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
  /** Two-letter suffix hash. */
  S2: Uint32Array;
  SH: Uint8Array;
  Q: Uint8Array;
  LEX: Uint8Array;
  /** Rule tags per role (O/B/I). */
  RC: Uint8Array;
  RS: Uint8Array;
  RT: Uint8Array;
  /** The unit holds a quotation mark. */
  hasQ: number;
}

const BOUND_W = fnv('<b>');

export function encodeUnit(toks: Token[], inQ: boolean[], rule: { cue: Span[]; source: Span[]; content: Span[] }): UnitData {
  const n = toks.length;
  const d: UnitData = {
    toks, n, W: new Uint32Array(n), S: new Uint32Array(n), S2: new Uint32Array(n), SH: new Uint8Array(n), Q: new Uint8Array(n), LEX: new Uint8Array(n),
    RC: new Uint8Array(n), RS: new Uint8Array(n), RT: new Uint8Array(n), hasQ: 0,
  };
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    d.W[i] = wordHash(t.lower);
    d.S[i] = t.lower.length > 3 ? wordHash(`~${t.lower.slice(-3)}`) : d.W[i]!;
    d.S2[i] = t.lower.length > 2 ? wordHash(`~${t.lower.slice(-2)}`) : d.W[i]!;
    d.SH[i] = shapeOf(t);
    if (d.SH[i] === 6) d.hasQ = 1;
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

export const MAXF = 64;

/**
 * The features of one token, in two lists: `fs` are scored as they are;
 * `fp` (unmasked hashes) are conjoined with the previous label when scored,
 * so that the decoder can score every previous label (Viterbi).
 */
export interface FeatBuf {
  fs: Uint32Array;
  ks: number;
  fp: Uint32Array;
  kp: number;
}

export function featBuf(): FeatBuf {
  return { fs: new Uint32Array(MAXF), ks: 0, fp: new Uint32Array(MAXF), kp: 0 };
}

const p1 = (t: number, a: number): number => mix(t, a);
const p2 = (t: number, a: number, b: number): number => mix(mix(t, a), b);

const THAT_W = fnv('that');
const lexAt = (d: UnitData, i: number): number => (i >= 0 && i < d.n ? d.LEX[i]! : 15);
const at8 = (a: Uint8Array, d: UnitData, i: number, out = 3): number => (i >= 0 && i < d.n ? a[i]! : out);

/** Cue pass features of token i. */
export function cueFeatures(d: UnitData, i: number, fb: FeatBuf): void {
  const f = fb.fs;
  let k = 0;
  const w = d.W[i]!;
  const wp = wAt(d, i - 1);
  const wn = wAt(d, i + 1);
  const wpp = wAt(d, i - 2);
  const wnn = wAt(d, i + 2);
  const sh = d.SH[i]!;
  const shn = shAt(d, i + 1);
  f[k++] = f1(1, 0);
  f[k++] = f1(2, w);
  f[k++] = f1(3, wp);
  f[k++] = f1(4, wn);
  f[k++] = f1(5, wpp);
  f[k++] = f1(6, wnn);
  f[k++] = f2(7, wp, w);
  f[k++] = f2(8, w, wn);
  f[k++] = f1(9, d.S[i]!);
  f[k++] = f3(10, sh, shAt(d, i - 1), shn);
  f[k++] = f2(11, d.Q[i]!, sh);
  f[k++] = f1(12, d.RC[i]!);
  f[k++] = f2(13, d.RC[i]!, w);
  f[k++] = f2(17, d.LEX[i]!, d.Q[i]!);
  f[k++] = f2(18, d.RS[i]!, d.RT[i]!);
  f[k++] = f2(19, i === 0 ? 1 : 0, sh);
  f[k++] = f3(22, wp, w, wn);
  f[k++] = f1(23, d.S2[i]!);
  f[k++] = f3(24, lexAt(d, i - 1), d.LEX[i]!, lexAt(d, i + 1));
  f[k++] = f3(25, at8(d.RC, d, i - 1), d.RC[i]!, at8(d.RC, d, i + 1));
  f[k++] = f3(26, at8(d.Q, d, i - 1) * 4 + d.Q[i]! * 2 + at8(d.Q, d, i + 1, 0), shn, shAt(d, i + 2));
  let that = 0;
  for (let j = i + 1; j <= i + 3 && j < d.n; j++) if (d.W[j] === THAT_W) that = j - i;
  f[k++] = f2(27, that, d.LEX[i]!);
  f[k++] = f2(28, w, shn);
  f[k++] = f3(29, bucket(d.n - 1 - i), bucket(i), sh);
  f[k++] = f3(30, d.hasQ, d.LEX[i]!, d.Q[i]!);
  f[k++] = f2(31, wpp, wp);
  f[k++] = f2(32, wn, wnn);
  f[k++] = f2(33, d.S[i]!, wn);
  f[k++] = f2(34, wp, d.S[i]!);
  fb.ks = k;
  const g = fb.fp;
  let q = 0;
  g[q++] = p1(14, 0);
  g[q++] = p1(15, w);
  g[q++] = p1(16, wp);
  g[q++] = p2(20, d.RC[i]!, d.LEX[i]!);
  g[q++] = p2(21, wn, wnn);
  g[q++] = p2(35, sh, shn);
  g[q++] = p1(36, d.S[i]!);
  fb.kp = q;
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
export function argFeatures(role: number, d: UnitData, C: Uint8Array, ctx: CueContext, other: Uint8Array | null, i: number, fb: FeatBuf): void {
  const f = fb.fs;
  let k = 0;
  const base = role * 100;
  const w = d.W[i]!;
  const wp = wAt(d, i - 1);
  const wn = wAt(d, i + 1);
  const sh = d.SH[i]!;
  const bl = bucket(ctx.dl[i]!);
  const br = bucket(ctx.dr[i]!);
  const cwl = ctx.il[i]! >= 0 ? d.W[ctx.il[i]!]! : BOUND_W;
  const cwr = ctx.ir[i]! >= 0 ? d.W[ctx.ir[i]!]! : BOUND_W;
  const R = role === 0 ? d.RS : d.RT;
  f[k++] = f1(base + 1, 0);
  f[k++] = f1(base + 2, w);
  f[k++] = f1(base + 3, wp);
  f[k++] = f1(base + 4, wn);
  f[k++] = f1(base + 5, d.S[i]!);
  f[k++] = f3(base + 6, sh, shAt(d, i - 1), shAt(d, i + 1));
  f[k++] = f1(base + 8, C[i]!);
  f[k++] = f2(base + 9, bl, br);
  f[k++] = f2(base + 12, cwl, bl);
  f[k++] = f2(base + 13, cwr, br);
  f[k++] = f1(base + 14, R[i]!);
  f[k++] = f2(base + 20, ctx.dl[i] === 1 ? 1 : ctx.dr[i] === 1 ? 2 : 0, w);
  f[k++] = f2(base + 23, d.RC[i]!, R[i]!);
  f[k++] = f2(base + 25, wp, w);
  f[k++] = f2(base + 28, w, wn);
  f[k++] = f3(base + 29, at8(C, d, i - 1), C[i]!, at8(C, d, i + 1));
  f[k++] = f3(base + 30, at8(R, d, i - 1), R[i]!, at8(R, d, i + 1));
  f[k++] = f1(base + 31, d.S2[i]!);
  f[k++] = f1(base + 32, wAt(d, i - 2));
  f[k++] = f1(base + 33, wAt(d, i + 2));
  f[k++] = f3(base + 34, d.Q[i]!, at8(d.Q, d, i - 1), at8(d.Q, d, i + 1));
  if (other) f[k++] = f2(base + 27, other[i]!, sh);
  fb.ks = k;
  const g = fb.fp;
  let q = 0;
  g[q++] = p1(base + 16, 0);
  g[q++] = p1(base + 7, d.Q[i]!);
  g[q++] = p2(base + 10, bl, ctx.pl[i]!);
  g[q++] = p2(base + 11, br, ctx.pr[i]!);
  g[q++] = p1(base + 15, R[i]!);
  g[q++] = p1(base + 17, w);
  g[q++] = p1(base + 18, sh);
  g[q++] = p2(base + 19, d.Q[i]!, sh);
  g[q++] = p2(base + 21, cwl, bl < 3 ? bl : 3);
  g[q++] = p2(base + 22, cwr, br < 3 ? br : 3);
  g[q++] = p1(base + 24, i === 0 ? 1 : i === d.n - 1 ? 2 : 0);
  g[q++] = p2(base + 35, wn, at8(C, d, i + 1));
  if (other) g[q++] = p1(base + 26, other[i]!);
  fb.kp = q;
}

// ---------------------------------------------------------------- decoding

const NEG = -1e300;
const fb0 = featBuf();
const conj = new Uint32Array(MAXF);
const stat = new Float64Array(3);
const trans = new Float64Array(9);
let delta = new Float64Array(3 * 256);
let back = new Uint8Array(3 * 256);

/** Sum into out[o..o+3) the 3-label weights of the first k features of f. */
function score3(w: Float32Array, f: Uint32Array, k: number, out: Float64Array, o: number): void {
  let a = 0;
  let b = 0;
  let c = 0;
  for (let j = 0; j < k; j++) {
    const x = f[j]! * 3;
    a += w[x]!;
    b += w[x + 1]!;
    c += w[x + 2]!;
  }
  out[o] = a;
  out[o + 1] = b;
  out[o + 2] = c;
}

function conjoin(fb: FeatBuf, prev: number): void {
  const salt = prev + 1;
  for (let j = 0; j < fb.kp; j++) conj[j] = mix(fb.fp[j]!, salt) & MASK;
}

/**
 * Best BIO sequence for tokens 0..n-1 (I only after B or I). `featAt(i, fb)`
 * fills the features of token i. Viterbi over the three labels.
 */
export function decode(m: HashedPerceptron, n: number, featAt: (i: number, fb: FeatBuf) => void, out: Uint8Array): number {
  if (m.L !== 3) throw new Error('BIO tagger expects 3 labels');
  if (delta.length < 3 * n) {
    delta = new Float64Array(3 * n * 2);
    back = new Uint8Array(3 * n * 2);
  }
  const w = m.w;
  for (let i = 0; i < n; i++) {
    featAt(i, fb0);
    score3(w, fb0.fs, fb0.ks, stat, 0);
    const o = i * 3;
    for (let p = 0; p < 3; p++) {
      if (i === 0 ? p !== O : delta[o - 3 + p]! <= NEG) {
        trans[p * 3] = trans[p * 3 + 1] = trans[p * 3 + 2] = NEG;
        continue;
      }
      conjoin(fb0, p);
      score3(w, conj, fb0.kp, trans, p * 3);
    }
    for (let y = 0; y < 3; y++) {
      let best = NEG;
      let arg = 0;
      for (let p = 0; p < 3; p++) {
        if (y === I && p === O) continue;
        const t = trans[p * 3 + y]!;
        if (t <= NEG) continue;
        const v = (i === 0 ? 0 : delta[o - 3 + p]!) + t;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[o + y] = best <= NEG ? NEG : best + stat[y]!;
      back[o + y] = arg;
    }
  }
  let y = 0;
  let any = 0;
  if (n) {
    const o = (n - 1) * 3;
    for (let k = 1; k < 3; k++) if (delta[o + k]! > delta[o + y]!) y = k;
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = y;
    if (y) any++;
    y = back[i * 3 + y]!;
  }
  return any;
}

/** Structured perceptron step over one unit: decode, then move weights toward the gold path. Returns the token errors. */
export function trainSeq(m: HashedPerceptron, n: number, featAt: (i: number, fb: FeatBuf) => void, gold: Uint8Array, out: Uint8Array): number {
  decode(m, n, featAt, out);
  m.tick(n);
  let errs = 0;
  for (let i = 0; i < n; i++) if (out[i] !== gold[i]) errs++;
  if (!errs) return 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i]!;
    const y = out[i]!;
    const gp = i ? gold[i - 1]! : O;
    const yp = i ? out[i - 1]! : O;
    if (g === y && gp === yp) continue;
    featAt(i, fb0);
    if (g !== y) {
      m.add(fb0.fs, fb0.ks, g, 1);
      m.add(fb0.fs, fb0.ks, y, -1);
    }
    conjoin(fb0, gp);
    m.add(conj, fb0.kp, g, 1);
    conjoin(fb0, yp);
    m.add(conj, fb0.kp, y, -1);
  }
  return errs;
}

export function tagCues(m: HashedPerceptron, d: UnitData, out: Uint8Array): number {
  return decode(m, d.n, (i, fb) => cueFeatures(d, i, fb), out);
}

export function tagArgs(m: HashedPerceptron, role: number, d: UnitData, C: Uint8Array, ctx: CueContext, other: Uint8Array | null, out: Uint8Array): void {
  decode(m, d.n, (i, fb) => argFeatures(role, d, C, ctx, other, i, fb), out);
}

export function trainCues(m: HashedPerceptron, d: UnitData, gold: Uint8Array, out: Uint8Array): number {
  return trainSeq(m, d.n, (i, fb) => cueFeatures(d, i, fb), gold, out);
}

export function trainArgs(m: HashedPerceptron, role: number, d: UnitData, C: Uint8Array, ctx: CueContext, other: Uint8Array | null, gold: Uint8Array, out: Uint8Array): number {
  return trainSeq(m, d.n, (i, fb) => argFeatures(role, d, C, ctx, other, i, fb), gold, out);
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
