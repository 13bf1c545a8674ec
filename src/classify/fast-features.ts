/**
 * A linear model's logits for a text without building its feature names (issue 11).
 *
 * `featurize` (features.ts) is the reference definition: it makes the names ("w:attack",
 * "b:<s>_gunmen", "r:arrest", …), training reads them, and `linearScores` looks each up in the
 * model. Tagging did the same for every sentence the event detector and the event classifier read,
 * and building and hashing a string per word and per word pair was most of their cost. Here the
 * model's word and word-pair features are parsed out of it once, into arrays indexed by stem numbers
 * (the scan numbers each stem once per process: features.ts, stemId); a text's words are looked up in
 * them in the order `featurize` would name them. The few other features (keyword rules, actor,
 * the detector's cues) are looked up by name as before.
 *
 * Same logits, bit for bit: the same rows are added in the same order, each scaled by the same
 * 1/sqrt(number of distinct features), unknown features counted and skipped as `linearScores` does.
 * fast-features.test.ts checks it against `linearScores(featurize(…))`.
 */
import { firstActor, isStopId, MAX_CHARS, sharedTokenIds, START_ID, stemCount, stemGeneration, stemId, stemString, type FeatureOptions } from './features.js';
import { norm, type LinearModel } from '../learn/linear.js';
import { packedRows } from '../learn/packed.js';
import { ruleHits, type RuleHit } from './rules.js';

/**
 * A model's weights for tagging: every row in one array (row r at w[r·L .. r·L + L)), found by the
 * stem numbers of a word or pair feature (see IdTables), or by the name of any other. One pass over
 * the model's weights: a typed array and a [name, row] pair per feature, as `linearScores` keeps
 * them, took longer to build for the detector's 63,000 features than a hundred documents took to
 * score (issue 11).
 */
interface Tables {
  L: number;
  w: Float64Array;
  /** Any other feature's name → its row. */
  named: Map<string, number>;
  /** "w:stem" features: the stems and their rows, kept to number them again (see IdTables). */
  uniStems: string[];
  uniRows: number[];
  /** "b:a_b" features: their two stems and rows. */
  pairA: string[];
  pairB: string[];
  pairRows: number[];
  ids: IdTables | null;
}

/**
 * The word and pair features by stem number (features.ts, stemId), for one generation of the
 * numbering (rebuilt when it starts over). Indexing arrays by number took the place of a map per
 * model from stem to word record and of a map per word from next stem to row: string hashing and
 * map probes were most of the word features' cost (issue 11).
 */
interface IdTables {
  gen: number;
  /** Stem number → row of "w:stem", -1 for none; numbers past its end have none. */
  uni: Int32Array;
  /**
   * Stem number → 1 when it starts a pair feature, | 2 when it ends one; numbers past its end: 0. A
   * text's pair whose words cannot make a feature is not looked up (a fifth of the detector's, twice
   * that of the event model's lookups on MUC-4 sentences).
   */
  role: Uint8Array;
  /** Open addressing, linear probing, at most half full: slot s holds [a, b, row] at 3s (a = -1: empty). */
  pairs: Int32Array;
  /** Slots = 2^bits; a pair's first slot is the top `bits` bits of its hash. */
  bits: number;
}

const TABLES = new WeakMap<LinearModel, Tables>();

function tablesOf(model: LinearModel): Tables {
  let t = TABLES.get(model);
  if (t) return t;
  // A model read from its packed copy has its rows already in one array (learn/packed.ts).
  const packed = packedRows(model);
  const names = packed ? packed.names : Object.keys(model.weights);
  const L = model.labels.length;
  t = { L, w: packed ? packed.w : new Float64Array(names.length * L), named: new Map(), uniStems: [], uniRows: [], pairA: [], pairB: [], pairRows: [], ids: null };
  for (let r = 0; r < names.length; r++) {
    const name = names[r]!;
    if (!packed) t.w.set(model.weights[name]!, r * L);
    if (name.startsWith('w:')) {
      t.uniStems.push(name.slice(2));
      t.uniRows.push(r);
    } else if (!name.startsWith('b:') || !addPair(t, name, r)) t.named.set(name, r);
  }
  TABLES.set(model, t);
  return t;
}

