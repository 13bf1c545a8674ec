import type { SequenceTagger } from '../../learn/perceptron.js';
import {
  freqClass, GROUP_WORDS, NO_TRIGGER_LEFT, NO_TRIGGER_RIGHT, sentBucket, TRIGGER_NEAR, TRIGGER_REACH, TRIGGERS, WEAPON_WORDS, wordInfo, type Vocab,
} from './features.js';

/**
 * The role tagger's features as model row ids, without building strings.
 *
 * `tokenFeatures` (features.ts) is the reference definition: it makes the
 * feature strings, and training uses it. For tagging, this class computes the
 * same features directly as the ids of the model's rows (features the model
 * does not know are skipped, as the string path skips them), so decisions and
 * margins are the same (see `SequenceTagger.tagIds`). It is built once per
 * loaded model:
 *
 * - every distinct (lower-cased) word gets an entry, computed on first sight
 *   and cached: the summed weight rows of the features that depend only on
 *   the word itself (`b`, `w=`, `s3=`, `s2=`, `pr3=`, `sh=`, `fq=`, `weap`,
 *   `grp`, `trig=`), the ids of its single-word features in the other
 *   positions (`p1=`, `p2=`, `n1=`, `n2=`, `fqr-p1=`, `fqr-n1=`, `weap+1`,
 *   `grp+1`), its trigger and frequency classes, and a small integer word id
 *   used by the bigram features;
 * - bigram features (`p1w=`, `wn1=`, `p2p1=`, `n1n2=`) are parsed out of the
 *   model once and kept in an open-addressing hash table keyed by (template,
 *   word id, word id);
 * - features over small closed sets (frequency-class n-grams, trigger
 *   context, sentence bucket) are tables indexed by class numbers.
 *
 * Keep this file in step with `tokenFeatures`; roles.test.ts checks that both
 * give the same ids.
 */

// Slots of a word entry.
const W = 0;
const P1 = 1;
const P2 = 2;
const N1 = 3;
const N2 = 4;
const S3 = 5;
const S2 = 6;
const PR3 = 7;
const SH = 8;
const FQRP1 = 9;
const FQRN1 = 10;
const WEAP = 11;
const WEAP1 = 12;
const GRP = 13;
const GRP1 = 14;
const TRIG = 15;
/** Trigger class, 1-based (0: none). */
const TCLS = 16;
/** Frequency class number (index into qNames). */
const Q = 17;
/** Word id in the bigram table, −1 when the word is in no bigram feature. */
const PW = 18;
const SLOTS = 19;

const PAIR_TEMPLATES = ['p1w', 'wn1', 'p2p1', 'n1n2'] as const;
const T_P1W = 0;
const T_WN1 = 1;
const T_P2P1 = 2;
const T_N1N2 = 3;

/**
 * Single-word templates, read for every new word: their features parsed out of the model once, by the
 * word (or its suffix, prefix, shape) after the "=". Building the 12 key strings of each new word and
 * hashing each against the 60,000-feature index was most of a new word's cost (issue 11); the word's
 * own string is hashed once and looked up in each table.
 */
const WORD_TEMPLATES = ['w', 'p1', 'p2', 'n1', 'n2', 's3', 's2', 'pr3', 'sh', 'fqr-p1', 'fqr-n1'] as const;
type WordTemplate = (typeof WORD_TEMPLATES)[number];
const TEMPLATE_INDEX = Object.fromEntries(WORD_TEMPLATES.map((t, i) => [t, i])) as Record<WordTemplate, number>;

/** The template of a feature "name=…" whose "=" is at eq, among `names`: its index, or −1 (no string cut out for the test). */
function templateAt(f: string, eq: number, names: readonly string[]): number {
  for (let i = 0; i < names.length; i++) if (names[i]!.length === eq && f.startsWith(names[i]!)) return i;
  return -1;
}

/** Room per token in the id buffer (at most 19 ids: the word's own features go to `pre`). */
const MAX_FEATS = 32;
/** Word entries kept before the cache is cleared (bounds memory on long runs). */
const WORD_CACHE_MAX = 100_000;
/**
 * Room for this many word entries at first; the tables double when full. One, so that the
 * constructor's second entry (the sentence end) grows them: the growing code has then run before V8
 * optimises makeEntry. When the tables first grew at the 1,025th new word, the optimised makeEntry had
 * never seen that code, left there and was compiled again, about 26 ms of compiling in one ingest of
 * MUC-4's train documents (issue 11).
 */
const FIRST_ENTRIES = 1;

