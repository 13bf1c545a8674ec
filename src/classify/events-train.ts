/**
 * Training and grouped cross-validation of the sub-event classifier, called
 * by scripts/train-events.ts (`npm run train -- --task events …`). Reads
 * ../shared data at train time only; see docs/eval-acled-classifier.md for
 * the settings chosen and the figures.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyAcled, classifyEvent } from './events.js';
import { buildLexicon, featurize, type FeatureOptions } from './features.js';
import { DEFAULT_SETTINGS, trainLinear, type LinearModel, type TrainSettings } from '../learn/linear.js';
import { SUBTYPE_CODES, subtypeInfo } from './labels.js';
import { scoreClassification } from '../learn/metrics.js';
import { BATCH_DEFAULTS, pruneModel, trainBatched, type BatchItem, type BatchSettings } from '../learn/sgd.js';
import { csvPath, readAcled, readPlover, type AcledItem } from './corpora.js';
import { ACLED_CODES, acledExamples, gtdExamples, ownExamples, type Example } from './events-corpus.js';

/** Own snippets are hashed into this many folds; ACLED has eight country groups. */
export const FOLDS = 8;
const FIRST_LINE = /\r?\n/;

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** The base model: our own snippets and PLOVER records, full-batch trainer (linear.ts), as before. */
export interface BaseConfig {
  features: FeatureOptions;
  ploverWeight: number;
  train: TrainSettings;
}

/** The ACLED expert: ACLED notes (+ GTD summaries) over the 24 ACLED classes, mini-batch trainer (sgd.ts). */
export interface ExpertConfig {
  features: FeatureOptions;
  /** Class balancing of ACLED rows: weight × (rows of the class / mean rows per class)^−balance. */
  balance: number;
  /** Rows without a sub-event type as partial labels over their event type's sub-types. */
  partial: boolean;
  /** Weight of a GTD summary (an ACLED row weighs 1); 0 = no GTD. */
  gtdWeight: number;
  /** Weight of one of our own snippets of an ACLED class (news-style wording); 0 = none. */
  ownWeight: number;
  train: BatchSettings;
}

export interface EventsConfig {
  base: BaseConfig;
  /** null: no expert (the model of before, own snippets and PLOVER only). */
  expert: ExpertConfig | null;
  /** Weight of the expert (events.ts mixProbabilities). */
  alpha: number;
  /** Weights below this are set to 0 and the rest kept to 2 decimals in both models (a compact file; measured in CV). */
  prune: number;
}

/** The settings chosen by grouped cross-validation (docs/eval-acled-classifier.md). */
export const DEFAULT_CONFIG: EventsConfig = Object.freeze({
  base: { features: {}, ploverWeight: 0.5, train: { ...DEFAULT_SETTINGS } },
  expert: { features: { mask: 'names' as const, bigrams: false }, balance: 0.5, partial: true, gtdWeight: 0.5, ownWeight: 5, train: { ...BATCH_DEFAULTS } },
  alpha: 0.5,
  prune: 0.02,
});

export interface DataFile {
  path: string;
  sha256: string;
  items: number;
}

export interface EventsCorpus {
  own: Example[];
  plover: Example[];
  acled: AcledItem[];
  gtdFile: string | null;
  files: DataFile[];
  /** The ACLED dev split beside the train split, when there is one. */
  acledDev: string | null;
  /** Ordinary words of all the training text (features.ts buildLexicon), built on first use. */
  lexicon?: string[];
}

/** The corpus lexicon: stems seen in lower case in any training text (own, PLOVER, ACLED, GTD). */
export function corpusLexicon(c: EventsCorpus): string[] {
  if (!c.lexicon) {
    const texts = [...c.own.map((x) => x.text), ...c.plover.map((x) => x.text), ...c.acled.map((r) => r.text)];
    if (c.gtdFile) texts.push(...gtdExamples(c.gtdFile, 1).map((x) => x.text));
    c.lexicon = buildLexicon(texts);
  }
  return c.lexicon;
}

