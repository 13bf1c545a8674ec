/**
 * A learned PLACE / not-PLACE decision for the capitalised runs the mention
 * finder types (mentions.ts), trained on ACLED train by distant supervision
 * (scripts/train-place-tagger.ts). It speaks only on runs the rules typed
 * PLACE or whose name the gazetteer knows; demonyms are left alone.
 *
 * The switch defaults to the rules: the pipeline context reads
 * models/place-tagger.json the first time a document's mentions are found
 * (never at start-up), and the model is used only when that file says `use: "model"` or
 * `use: "combined"` (the rules unless the model is very sure otherwise).
 * A missing or unreadable file, or DOSSIER_PLACE_TAGGER=rules, gives the rules.
 *
 * The trainer watches the runs through a recorder on the tagger it puts in its context.
 */
import { readFileSync } from 'node:fs';
import { linearScores, softmax, type LinearModel } from '../learn/linear.js';
import { findModelFile } from '../learn/model-file.js';
import type { MentionType } from '../model/index.js';
import type { PlaceCandidate } from './gazetteer/gazetteer.js';
import type { Token } from './tokens.js';

/** The model file under models/. */
export const PLACE_TAGGER_FILE = 'place-tagger.json';
/** Environment variable: `rules` runs with the rules whatever the model file says. */
export const PLACE_TAGGER_ENV = 'DOSSIER_PLACE_TAGGER';

/** rules: the typing rules alone; model: the model decides; combined: the rules unless the model's probability against them is at least `sure`. */
export type PlaceTaggerMode = 'rules' | 'model' | 'combined';

export interface PlaceTaggerFile {
  use: PlaceTaggerMode;
  /** In `combined`, the probability the model needs to overrule the rules. */
  sure: number;
  model: LinearModel | null;
}

/** A typed run as the tagger sees it: tokens toks[a, b) of its sentence, the rules' type and reason, its gazetteer readings. */
export interface TaggedRun {
  toks: readonly Token[];
  a: number;
  b: number;
  text: string;
  type: MentionType | null;
  reason: string;
  readings: readonly PlaceCandidate[];
}

/** Where a quoted or bracketed piece of a rule's reason may open. */
const OPENER = /["(]/g;
const SPACES = /\s+/g;
/** Prepositions recorded as such before a run. */
const PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'near', 'at', 'from', 'to', 'outside', 'into', 'across', 'of', 'on', 'around', 'between', 'and', 'towards', 'toward', 'within', 'by']);
const POPULATION_BUCKETS = [1_000, 10_000, 100_000, 1_000_000];

/** The rule step that typed a run, from its reason: `gazetteer: place name after "in"` → `gazetteer: place name after`. */
export function ruleStep(reason: string): string {
  return dropQuoted(reason).replace(SPACES, ' ').trim();
}

/**
 * A reason without its quoted words ("followed by \"party\"") and bracketed pieces: what
 * reason.replace(/"[^"]*"|\([^)]*\)/g, '') gives. By code, because that pattern was quadratic: an
 * opener with no closer after it read to the end, and so did every later one of its kind; here the
 * first such opener says none of its kind closes again.
 */
export function dropQuoted(reason: string): string {
  let out = '';
  let from = 0;
  const open = { '"': true, '(': true };
  OPENER.lastIndex = 0;
  for (let m = OPENER.exec(reason); m; m = OPENER.exec(reason)) {
    const opener = m[0] as '"' | '(';
    if (!open[opener]) continue;
    const close = reason.indexOf(opener === '"' ? '"' : ')', m.index + 1);
    if (close < 0) {
      open[opener] = false;
      continue;
    }
    out += reason.slice(from, m.index);
    from = OPENER.lastIndex = close + 1;
  }
  return out + reason.slice(from);
}

function bucket(x: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && x >= edges[k]!) k++;
  return k;
}