/**
 * A pair feature "b:prev_token" into the pair lists; false when the name is not two tokens. A pair's
 * tokens never hold "_" (tokens are letter runs with inner "'" or "-", numbers and the markers "<s>",
 * "<num>", "<cap>"), so a pair splits at its one "_".
 */
function addPair(t: Tables, name: string, r: number): boolean {
  const u = name.indexOf('_', 2);
  if (u < 0 || name.indexOf('_', u + 1) >= 0) return false;
  t.pairA.push(name.slice(2, u));
  t.pairB.push(name.slice(u + 1));
  t.pairRows.push(r);
  return true;
}

/** The model's IdTables for the current numbering. Numbers its stems: call it after the text's scan, which may start the numbering over. */
function idTablesOf(t: Tables): IdTables {
  const gen = stemGeneration();
  if (t.ids?.gen === gen) return t.ids;
  const uniIds = t.uniStems.map(stemId);
  const a = t.pairA.map(stemId);
  const b = t.pairB.map(stemId);
  const uni = new Int32Array(stemCount()).fill(-1);
  for (let i = 0; i < uniIds.length; i++) uni[uniIds[i]!] = t.uniRows[i]!;
  let bits = 1;
  while (1 << bits < 2 * a.length) bits++;
  const ids: IdTables = { gen, uni, role: new Uint8Array(stemCount()), pairs: new Int32Array(3 << bits).fill(-1), bits };
  for (let i = 0; i < a.length; i++) {
    ids.role[a[i]!]! |= 1;
    ids.role[b[i]!]! |= 2;
    const mask = (1 << bits) - 1;
    let s = pairHash(a[i]!, b[i]!) >>> (32 - bits);
    while (ids.pairs[3 * s] !== -1) s = (s + 1) & mask;
    ids.pairs.set([a[i]!, b[i]!, t.pairRows[i]!], 3 * s);
  }
  return (t.ids = ids);
}

const pairHash = (a: number, b: number): number => Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1);

/** Row of "b:a_b" (stem numbers), -1 for none. */
function pairRow(t: IdTables, a: number, b: number): number {
  const { pairs } = t;
  const mask = (1 << t.bits) - 1;
  for (let s = pairHash(a, b) >>> (32 - t.bits); ; s = (s + 1) & mask) {
    const x = pairs[3 * s]!;
    if (x === -1) return -1;
    if (x === a && pairs[3 * s + 1] === b) return pairs[3 * s + 2]!;
  }
}

/** A known feature, kept for callers that explain a score: its row and how to spell its name. */
export interface KnownFeature {
  /** The row: its weights are TextScores.w[row · L + label]. */
  row: number;
  /** The name, or its parts: "w:" + a for a word, "b:" + a + "_" + b for a pair. */
  kind: 'name' | 'word' | 'pair';
  a: string;
  b: string;
}

export function featureName(f: KnownFeature): string {
  return f.kind === 'word' ? `w:${f.a}` : f.kind === 'pair' ? `b:${f.a}_${f.b}` : f.a;
}

/** What `featurize` + `linearScores` give, and (when asked for) the known features in name order. */
export interface TextScores {
  z: number[];
  hits: RuleHit[];
  known: KnownFeature[] | null;
  /** The model's rows (see KnownFeature.row). */
  w: Float64Array;
}

/** Counts distinct features and keeps the known ones' rows (and, when asked, how to name them), in the order featurize names them. */
class Collector {
  count = 0;
  readonly rowList: number[] = [];
  constructor(private readonly named: Map<string, number>, readonly known: KnownFeature[] | null) {}
  /** Counts a feature and keeps its row (-1: unknown); true when the caller is to name it in `known`. */
  private add(row: number): boolean {
    this.count++;
    if (row < 0) return false;
    this.rowList.push(row);
    return this.known !== null;
  }
  word(row: number, id: number): void {
    if (this.add(row)) this.known!.push({ row, kind: 'word', a: stemString(id), b: '' });
  }
  pair(row: number, a: number, b: number): void {
    if (this.add(row)) this.known!.push({ row, kind: 'pair', a: stemString(a), b: stemString(b) });
  }
  name(n: string): void {
    const row = this.named.get(n) ?? -1;
    if (this.add(row)) this.known!.push({ row, kind: 'name', a: n, b: '' });
  }
}

