/**
 * `npm run train -- --task event-detector --data ../shared/eval/acled --data ../shared/eval/gtd-modern --data ../shared/eval/polnear [options]`
 *
 * Trains the event detector (detector.ts) on the train splits (detector-corpus.ts
 * says what is positive and negative) and our own sentences
 * (data/training/event-sentences.tsv, data/training/acled-subtypes.tsv); writes
 * models/event-detector.json and models/event-detector.meta.json (files with sha256,
 * counts, settings, the cross-validated threshold and figures, dev figures).
 *
 * Grouped cross-validation (always run; `--cv` alone prints and writes nothing, and then
 * options may be comma lists): five folds of whole groups — ACLED country extracts, GTD
 * regions, PolNeAR outlets, hashed own sentences. Out-of-fold scores are weighted so that
 * each of the five scored kinds (ACLED first sentences, GTD first sentences, own events,
 * own non-events, PolNeAR sentences) counts the same; the threshold is the one with the
 * best balanced accuracy on them. `--dev` adds figures on the dev splits beside train.
 *
 * Options: --mask 0|1 --bigrams 0|1 --cues 0|1 --note X --later X --polnear-event-like X
 * --own-weight X --epochs N --lr X --l2 X --batch N --min-count N --prune X --out DIR
 * --dev [--case2021 FILE] (CASE 2021 dev snippets: the ACLED classes should read as events).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bestThreshold, binaryScores, groupFolds, type BinaryScores } from './cv.js';
import { detectorFeatures, DETECTOR_FEATURES } from './detector-features.js';
import { balanceClasses, detectorExamples, EVAL_KINDS, type DetectorExample, type DetectorKind, type DetectorSources, type DetectorWeights } from './detector-corpus.js';
import { eventProbability } from './detector.js';
import type { FeatureOptions } from './features.js';
import type { LinearModel } from '../learn/linear.js';
import { BATCH_DEFAULTS, pruneModel, trainBatched, type BatchSettings } from '../learn/sgd.js';
import { csvPath } from './corpora.js';
import { dataKind, sha256 } from './events-train.js';
import { detectorDev } from './detector-dev.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CV_FOLDS = 5;

export interface DetectorConfig {
  features: FeatureOptions;
  weights: DetectorWeights;
  train: BatchSettings;
}

/** Chosen by grouped cross-validation (docs/eval-acled-classifier.md). */
export const DETECTOR_CONFIG: DetectorConfig = Object.freeze({
  features: { ...DETECTOR_FEATURES },
  weights: { note: 0.5, later: 0, polnearEventLike: 0, own: 10 },
  train: { ...BATCH_DEFAULTS, epochs: 8, l2: 1e-5, minCount: 3, prune: 0.03 },
});

const cache = new Map<string, Map<string, string[]>>();

function features(text: string, opts: FeatureOptions): string[] {
  const key = JSON.stringify(opts);
  let m = cache.get(key);
  if (!m) cache.set(key, (m = new Map()));
  let f = m.get(text);
  if (!f) m.set(text, (f = detectorFeatures(text, opts).names));
  return f;
}

export function fitDetector(xs: DetectorExample[], cfg: DetectorConfig): LinearModel {
  const items = balanceClasses(xs).map((x) => ({ features: features(x.text, cfg.features), label: x.gold ? 'event' : 'other', weight: x.weight }));
  return pruneModel(trainBatched(items, ['other', 'event'], { ...cfg.train, fitBias: true }, cfg.features), cfg.train.prune);
}

export interface DetectorCvResult {
  /** At the chosen threshold, scored items weighted so each kind counts the same. */
  chosen: BinaryScores;
  /** Unweighted precision/recall over all scored items at the chosen threshold. */
  pooled: BinaryScores;
  /** Per kind: items and the share called an event. */
  kinds: Record<string, { n: number; eventRate: number }>;
  seconds: number;
}