/** Open-addressing hash table (linear probing) from (a, b) int pairs to ids. */
class PairTable {
  private readonly mask: number;
  private readonly ka: Int32Array;
  private readonly kb: Int32Array;
  private readonly val: Int32Array;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.ka = new Int32Array(size);
    this.kb = new Int32Array(size);
    this.val = new Int32Array(size).fill(-1);
  }

  private static hash(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 13);
  }

  set(a: number, b: number, v: number): void {
    let h = PairTable.hash(a, b) & this.mask;
    while (this.val[h] !== -1) {
      if (this.ka[h] === a && this.kb[h] === b) break;
      h = (h + 1) & this.mask;
    }
    this.ka[h] = a;
    this.kb[h] = b;
    this.val[h] = v;
  }

  get(a: number, b: number): number {
    let h = PairTable.hash(a, b) & this.mask;
    for (;;) {
      const v = this.val[h]!;
      if (v === -1) return -1;
      if (this.ka[h] === a && this.kb[h] === b) return v;
      h = (h + 1) & this.mask;
    }
  }
}

/**
 * Split "a|b" into its two words. Tokens never contain "|" except the
 * one-character token "|" itself, so the split is unique.
 */
function splitPair(s: string): [string, string] | null {
  // One "|" (nearly every pair): split there when both sides are words; the loop below says the same.
  const first = s.indexOf('|');
  if (first > 0 && first < s.length - 1 && s.indexOf('|', first + 1) < 0) return [s.slice(0, first), s.slice(first + 1)];
  const ok = (x: string): boolean => x.length > 0 && (x === '|' || !x.includes('|'));
  let found: [string, string] | null = null;
  for (let k = s.indexOf('|'); k >= 0; k = s.indexOf('|', k + 1)) {
    const a = s.slice(0, k);
    const b = s.slice(k + 1);
    if (ok(a) && ok(b)) {
      if (found) return null;
      found = [a, b];
    }
  }
  return found;
}

/**
 * One sentence's features: position i has the ids ids[offs[i] .. offs[i + 1])
 * plus the word's own features already summed in pre[i·L .. (i + 1)·L).
 * Buffers are reused by the next call.
 */
export interface SentenceIds {
  n: number;
  ids: Int32Array;
  offs: Int32Array;
  pre: Float64Array;
}


export class CompiledFeatures {
  private readonly tagger: SequenceTagger;
  private readonly L: number;
  private readonly index: ReadonlyMap<string, number>;
  private readonly vocab: Vocab | null;
  /** Word → entry number. Entry e has slots S[e·SLOTS + W … PW] and its own features' summed rows in C[e·L .. (e + 1)·L). */
  private readonly cache = new Map<string, number>();
  private S = new Int32Array(FIRST_ENTRIES * SLOTS);
  private C: Float64Array;
  private count = 0;
  /** Per WORD_TEMPLATES entry: word (or suffix, prefix, shape) → the id of its feature. */
  private readonly byTemplate: Map<string, number>[] = WORD_TEMPLATES.map(() => new Map<string, number>());
  private readonly pairWord = new Map<string, number>();
  private readonly pairs: PairTable;
  private readonly bias: number;
  private readonly sb: Int32Array;
  private readonly qNames: string[];
  private readonly qOf = new Map<string, number>();
  private readonly nq: number;
  private readonly fq: Int32Array;
  private readonly fqp: Int32Array;
  private readonly fqn: Int32Array;
  private readonly fq3: Int32Array;
  /** Trigger context codes: 0 none, else 1 + 2·(class − 1) + (far ? 1 : 0). */
  private readonly nCodes: number;
  private readonly lt: Int32Array;
  private readonly rt: Int32Array;
  private readonly lrt: Int32Array;
  // Scratch buffers, grown as needed.
  /** Per position: the word's entry slot base (entry number · SLOTS). */
  private ents = new Int32Array(64);
  private lcode = new Int32Array(64);
  private rcode = new Int32Array(64);
  private qs = new Int32Array(64);
  private out: SentenceIds;

  private readonly maxWords: number;