/**
 * Per text, by stem number: `seen` holds the number of the last text a stem was in, `local` its
 * number among that text's distinct words (the start marker 0); `pairSeen[first·base + second]`,
 * base above any local number, the last text a pair of local numbers was in. Stamped with the text's
 * number, never cleared: a Set of pairs and a record per word per model, each looked up in a map,
 * were most of wordFeatures' time (issue 11). One text at a time: wordFeatures does not call out.
 */
let seen = new Int32Array(1 << 12);
let local = new Int32Array(1 << 12);
let pairSeen = new Int32Array(1 << 12);
let textNo = 0;

/** The next text's number, with the arrays above long enough for every stem number and `base`² pairs. */
function nextText(base: number): number {
  const n = stemCount();
  if (seen.length < n) {
    const len = Math.max(n, seen.length * 2);
    seen = new Int32Array(len);
    local = new Int32Array(len);
  }
  if (pairSeen.length < base * base) pairSeen = new Int32Array(Math.max(base * base, pairSeen.length * 2));
  // Stamps from before a wrap-around could match again: start them over (2^30 texts apart).
  if (textNo >= 1 << 30) {
    seen.fill(0);
    pairSeen.fill(0);
    textNo = 0;
  }
  return ++textNo;
}

/**
 * The word and pair features of the tokens (stem numbers), each distinct one once, in featurize's
 * order. Distinct tokens are numbered per text (the start marker 0), and a pair is the number
 * first·base + second, base above any token's number.
 */
function wordFeatures(toks: readonly number[], bigrams: boolean, t: IdTables, c: Collector): void {
  const base = toks.length + 1;
  const text = nextText(base);
  const { uni, role } = t;
  const sn = seen;
  const lo = local;
  const ps = pairSeen;
  sn[START_ID] = text;
  lo[START_ID] = 0;
  let prev = START_ID;
  let n = 1;
  for (let i = 0; i < toks.length; i++) {
    const id = toks[i]!;
    if (sn[id] !== text) {
      sn[id] = text;
      lo[id] = n++;
      if (!isStopId(id)) c.word(id < uni.length ? uni[id]! : -1, id);
    }
    if (bigrams) {
      const key = lo[prev]! * base + lo[id]!;
      if (ps[key] !== text) {
        ps[key] = text;
        const known = prev < role.length && id < role.length && (role[prev]! & 1) !== 0 && (role[id]! & 2) !== 0;
        c.pair(known ? pairRow(t, prev, id) : -1, prev, id);
      }
    }
    prev = id;
  }
}

/**
 * `linearScores(model, [...featurize(text, opts, lexicon).names, ...extra])` and featurize's rule hits.
 * `extra`: names after featurize's (the detector's cues), distinct from them and from each other;
 * `explain`: also return the known features (the detector names its strongest).
 */
export function textScores(
  model: LinearModel, text: string, opts: FeatureOptions = {}, lexicon?: ReadonlySet<string>, extra: readonly string[] = [], explain = false,
): TextScores {
  const t = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  // The scan first: it may start the stem numbering over, and idTablesOf numbers the model's stems.
  const toks = sharedTokenIds(t, opts.mask ?? false, lexicon);
  const tables = tablesOf(model);
  const c = new Collector(tables.named, explain ? [] : null);
  wordFeatures(toks, opts.bigrams !== false, idTablesOf(tables), c);
  const hits = ruleHits(t);
  for (const h of hits) c.name(`r:${h.rule.id}`);
  const actor = opts.actor === false ? null : firstActor(t);
  if (actor) {
    c.name(`a:${actor}`);
    for (const h of hits) c.name(`x:${h.rule.id}_${actor}`);
  }
  for (const n of extra) c.name(n);
  const { L, w } = tables;
  const z = model.bias.slice();
  const v = norm(c.count);
  for (const row of c.rowList) for (let k = 0; k < L; k++) z[k]! += w[row * L + k]! * v;
  return { z, hits, known: c.known, w };
}
