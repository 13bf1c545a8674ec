/**
 * A linear model's logits for a text without building its feature names (issue 11).
 *
 * `featurize` (features.ts) is the reference definition: it makes the names ("w:attack",
 * "b:<s>_gunmen", "r:arrest", …), training reads them, and `linearScores` looks each up in the
 * model. Tagging did the same for every sentence the event detector and the event classifier read,
 * and building and hashing a string per word and per word pair was most of their cost. Here the
 * model's word and word-pair features are parsed out of it once, into tables keyed by the stems
 * themselves (the scan keeps one string per stem, so each is hashed once); a text's words are looked
 * up in them in the order `featurize` would name them. The few other features (keyword rules, actor,
 * the detector's cues) are looked up by name as before.
 *
 * Same logits, bit for bit: the same rows are added in the same order, each scaled by the same
 * 1/sqrt(number of distinct features), unknown features counted and skipped as `linearScores` does.
 * fast-features.test.ts checks it against `linearScores(featurize(…))`.
 */
import { firstActor, MAX_CHARS, sharedTokens, STOP, type FeatureOptions } from './features.js';
import { norm, type LinearModel } from '../learn/linear.js';
import { packedRows } from '../learn/packed.js';
import { ruleHits, type RuleHit } from './rules.js';

/**
 * A model's weights for tagging: every row in one array (row r at w[r·L .. r·L + L)), found by the
 * words of a word or pair feature, or by the name of any other. One pass over the model's weights:
 * a typed array and a [name, row] pair per feature, as `linearScores` keeps them, took longer to
 * build for the detector's 63,000 features than a hundred documents took to score (issue 11).
 */
interface Tables {
  L: number;
  w: Float64Array;
  /** Stem → row of "w:stem". */
  uni: Map<string, number>;
  /** Previous token → token → row of "b:prev_token". */
  bi: Map<string, Map<string, number>>;
  /** Any other feature's name → its row. */
  named: Map<string, number>;
  /** Words read so far with this model, each looked up in uni and bi once (see wordFeatures). */
  words: Map<string, Word>;
  /** Texts read so far: a word's `seen` is the number of the last text it was in. */
  texts: number;
}

/** A word as this model reads it: its rows, found once, and where it stands in the text being read. */
interface Word {
  /** Row of "w:word" (undefined: no such feature). */
  uni: number | undefined;
  /** Next word → row of "b:word_next". */
  next: Map<string, number> | undefined;
  stop: boolean;
  /** The number of the last text it was in, and its number among that text's distinct words. */
  seen: number;
  local: number;
}

/** Words kept per model before the cache starts over (memory bound for long runs; checked between texts). */
const WORDS_MAX = 200_000;

function wordOf(t: Tables, w: string): Word {
  let e = t.words.get(w);
  if (e === undefined) {
    e = { uni: t.uni.get(w), next: t.bi.get(w), stop: STOP.has(w), seen: 0, local: 0 };
    t.words.set(w, e);
  }
  return e;
}

const TABLES = new WeakMap<LinearModel, Tables>();

function tablesOf(model: LinearModel): Tables {
  let t = TABLES.get(model);
  if (t) return t;
  // A model read from its packed copy has its rows already in one array (learn/packed.ts).
  const packed = packedRows(model);
  const names = packed ? packed.names : Object.keys(model.weights);
  const L = model.labels.length;
  t = { L, w: packed ? packed.w : new Float64Array(names.length * L), uni: new Map(), bi: new Map(), named: new Map(), words: new Map(), texts: 0 };
  for (let r = 0; r < names.length; r++) {
    const name = names[r]!;
    if (!packed) t.w.set(model.weights[name]!, r * L);
    if (name.startsWith('w:')) t.uni.set(name.slice(2), r);
    else if (!name.startsWith('b:') || !addPair(t.bi, name, r)) t.named.set(name, r);
  }
  TABLES.set(model, t);
  return t;
}

/**
 * A pair feature "b:prev_token" into the pair table; false when the name is not two tokens. A pair's
 * tokens never hold "_" (tokens are letter runs with inner "'" or "-", numbers and the markers "<s>",
 * "<num>", "<cap>"), so a pair splits at its one "_".
 */
function addPair(bi: Tables['bi'], name: string, r: number): boolean {
  const u = name.indexOf('_', 2);
  if (u < 0 || name.indexOf('_', u + 1) >= 0) return false;
  const prev = name.slice(2, u);
  let next = bi.get(prev);
  if (!next) bi.set(prev, (next = new Map()));
  next.set(name.slice(u + 1), r);
  return true;
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
  add(row: number | undefined, kind: KnownFeature['kind'], a: string, b = ''): void {
    this.count++;
    if (row === undefined) return;
    this.rowList.push(row);
    this.known?.push({ row, kind, a, b });
  }
  name(n: string): void {
    this.add(this.named.get(n), 'name', n);
  }
}

/**
 * The word and pair features of the tokens, each distinct one once, in featurize's order. Distinct
 * tokens are numbered per text (the start marker 0), and a pair is the number first·base + second,
 * base above any token's number. Each word's rows are looked up once per model and kept with its
 * number in the current text: one map lookup per token and one per pair, where there were four and
 * a map and a set per text (issue 11).
 */
function wordFeatures(toks: readonly string[], bigrams: boolean, tables: Tables, c: Collector): void {
  if (tables.words.size + toks.length + 1 > WORDS_MAX) tables.words.clear();
  const text = ++tables.texts;
  const base = toks.length + 1;
  const pairs = new Set<number>();
  let prev = wordOf(tables, '<s>');
  prev.seen = text;
  prev.local = 0;
  let prevW = '<s>';
  let n = 1;
  for (const w of toks) {
    const e = wordOf(tables, w);
    if (e.seen !== text) {
      e.seen = text;
      e.local = n++;
      if (!e.stop) c.add(e.uni, 'word', w);
    }
    if (bigrams) {
      const key = prev.local * base + e.local;
      if (!pairs.has(key)) {
        pairs.add(key);
        c.add(prev.next?.get(w), 'pair', prevW, w);
      }
    }
    prev = e;
    prevW = w;
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
  const tables = tablesOf(model);
  const c = new Collector(tables.named, explain ? [] : null);
  wordFeatures(sharedTokens(t, opts.mask ?? false, lexicon), opts.bigrams !== false, tables, c);
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