  /** `maxWords`: word entries kept before the cache is cleared. */
  constructor(tagger: SequenceTagger, vocab: Vocab | null, maxWords = WORD_CACHE_MAX) {
    this.tagger = tagger;
    this.maxWords = Math.max(1, maxWords);
    this.L = tagger.labels.length;
    const index = (this.index = tagger.featureIndex);
    this.vocab = vocab;
    this.C = new Float64Array(FIRST_ENTRIES * this.L);
    this.out = { n: 0, ids: new Int32Array(64 * MAX_FEATS), offs: new Int32Array(65), pre: new Float64Array(64 * this.L) };
    const id = (f: string): number => index.get(f) ?? -1;
    this.bias = id('b');
    this.sb = Int32Array.from([0, 1, 2, 4, 8], (k) => id(`sb=${sentBucket(k)}`));
    this.pairs = this.parseFeatures(index);
    if (this.pairWord.size >= 1 << 24) throw new Error('too many words in bigram features');
    // Frequency classes: 's' (outside the sentence), 'r', 'x', then the vocabulary's classes.
    this.qNames = ['s', 'r', 'x'];
    if (vocab) for (const v of vocab.values()) if (!this.qNames.includes(v)) this.qNames.push(v);
    this.qNames.forEach((q, i) => this.qOf.set(q, i));
    const nq = (this.nq = this.qNames.length);
    const qn = this.qNames;
    this.fq = Int32Array.from(qn, (q) => id(`fq=${q}`));
    this.fqp = new Int32Array(nq * nq);
    this.fqn = new Int32Array(nq * nq);
    this.fq3 = new Int32Array(nq * nq * nq);
    for (let a = 0; a < nq; a++) {
      for (let b = 0; b < nq; b++) {
        this.fqp[a * nq + b] = id(`fqp=${qn[a]}|${qn[b]}`);
        this.fqn[a * nq + b] = id(`fqn=${qn[a]}|${qn[b]}`);
        for (let c = 0; c < nq; c++) this.fq3[(a * nq + b) * nq + c] = id(`fq3=${qn[a]}|${qn[b]}|${qn[c]}`);
      }
    }
    // Trigger context.
    const nc = (this.nCodes = 1 + 2 * TRIGGERS.length);
    const codeName: string[] = [''];
    for (const [, name] of TRIGGERS) codeName.push(`${name}:n`, `${name}:f`);
    this.lt = Int32Array.from(codeName, (c, i) => (i ? id(`lt=${c}`) : -1));
    this.rt = Int32Array.from(codeName, (c, i) => (i ? id(`rt=${c}`) : -1));
    this.lrt = new Int32Array(nc * nc).fill(-1);
    for (let a = 1; a < nc; a++) for (let b = 1; b < nc; b++) this.lrt[a * nc + b] = id(`lrt=${codeName[a]}|${codeName[b]}`);
    // Entries 0 and 1: the sentence boundaries as neighbours (kept when the cache is cleared).
    this.makeEntry('<s>');
    this.makeEntry('</s>');
  }

  /**
   * One pass over the model's features: each single-word feature into its template's table, each
   * bigram feature into the pair table (keyed by template and the two words' ids in pairWord).
   */
  private parseFeatures(index: ReadonlyMap<string, number>): PairTable {
    // Room for every feature: at least what the pairs need, so the table is the size it always was or larger.
    const pairs = new PairTable(index.size);
    const wid = (w: string): number => {
      let x = this.pairWord.get(w);
      if (x === undefined) this.pairWord.set(w, (x = this.pairWord.size));
      return x;
    };
    for (const [f, k] of index) {
      const eq = f.indexOf('=');
      if (eq < 0) continue;
      const wt = templateAt(f, eq, WORD_TEMPLATES);
      if (wt >= 0) {
        this.byTemplate[wt]!.set(f.slice(eq + 1), k);
        continue;
      }
      const t = templateAt(f, eq, PAIR_TEMPLATES);
      const ab = t < 0 ? null : splitPair(f.slice(eq + 1));
      if (ab) pairs.set((t << 24) | wid(ab[0]), wid(ab[1]), k);
    }
    return pairs;
  }