export function runDetectorCv(xs: DetectorExample[], cfg: DetectorConfig): DetectorCvResult {
  const t0 = Date.now();
  const fold = groupFolds(xs.map((x) => x.group), CV_FOLDS);
  const scored: { score: number; gold: boolean; weight: number; kind: DetectorKind }[] = [];
  const perKind = new Map<DetectorKind, number>();
  for (const x of xs) if (EVAL_KINDS.includes(x.kind)) perKind.set(x.kind, (perKind.get(x.kind) ?? 0) + 1);
  for (let f = 0; f < CV_FOLDS; f++) {
    const model = fitDetector(xs.filter((_, i) => fold[i] !== f), cfg);
    xs.forEach((x, i) => {
      if (fold[i] !== f || !EVAL_KINDS.includes(x.kind)) return;
      scored.push({ score: eventProbability(model, x.text), gold: x.gold, weight: 1 / perKind.get(x.kind)!, kind: x.kind });
    });
  }
  const chosen = bestThreshold(scored);
  const pooled = binaryScores(scored.map((s) => ({ score: s.score, gold: s.gold })), chosen.threshold);
  const kinds: DetectorCvResult['kinds'] = {};
  for (const k of EVAL_KINDS) {
    const ss = scored.filter((s) => s.kind === k);
    kinds[k] = { n: ss.length, eventRate: ss.length ? ss.filter((s) => s.score >= chosen.threshold).length / ss.length : 0 };
  }
  return { chosen, pooled, kinds, seconds: (Date.now() - t0) / 1000 };
}

/** Which --data path is which source (ACLED and GTD by their CSV header, PolNeAR by its text/ folders). */
export function detectorSources(data: string[], own: { subtypes: string; sentences: string }): DetectorSources {
  const src: DetectorSources = { acled: null, gtd: null, polnear: null, ownSubtypes: existsSync(own.subtypes) ? own.subtypes : null, ownSentences: existsSync(own.sentences) ? own.sentences : null };
  for (const d of data) {
    const kind = existsSync(d) && statSync(d).isDirectory() && existsSync(join(d, 'train', 'text')) ? 'polnear' : dataKind(d);
    if (kind === 'acled') src.acled = csvPath(d, 'train');
    else if (kind === 'gtd') src.gtd = csvPath(d, 'train');
    else if (kind === 'polnear') src.polnear = existsSync(join(d, 'train')) ? join(d, 'train') : d;
    else process.stderr.write(`no detector data recognised at ${d}; skipped\n`);
  }
  return src;
}

const f3 = (x: number): string => x.toFixed(3);

export function describeDetector(cfg: DetectorConfig): string {
  const w = cfg.weights;
  const t = cfg.train;
  return `mask=${cfg.features.mask ? 1 : 0} bigrams=${cfg.features.bigrams === false ? 0 : 1} cues=${cfg.features.cues === false ? 0 : 1} note=${w.note} later=${w.later} polnearEventLike=${w.polnearEventLike} own=${w.own} epochs=${t.epochs} lr=${t.learningRate} l2=${t.l2} batch=${t.batchSize} minCount=${t.minCount}`;
}

export function printDetectorCv(cfg: DetectorConfig, r: DetectorCvResult): void {
  const c = r.chosen;
  process.stdout.write(`CV ${describeDetector(cfg)}\n  threshold ${c.threshold} balanced acc ${f3(c.balancedAccuracy)} (kind-weighted recall ${f3(c.recall)}, specificity ${f3(c.specificity)}) | pooled P ${f3(r.pooled.precision)} R ${f3(r.pooled.recall)} F1 ${f3(r.pooled.f1)} | ${r.seconds.toFixed(0)} s\n`);
  process.stdout.write(`  ${Object.entries(r.kinds).map(([k, v]) => `${k} ${f3(v.eventRate)} event (n ${v.n})`).join('; ')}\n`);
}

const OPTS: [string, (c: DetectorConfig, v: number) => DetectorConfig][] = [
  ['--mask', (c, v) => ({ ...c, features: { ...c.features, mask: v !== 0 } })],
  ['--bigrams', (c, v) => ({ ...c, features: { ...c.features, bigrams: v !== 0 } })],
  ['--cues', (c, v) => ({ ...c, features: { ...c.features, cues: v !== 0 } })],
  ...(['note', 'later', 'polnearEventLike', 'own'] as (keyof DetectorWeights)[]).map((k): [string, (c: DetectorConfig, v: number) => DetectorConfig] => [
    k === 'polnearEventLike' ? '--polnear-event-like' : k === 'own' ? '--own-weight' : `--${k}`,
    (c, v) => ({ ...c, weights: { ...c.weights, [k]: v } }),
  ]),
  ...([['--epochs', 'epochs'], ['--lr', 'learningRate'], ['--l2', 'l2'], ['--batch', 'batchSize'], ['--min-count', 'minCount'], ['--prune', 'prune']] as [string, keyof BatchSettings][]).map(
    ([flag, key]): [string, (c: DetectorConfig, v: number) => DetectorConfig] => [flag, (c, v) => ({ ...c, train: { ...c.train, [key]: v } })],
  ),
];