/** Features of a run: words around it, its shape, the rules' decision and step, gazetteer facts, the preposition before it. */
export function placeFeatures(r: TaggedRun): string[] {
  const { toks, a, b } = r;
  const w = (k: number): string => toks[k]?.lower ?? (k < a ? '<s>' : '</s>');
  const f = ['bias', `w-2=${w(a - 2)}`, `w-1=${w(a - 1)}`, `w+1=${w(b)}`, `w+2=${w(b + 1)}`];
  const prev = toks[a - 1];
  f.push(`prep=${prev && PREPOSITIONS.has(prev.lower) ? prev.lower : 'none'}`);
  const last = toks[b - 1]!;
  f.push(`len=${Math.min(b - a, 4)}`, `suf=${last.lower.slice(-3)}`, `caps=${toks.slice(a, b).every((t) => t.allCaps || !t.isWord)}`);
  f.push(`type=${r.type ?? 'none'}`, `step=${ruleStep(r.reason)}`, `type+prep=${r.type ?? 'none'}+${prev && PREPOSITIONS.has(prev.lower)}`);
  const n = r.readings.length;
  f.push(`readings=${bucket(n, [1, 2, 4, 10])}`);
  if (n > 0) {
    const pop = Math.max(...r.readings.map((c) => c.population ?? 0));
    f.push(`pop=${bucket(pop, POPULATION_BUCKETS)}`);
    for (const kind of new Set(r.readings.map((c) => c.kind))) f.push(`kind=${kind}`);
  }
  return f;
}

/** The tagger in force: its mode and model, and who watches the runs it decides (the trainer). */
export interface PlaceTagger {
  mode: PlaceTaggerMode;
  sure: number;
  model: LinearModel | null;
  /** Called with each run the tagger decides (scripts/train-place-tagger.ts collects them). */
  recorder?: ((r: TaggedRun) => void) | null;
}

/** A tagger file's settings; the rules when the path is null or the file cannot be read or says so. */
export function loadPlaceTagger(path: string | null): PlaceTagger {
  const rules: PlaceTagger = { mode: 'rules', sure: 1, model: null };
  if (!path) return rules;
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as PlaceTaggerFile;
    if ((file.use !== 'model' && file.use !== 'combined') || !file.model) return rules;
    return { mode: file.use, sure: Number.isFinite(file.sure) ? file.sure : 0.9, model: file.model };
  } catch {
    return rules;
  }
}

/** The file the default tagger is read from: models/place-tagger.json, or null (DOSSIER_PLACE_TAGGER=rules, or no file). */
export function placeTaggerFile(): string | null {
  return process.env[PLACE_TAGGER_ENV] === 'rules' ? null : findModelFile(PLACE_TAGGER_FILE);
}

/** Does the tagger need to see runs? False with the rules and no recorder: mentions.ts then does nothing more. */
export function placeTaggerOn(t: PlaceTagger): boolean {
  return !!t.recorder || t.mode !== 'rules';
}

/** The probability that the run is a place, by the model. */
export function placeProbability(model: LinearModel, r: TaggedRun): number {
  return featuresProbability(model, placeFeatures(r));
}

/** The probability of PLACE for a run's features. */
export function featuresProbability(model: LinearModel, features: string[]): number {
  const p = softmax(linearScores(model, features));
  return p[model.labels.indexOf('PLACE')] ?? 0;
}

/** A run the tagger decides: one the rules typed PLACE or one the gazetteer knows; not a demonym, not a country name (those stay with the rules). */
export function taggable(r: TaggedRun): boolean {
  return r.type !== 'NORP' && (r.type === 'PLACE' || r.readings.length > 0) && !r.readings.some((c) => c.kind === 'country');
}

/** The run's type after the tagger: PLACE, or the rules' type (null where the rules said PLACE and the tagger does not). */
export function placeTaggerType(t: PlaceTagger, r: TaggedRun): MentionType | null {
  if (!taggable(r)) return r.type;
  if (t.recorder) t.recorder(r);
  if (t.mode === 'rules' || !t.model) return r.type;
  const p = placeProbability(t.model, r);
  const rule = r.type === 'PLACE';
  const place = t.mode === 'model' ? p >= 0.5 : rule ? p > 1 - t.sure : p >= t.sure;
  if (place === rule) return r.type;
  return place ? 'PLACE' : null;
}