  /** A new entry for w; returns its number. */
  private makeEntry(w: string): number {
    const id = (f: string): number => this.index.get(f) ?? -1;
    const L = this.L;
    const num = this.count++;
    if ((num + 1) * SLOTS > this.S.length) {
      const S = new Int32Array(this.S.length * 2);
      S.set(this.S);
      this.S = S;
      const C = new Float64Array(this.C.length * 2);
      C.set(this.C);
      this.C = C;
    }
    const e = this.S.subarray(num * SLOTS, (num + 1) * SLOTS);
    // (t, x) is the id of the feature "t=x", as id(`t=${x}`) would give.
    const of = (t: WordTemplate, x: string): number => this.byTemplate[TEMPLATE_INDEX[t]]!.get(x) ?? -1;
    e[W] = of('w', w);
    e[P1] = of('p1', w);
    e[P2] = of('p2', w);
    e[N1] = of('n1', w);
    e[N2] = of('n2', w);
    const info = wordInfo(w);
    e[S3] = of('s3', w.slice(-3));
    e[S2] = of('s2', w.slice(-2));
    e[PR3] = of('pr3', w.slice(0, 3));
    e[SH] = of('sh', info.shape);
    e[FQRP1] = of('fqr-p1', w);
    e[FQRN1] = of('fqr-n1', w);
    e[WEAP] = WEAPON_WORDS.has(w) ? id('weap') : -1;
    e[WEAP1] = WEAPON_WORDS.has(w) ? id('weap+1') : -1;
    e[GRP] = GROUP_WORDS.has(w) ? id('grp') : -1;
    e[GRP1] = GROUP_WORDS.has(w) ? id('grp+1') : -1;
    e[TRIG] = info.trig ? id(`trig=${info.trig}`) : -1;
    e[TCLS] = info.trig ? 1 + TRIGGERS.findIndex(([, name]) => name === info.trig) : 0;
    e[Q] = this.vocab ? this.qOf.get(freqClass(w, this.vocab))! : 0;
    e[PW] = this.pairWord.get(w) ?? -1;
    // The word's own features, summed once.
    const own = [this.bias, e[W]!, e[S3]!, e[S2]!, e[PR3]!, e[SH]!, this.vocab ? this.fq[e[Q]!]! : -1, e[WEAP]!, e[GRP]!, e[TRIG]!].filter((k) => k >= 0);
    this.C.fill(0, num * L, (num + 1) * L);
    this.tagger.rowSum(own, this.C, num * L);
    return num;
  }

  private entry(w: string): number {
    let e = this.cache.get(w);
    if (e === undefined) {
      e = this.makeEntry(w);
      this.cache.set(w, e);
    }
    return e;
  }

  private pair(t: number, a: number, b: number): number {
    const S = this.S;
    const x = S[a + PW]!;
    const y = S[b + PW]!;
    return x < 0 || y < 0 ? -1 : this.pairs.get((t << 24) | x, y);
  }

  /** The features of `tokenFeatures(words, sentIndex, vocab)` as row ids and pre-summed rows (unknown features left out). */
  sentence(words: readonly string[], sentIndex: number): SentenceIds {
    const n = words.length;
    // Clear the word cache between sentences only: a sentence's entries must stay put while it is tagged.
    if (this.cache.size + n > this.maxWords && this.cache.size) {
      this.cache.clear();
      this.count = 2;
    }
    this.growBuffers(n);
    this.loadWords(words);
    this.triggerContext(n);
    const out = this.out;
    const sb = this.sb[sentIndex === 0 ? 0 : sentIndex === 1 ? 1 : sentIndex < 4 ? 2 : sentIndex < 8 ? 3 : 4]!;
    let k = 0;
    for (let i = 0; i < n; i++) {
      out.offs[i] = k;
      k = this.tokenIds(i, n, sb, k);
    }
    out.offs[n] = k;
    out.n = n;
    return out;
  }

  /** Grow the scratch and output buffers to hold a sentence of n tokens (twice that, to grow seldom). */
  private growBuffers(n: number): void {
    if (this.lcode.length < n) {
      this.ents = new Int32Array(n * 2);
      this.lcode = new Int32Array(n * 2);
      this.rcode = new Int32Array(n * 2);
      this.qs = new Int32Array(n * 2);
    }
    const out = this.out;
    if (out.offs.length < n + 1) {
      out.ids = new Int32Array(n * 2 * MAX_FEATS);
      out.offs = new Int32Array(n * 2 + 1);
      out.pre = new Float64Array(n * 2 * this.L);
    }
  }

  /** Each word's entry, frequency class and own summed rows (into `out.pre`). */
  private loadWords(words: readonly string[]): void {
    const L = this.L;
    const ents = this.ents;
    const qs = this.qs;
    const pre = this.out.pre;
    for (let i = 0; i < words.length; i++) {
      const e = this.entry(words[i]!);
      // (this.S / this.C may have grown in entry(): read them afterwards.)
      ents[i] = e * SLOTS;
      qs[i] = this.S[e * SLOTS + Q]!;
      const C = this.C;
      const c = e * L;
      const off = i * L;
      for (let y = 0; y < L; y++) pre[off + y] = C[c + y]!;
    }
  }