export function detectorConfigs(args: readonly string[], base: DetectorConfig = DETECTOR_CONFIG): DetectorConfig[] {
  let out = [base];
  for (const [flag, set] of OPTS) {
    const i = args.indexOf(flag);
    if (i < 0 || args[i + 1] === undefined) continue;
    const values = args[i + 1]!.split(',').map(Number);
    if (values.some((v) => Number.isNaN(v))) throw new Error(`${flag}: expected numbers, got ${args[i + 1]}`);
    out = out.flatMap((c) => values.map((v) => set(c, v)));
  }
  return out;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function fileRecord(p: string | null): { path: string; sha256: string }[] {
  if (!p) return [];
  const rel = p.startsWith(ROOT) ? p.slice(ROOT.length) : p;
  if (statSync(p).isDirectory()) return [{ path: rel, sha256: sha256(Buffer.from(JSON.stringify(polnearDigest(p)))) }];
  return [{ path: rel, sha256: sha256(readFileSync(p)) }];
}

/** A folder's digest: the sha256 of each of its text files, by name (the folder's record in the meta). */
function polnearDigest(dir: string): Record<string, string> {
  const textDir = existsSync(join(dir, 'text')) ? join(dir, 'text') : dir;
  const out: Record<string, string> = {};
  for (const f of readdirSync(textDir).filter((x) => x.endsWith('.txt')).sort()) out[f] = sha256(readFileSync(join(textDir, f)));
  return out;
}

export async function train(args: string[]): Promise<void> {
  const data = args.flatMap((a, i) => (a === '--data' && args[i + 1] ? [args[i + 1]!] : []));
  const own = { subtypes: resolve(arg(args, '--own') ?? join(ROOT, 'data/training/acled-subtypes.tsv')), sentences: resolve(arg(args, '--own-sentences') ?? join(ROOT, 'data/training/event-sentences.tsv')) };
  const src = detectorSources(data, own);
  const configs = detectorConfigs(args);
  if (args.includes('--cv')) {
    for (const cfg of configs) printDetectorCv(cfg, runDetectorCv(detectorExamples(src, cfg.weights), cfg));
    return;
  }
  const cfg = configs[0]!;
  const xs = detectorExamples(src, cfg.weights);
  const cv = runDetectorCv(xs, cfg);
  printDetectorCv(cfg, cv);
  const t0 = Date.now();
  const model = { ...fitDetector(xs, cfg), threshold: cv.chosen.threshold };
  const seconds = (Date.now() - t0) / 1000;
  const counts: Record<string, number> = {};
  for (const x of xs) counts[x.kind] = (counts[x.kind] ?? 0) + 1;
  const dev = args.includes('--dev') ? detectorDev(model, cv.chosen.threshold, src, arg(args, '--case2021')) : undefined;
  const outDir = resolve(arg(args, '--out') ?? join(ROOT, 'models'));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'event-detector.json'), `${JSON.stringify(model)}\n`);
  const files = [...fileRecord(src.acled), ...fileRecord(src.gtd), ...fileRecord(src.polnear), ...fileRecord(src.ownSubtypes), ...fileRecord(src.ownSentences)];
  const meta = {
    task: 'event-detector',
    description: 'Binary event detector: is a sentence the report of one political-violence / protest / strategic-development event (ACLED/GTD-codable)? Logistic regression over masked word/bigram, keyword-rule and tense/modality cue features',
    date: new Date().toISOString(),
    files,
    counts: { ...counts, total: xs.length, features: Object.keys(model.weights).length },
    settings: { ...cfg, trainer: 'mini-batch AdaGrad (src/learn/sgd.ts), learned bias, classes balanced by weight' },
    threshold: cv.chosen.threshold,
    cv: { chosen: cv.chosen, pooled: cv.pooled, kinds: cv.kinds, folds: `${CV_FOLDS} folds of whole groups (ACLED country extracts, GTD regions, PolNeAR outlets, hashed own sentences)` },
    ...(dev ? { dev } : {}),
    seconds,
  };
  writeFileSync(join(outDir, 'event-detector.meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
  process.stderr.write(`event detector: ${xs.length} items, ${meta.counts.features} features, threshold ${cv.chosen.threshold} → ${join(outDir, 'event-detector.json')}\n`);
  if (dev) process.stderr.write(`dev: ${JSON.stringify(dev)}\n`);
}
