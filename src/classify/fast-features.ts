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
import { norm, rowsOf, type LinearModel } from './linear.js';
import { ruleHits, type RuleHit } from './rules.js';

interface WordTables {
  /** Stem → row of "w:stem". */
  uni: Map<string, Float64Array>;
  /** Previous token → token → row of "b:prev_token". */
  bi: Map<string, Map<string, Float64Array>>;
}

const TABLES = new WeakMap<LinearModel, WordTables>();

/**
 * The model's word and pair rows by their words. A pair's two tokens never hold "_" (tokens are letter
 * runs with inner "'" or "-", numbers and the markers "<s>", "<num>", "<cap>"), so its name splits at the one "_".
 */
function tablesOf(model: LinearModel): WordTables {
  let t = TABLES.get(model);
  if (t) return t;
  t = { uni: new Map(), bi: new Map() };
  for (const [name, row] of rowsOf(model)) {
    if (name.startsWith('w:')) t.uni.set(name.slice(2), row);
    else if (name.startsWith('b:')) {
      const u = name.indexOf('_', 2);
      if (u < 0 || name.indexOf('_', u + 1) >= 0) continue;
      const prev = name.slice(2, u);
      let next = t.bi.get(prev);
      if (!next) t.bi.set(prev, (next = new Map()));
      next.set(name.slice(u + 1), row);
    }
  }
  TABLES.set(model, t);
  return t;
}

/** A known feature, kept for callers that explain a score: its row and how to spell its name. */
export interface KnownFeature {
  row: Float64Array;
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
}

/** Counts distinct features and keeps the known ones' rows (and, when asked, how to name them), in the order featurize names them. */
class Collector {
  count = 0;
  readonly rowList: Float64Array[] = [];
  constructor(private readonly rows: Map<string, Float64Array>, readonly known: KnownFeature[] | null) {}
  add(row: Float64Array | undefined, kind: KnownFeature['kind'], a: string, b = ''): void {
    this.count++;
    if (!row) return;
    this.rowList.push(row);
    this.known?.push({ row, kind, a, b });
  }
  name(n: string): void {
    this.add(this.rows.get(n), 'name', n);
  }
}

/** Room for a text's distinct tokens in a pair's number (a text is at most MAX_CHARS characters). */
const PAIR_BASE = 2 ** 20;

/**
 * The word and pair features of the tokens, each distinct one once, in featurize's order. Distinct
 * tokens are numbered per text (the start marker 0), and a pair is the number first·PAIR_BASE + second.
 */
function wordFeatures(toks: readonly string[], bigrams: boolean, tables: WordTables, c: Collector): void {
  const local = new Map<string, number>([['<s>', 0]]);
  const pairs = new Set<number>();
  let prev = '<s>';
  let p = 0;
  for (const w of toks) {
    let id = local.get(w);
    if (id === undefined) {
      local.set(w, (id = local.size));
      if (!STOP.has(w)) c.add(tables.uni.get(w), 'word', w);
    }
    if (bigrams && !pairs.has(p * PAIR_BASE + id)) {
      pairs.add(p * PAIR_BASE + id);
      c.add(tables.bi.get(prev)?.get(w), 'pair', prev, w);
    }
    prev = w;
    p = id;
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
  const c = new Collector(rowsOf(model), explain ? [] : null);
  wordFeatures(sharedTokens(t, opts.mask ?? false, lexicon), opts.bigrams !== false, tablesOf(model), c);
  const hits = ruleHits(t);
  for (const h of hits) c.name(`r:${h.rule.id}`);
  const actor = opts.actor === false ? null : firstActor(t);
  if (actor) {
    c.name(`a:${actor}`);
    for (const h of hits) c.name(`x:${h.rule.id}_${actor}`);
  }
  for (const n of extra) c.name(n);
  const L = model.labels.length;
  const z = model.bias.slice();
  const v = norm(c.count);
  for (const row of c.rowList) for (let k = 0; k < L; k++) z[k]! += row[k]! * v;
  return { z, hits, known: c.known };
}