/** What a --data path holds, from its CSV header or its files. */
export function dataKind(path: string): 'acled' | 'gtd' | 'plover' | null {
  if (!existsSync(path)) return null;
  const csv = statSync(path).isDirectory() ? join(path, 'train.csv') : path;
  if (existsSync(csv) && csv.endsWith('.csv')) {
    const head = readFileSync(csv, 'utf8').slice(0, 4000).split(FIRST_LINE)[0] ?? '';
    if (head.includes('notes') && head.includes('sub_event_type')) return 'acled';
    if (head.includes('summary') && head.includes('attacktype1_txt')) return 'gtd';
    return null;
  }
  return statSync(path).isDirectory() || path.endsWith('.txt') || path.endsWith('.json') ? 'plover' : null;
}

export function loadEventsCorpus(ownPath: string, data: string[], relPath: (p: string) => string): EventsCorpus {
  const own = ownExamples(ownPath, FOLDS);
  const c: EventsCorpus = { own, plover: [], acled: [], gtdFile: null, files: [{ path: relPath(ownPath), sha256: sha256(readFileSync(ownPath)), items: own.length }], acledDev: null };
  for (const d of data) {
    const kind = dataKind(d);
    if (kind === 'plover') {
      const p = readPlover(d);
      c.plover = p.items.map((x) => ({ text: x.text, label: x.label, weight: 1, source: 'plover', group: 'plover' }));
      c.files.push({ path: p.file, sha256: sha256(readFileSync(p.file)), items: p.items.length });
    } else if (kind === 'acled') {
      const f = csvPath(d, 'train');
      c.acled = readAcled(f);
      c.files.push({ path: f, sha256: sha256(readFileSync(f)), items: c.acled.length });
      const dev = csvPath(d, 'dev');
      if (dev !== f && existsSync(dev)) c.acledDev = dev;
    } else if (kind === 'gtd') {
      c.gtdFile = csvPath(d, 'train');
      c.files.push({ path: c.gtdFile, sha256: sha256(readFileSync(c.gtdFile)), items: 0 });
    } else {
      process.stderr.write(`no training data recognised at ${d}; skipped\n`);
    }
  }
  return c;
}

/** Training examples of the base model (own snippets, PLOVER). */
export function baseExamples(c: EventsCorpus, cfg: BaseConfig): Example[] {
  return [...c.own, ...c.plover.map((x) => ({ ...x, weight: cfg.ploverWeight }))].filter((x) => x.weight > 0);
}

const IS_ACLED_CODE = new Set(ACLED_CODES);

/** Training examples of the ACLED expert (ACLED rows, GTD summaries, optionally our own snippets of ACLED classes). */
export function expertExamples(c: EventsCorpus, cfg: ExpertConfig): Example[] {
  const out = acledExamples(c.acled, { weight: 1, balance: cfg.balance, partial: cfg.partial });
  if (c.gtdFile && cfg.gtdWeight > 0) out.push(...gtdExamples(c.gtdFile, cfg.gtdWeight));
  if (cfg.ownWeight > 0) out.push(...c.own.filter((x) => IS_ACLED_CODE.has(x.label)).map((x) => ({ ...x, weight: cfg.ownWeight })));
  return out;
}

const featureCache = new Map<string, Map<string, string[]>>();

/** Features of a text, computed once per feature setting (cross-validation refits many times; one lexicon per run). */
export function cachedFeatures(text: string, opts: FeatureOptions, lexicon?: ReadonlySet<string>): string[] {
  const key = JSON.stringify(opts);
  let m = featureCache.get(key);
  if (!m) featureCache.set(key, (m = new Map()));
  let f = m.get(text);
  if (!f) m.set(text, (f = featurize(text, opts, lexicon).names));
  return f;
}