  /** The nearest trigger to the left and right within TRIGGER_REACH tokens, as codes (as in tokenFeatures). */
  private triggerContext(n: number): void {
    const S = this.S;
    const ents = this.ents;
    const lcode = this.lcode;
    const rcode = this.rcode;
    let lastT = NO_TRIGGER_LEFT;
    for (let i = 0; i < n; i++) {
      const d = i - lastT;
      const tc = d <= TRIGGER_REACH ? S[ents[lastT]! + TCLS]! : 0;
      lcode[i] = tc ? 2 * tc - 1 + (d <= TRIGGER_NEAR ? 0 : 1) : 0;
      if (S[ents[i]! + TCLS]) lastT = i;
    }
    // (tokenFeatures starts from NO_TRIGGER_RIGHT, which for sentences of
    // ≥ NO_TRIGGER_RIGHT − TRIGGER_REACH tokens gives "undefined:…" / "null:…"
    // strings that no model holds; those are code 0 here.)
    lastT = NO_TRIGGER_RIGHT;
    for (let i = n - 1; i >= 0; i--) {
      const d = lastT - i;
      const tc = d <= TRIGGER_REACH && lastT < n ? S[ents[lastT]! + TCLS]! : 0;
      rcode[i] = tc ? 2 * tc - 1 + (d <= TRIGGER_NEAR ? 0 : 1) : 0;
      if (S[ents[i]! + TCLS]) lastT = i;
    }
  }

  /** Write token i's feature ids (other than its own, pre-summed ones) from ids[k]; returns the next free k. */
  private tokenIds(i: number, n: number, sb: number, k: number): number {
    const S = this.S;
    const ents = this.ents;
    const ids = this.out.ids;
    const bos = 0;
    const eos = SLOTS;
    const e0 = ents[i]!;
    const p1 = i > 0 ? ents[i - 1]! : bos;
    const p2 = i > 1 ? ents[i - 2]! : bos;
    const n1 = i + 1 < n ? ents[i + 1]! : eos;
    const n2 = i + 2 < n ? ents[i + 2]! : eos;
    let f: number;
    if ((f = S[p1 + P1]!) >= 0) ids[k++] = f;
    if ((f = S[p2 + P2]!) >= 0) ids[k++] = f;
    if ((f = S[n1 + N1]!) >= 0) ids[k++] = f;
    if ((f = S[n2 + N2]!) >= 0) ids[k++] = f;
    if ((f = this.pair(T_P1W, p1, e0)) >= 0) ids[k++] = f;
    if ((f = this.pair(T_WN1, e0, n1)) >= 0) ids[k++] = f;
    if ((f = this.pair(T_P2P1, p2, p1)) >= 0) ids[k++] = f;
    if ((f = this.pair(T_N1N2, n1, n2)) >= 0) ids[k++] = f;
    if (sb >= 0) ids[k++] = sb;
    if (this.vocab !== null) k = this.freqIds(i, n, p1, n1, k);
    if ((f = S[n1 + WEAP1]!) >= 0) ids[k++] = f;
    if ((f = S[n1 + GRP1]!) >= 0) ids[k++] = f;
    const lc = this.lcode[i]!;
    const rc = this.rcode[i]!;
    if (lc && (f = this.lt[lc]!) >= 0) ids[k++] = f;
    if (rc && (f = this.rt[rc]!) >= 0) ids[k++] = f;
    if (lc && rc && (f = this.lrt[lc * this.nCodes + rc]!) >= 0) ids[k++] = f;
    return k;
  }

  /** Token i's frequency-class n-gram ids (`fqp=`, `fqn=`, `fq3=`, and `fqr-p1=`/`fqr-n1=` for rare words). */
  private freqIds(i: number, n: number, p1: number, n1: number, k: number): number {
    const S = this.S;
    const qs = this.qs;
    const ids = this.out.ids;
    const nq = this.nq;
    const q0 = qs[i]!;
    const qp = i > 0 ? qs[i - 1]! : 0;
    const qn = i + 1 < n ? qs[i + 1]! : 0;
    let f: number;
    if ((f = this.fqp[qp * nq + q0]!) >= 0) ids[k++] = f;
    if ((f = this.fqn[q0 * nq + qn]!) >= 0) ids[k++] = f;
    if ((f = this.fq3[(qp * nq + q0) * nq + qn]!) >= 0) ids[k++] = f;
    if (q0 === 1) {
      if ((f = S[p1 + FQRP1]!) >= 0) ids[k++] = f;
      if ((f = S[n1 + FQRN1]!) >= 0) ids[k++] = f;
    }
    return k;
  }
}