export function fitBase(xs: Example[], cfg: BaseConfig): LinearModel {
  const items = xs.map((x) => ({ features: cachedFeatures(x.text, cfg.features), label: x.label, weight: x.weight }));
  const m = trainLinear(items, [...SUBTYPE_CODES], cfg.train);
  return Object.keys(cfg.features).length ? { ...m, features: cfg.features } : m;
}

const lexiconSets = new WeakMap<string[], ReadonlySet<string>>();

export function fitExpert(xs: Example[], cfg: ExpertConfig, lexicon: string[]): LinearModel {
  const names = cfg.features.mask === 'names';
  let set = lexiconSets.get(lexicon);
  if (!set) lexiconSets.set(lexicon, (set = new Set(lexicon)));
  const items: BatchItem[] = xs.map((x) => ({ features: cachedFeatures(x.text, cfg.features, names ? set : undefined), label: x.label, weight: x.weight, ...(x.allowed ? { allowed: x.allowed } : {}) }));
  const model = pruneModel(trainBatched(items, [...ACLED_CODES], cfg.train, cfg.features), cfg.train.prune);
  return names ? { ...model, lexicon } : model;
}

/** The base model with the expert attached at weight `alpha`, both pruned to `prune` (2 decimals) when it is > 0. */
export function combine(base: LinearModel, expert: LinearModel | null, alpha: number, prune = 0): LinearModel {
  const small = (m: LinearModel): LinearModel => (prune > 0 ? pruneModel(m, prune, 2) : m);
  return expert && alpha > 0 ? { ...small(base), expert: { weight: alpha, model: small(expert) } } : small(base);
}

export interface AcledScores {
  subAccuracy: number;
  subMacroF1: number;
  subWeightedF1: number;
  eventAccuracy: number;
  /** The same, read top-down (classifyAcled: the event type first, then its best sub-type). */
  subAccuracyTopDown: number;
  eventAccuracyTopDown: number;
  nSub: number;
  nEvent: number;
}

/** Predictions for ACLED rows: the classifier's label (rule boosts included), and the top-down ACLED code; 'NONE' where there is none. */
export function predictRows(model: LinearModel, rows: readonly { text: string }[]): { flat: string[]; topDown: string[] } {
  const flat: string[] = [];
  const topDown: string[] = [];
  for (const r of rows) {
    flat.push(classifyEvent(r.text, model)?.label ?? 'NONE');
    topDown.push(classifyAcled(r.text, model)?.code ?? 'NONE');
  }
  return { flat, topDown };
}

function accuracies(rows: readonly Pick<AcledItem, 'code' | 'eventType'>[], predicted: readonly string[]): { sub: number; event: number } {
  let sub = 0;
  let nSub = 0;
  let ev = 0;
  let nEv = 0;
  rows.forEach((r, i) => {
    const label = predicted[i]!;
    if (r.code) {
      nSub++;
      if (label === r.code) sub++;
    }
    if (r.eventType) {
      nEv++;
      if (subtypeInfo(label)?.event === r.eventType) ev++;
    }
  });
  return { sub: nSub ? sub / nSub : 0, event: nEv ? ev / nEv : 0 };
}

/** Sub-event accuracy over rows with a code; event-type accuracy over every row with an event type. */
export function scoreAcled(rows: readonly Pick<AcledItem, 'code' | 'eventType'>[], predicted: { flat: readonly string[]; topDown: readonly string[] }): AcledScores {
  const pairs: { gold: string; predicted: string }[] = [];
  rows.forEach((r, i) => {
    if (r.code) pairs.push({ gold: r.code, predicted: predicted.flat[i]! });
  });
  const s = scoreClassification(pairs);
  const flat = accuracies(rows, predicted.flat);
  const td = accuracies(rows, predicted.topDown);
  return { subAccuracy: flat.sub, subMacroF1: s.macroF1, subWeightedF1: s.weightedF1, eventAccuracy: flat.event, subAccuracyTopDown: td.sub, eventAccuracyTopDown: td.event, nSub: pairs.length, nEvent: rows.filter((r) => r.eventType).length };
}
