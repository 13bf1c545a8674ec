/**
 * `npm run train -- --task target-type --data ../shared/eval/gtd-modern [--cv] [--out DIR]`
 *
 * Trains the GTD target-type classifier (src/classify/target-type.ts) on gtd-modern train: each
 * summary with a coded targtype1_txt is one item. Settings and the exporter's threshold are chosen by
 * cross-validation grouped by country_txt (CV_FOLDS folds of whole countries), so the figure says how it
 * does on countries it has not seen:
 *
 *   1. for each candidate setting (CANDIDATES), out-of-fold accuracy of the classifier alone;
 *   2. with the best setting, the exporter's rule as it runs: the pipeline's typed target when the
 *      target finder found one, else the out-of-fold classifier label when p ≥ t. The threshold t
 *      is the one (THRESHOLD_GRID) with the best accuracy of the whole field.
 *
 * Writes models/target-type.json (the model and its threshold) and models/target-type.meta.json
 * (data path, sha256, rows, settings, CV figures). `--cv` prints the figures and writes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupFolds } from '../src/classify/cv.js';
import { buildLexicon, type FeatureOptions } from '../src/classify/features.js';
import type { LinearModel } from '../src/learn/linear.js';
import { BATCH_DEFAULTS, pruneModel, trainBatched, type BatchSettings } from '../src/learn/sgd.js';
import { targetTypeFeatures, targetTypeProbs, targetTypeText, type TargetTypeModel } from '../src/classify/target-type.js';
import { csvRecords } from '../src/eval/gtd-csv.js';
import { intakeBuffer } from '../src/intake/index.js';
import { runPipeline } from '../src/pipeline/index.js';
import { primaryReport } from '../src/resolve/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Folds of whole countries. */
const CV_FOLDS = 5;
/** Thresholds tried for the exporter's use of the classifier. */
const THRESHOLD_GRID = Array.from({ length: 19 }, (_, i) => Math.round(i * 5) / 100);
/** Weights below this are dropped from the written model, to keep it small (the CV figures are of the unpruned model). */
const PRUNE = 0.01;

interface Candidate {
  name: string;
  features: FeatureOptions;
  lead?: boolean;
  train: BatchSettings;
}

/** Settings compared by grouped CV; the best is written. */
export const CANDIDATES: Candidate[] = [
  { name: 'words, lead words, names masked, bias, l2 1e-4', lead: true, features: { bigrams: false, actor: false, mask: 'names' }, train: { ...BATCH_DEFAULTS, fitBias: true, l2: 1e-4 } },
  { name: 'words, lead words, bias, l2 1e-4', lead: true, features: { bigrams: false, actor: false }, train: { ...BATCH_DEFAULTS, fitBias: true, l2: 1e-4 } },
  { name: 'words, lead words, names masked, bias, l2 3e-5', lead: true, features: { bigrams: false, actor: false, mask: 'names' }, train: { ...BATCH_DEFAULTS, fitBias: true, l2: 3e-5 } },
  { name: 'words, lead words, names masked, bias, l2 1e-4, 24 epochs', lead: true, features: { bigrams: false, actor: false, mask: 'names' }, train: { ...BATCH_DEFAULTS, fitBias: true, l2: 1e-4, epochs: 24 } },
];

interface Item {
  text: string;
  label: string;
  group: string;
}

function fit(items: Item[], c: Candidate, labels: string[]): LinearModel {
  const lexicon = c.features.mask === 'names' ? buildLexicon(items.map((x) => x.text)) : undefined;
  const shell: TargetTypeModel = { labels, features: c.features, ...(lexicon ? { lexicon } : {}), ...(c.lead ? { lead: true } : {}), bias: [], weights: {}, threshold: 1 };
  const train = items.map((x) => ({ features: targetTypeFeatures(x.text, shell), label: x.label, weight: 1 }));
  const m = trainBatched(train, labels, c.train, c.features);
  return { ...m, ...(lexicon ? { lexicon } : {}), ...(c.lead ? { lead: true } : {}) };
}

/** Out-of-fold probabilities of every item under a candidate setting. */
function outOfFold(items: Item[], c: Candidate, labels: string[], fold: Int32Array): number[][] {
  const probs: number[][] = new Array(items.length);
  for (let f = 0; f < CV_FOLDS; f++) {
    const m = fit(items.filter((_, i) => fold[i] !== f), c, labels);
    items.forEach((x, i) => {
      if (fold[i] === f) probs[i] = targetTypeProbs(m, x.text);
    });
  }
  return probs;
}

const argmax = (p: number[]): number => p.reduce((b, x, k) => (x > p[b]! ? k : b), 0);

/** What the pipeline gives each summary: the typed target's type, or null; the text the classifier reads. */
function pipelineTypes(texts: string[]): { rule: string | null; text: string; incident: boolean }[] {
  // The pipeline never reads the target-type model (only the GTD exporter does): the rule type is what it gives.
  return texts.map((summary, i) => {
    const doc = intakeBuffer(Buffer.from(summary), `gtd:${i}`, 'text');
    const st = runPipeline(doc);
    const inScope = st.incidents.filter((r) => r.type.value.gtdAttackType !== null);
    const pool = inScope.length ? inScope : st.incidents;
    if (!pool.length) return { rule: null, text: summary, incident: false };
    const r = primaryReport(pool);
    const t = r.targets[0]?.value.gtdTargetType;
    return { rule: t && t !== 'Unknown' ? t : null, text: targetTypeText(doc.text, r.anchor), incident: true };
  });
}

interface ThresholdFigures {
  threshold: number;
  accuracy: number;
  rulesOnly: number;
  ruleTyped: number;
  ruleTypedAccuracy: number;
  classifierOnRuleTyped: number;
}

/** The exporter's rule with out-of-fold classifier answers, at each threshold; the best. */
function chooseThreshold(items: Item[], probs: number[][], labels: string[]): ThresholdFigures {
  const pipe = pipelineTypes(items.map((x) => x.text));
  const n = items.length;
  const acc = (t: number): number => items.filter((x, i) => {
    const p = pipe[i]!;
    if (!p.incident) return x.label === 'Unknown';
    if (p.rule) return p.rule === x.label;
    const k = argmax(probs[i]!);
    return (probs[i]![k]! >= t ? labels[k]! : 'Unknown') === x.label;
  }).length / n;
  let best = { t: 1, a: acc(1.01) };
  for (const t of THRESHOLD_GRID) {
    const a = acc(t);
    if (a >= best.a) best = { t, a };
  }
  const typed = items.map((x, i) => ({ x, p: pipe[i]!, i })).filter(({ p }) => p.rule);
  return {
    threshold: best.t,
    accuracy: best.a,
    rulesOnly: acc(1.01),
    ruleTyped: typed.length,
    ruleTypedAccuracy: typed.filter(({ x, p }) => p.rule === x.label).length / (typed.length || 1),
    classifierOnRuleTyped: typed.filter(({ x, i }) => labels[argmax(probs[i]!)] === x.label).length / (typed.length || 1),
  };
}

function loadItems(file: string): { items: Item[]; bytes: Buffer; rows: number } {
  const bytes = readFileSync(file);
  const recs = csvRecords(bytes.toString('utf8'));
  const items = recs.filter((r) => (r.targtype1_txt ?? '').trim() && (r.summary ?? '').trim())
    .map((r) => ({ text: r.summary!, label: r.targtype1_txt!.trim(), group: r.country_txt ?? '' }));
  return { items, bytes, rows: recs.length };
}

function report(line: string): void {
  process.stderr.write(`${line}\n`);
}

export async function train(args: string[]): Promise<void> {
  const d = args.indexOf('--data');
  const data = resolve(d >= 0 ? args[d + 1]! : join(ROOT, '..', 'shared', 'eval', 'gtd-modern'));
  const file = statSync(data).isDirectory() ? join(data, 'train.csv') : data;
  const o = args.indexOf('--out');
  const outDir = resolve(o >= 0 ? args[o + 1]! : join(ROOT, 'models'));
  const { items, bytes, rows } = loadItems(file);
  const labels = [...new Set(items.map((x) => x.label))].sort();
  const fold = groupFolds(items.map((x) => x.group), CV_FOLDS);
  let best: { c: Candidate; acc: number; probs: number[][] } | null = null;
  const cv: Record<string, number> = {};
  for (const c of CANDIDATES) {
    const probs = outOfFold(items, c, labels, fold);
    const acc = items.filter((x, i) => labels[argmax(probs[i]!)] === x.label).length / items.length;
    cv[c.name] = Math.round(acc * 1000) / 1000;
    report(`CV (by country, ${CV_FOLDS} folds) classifier alone, ${c.name}: ${acc.toFixed(3)}`);
    if (!best || acc > best.acc) best = { c, acc, probs };
  }
  const th = chooseThreshold(items, best!.probs, labels);
  report(`chosen: ${best!.c.name}; exporter field CV accuracy ${th.accuracy.toFixed(3)} at threshold ${th.threshold} (rules alone ${th.rulesOnly.toFixed(3)}); rule-typed ${th.ruleTyped} items: rules ${th.ruleTypedAccuracy.toFixed(3)}, classifier ${th.classifierOnRuleTyped.toFixed(3)}`);
  if (args.includes('--cv')) return;
  const model: TargetTypeModel = { ...pruneModel(fit(items, best!.c, labels), PRUNE), threshold: th.threshold };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'target-type.json'), `${JSON.stringify(model)}\n`);
  const meta = {
    task: 'target-type',
    description: 'GTD targtype1_txt from a summary: logistic regression over words and bigrams; used by the GTD exporter when no typed target is found and p >= threshold',
    data: { file, sha256: createHash('sha256').update(bytes).digest('hex'), rows, items: items.length },
    settings: { candidate: best!.c.name, features: best!.c.features, train: best!.c.train, prune: PRUNE, folds: CV_FOLDS, groupedBy: 'country_txt' },
    cv: { classifierAlone: cv, exporterField: th },
    model: { labels: labels.length, features: Object.keys(model.weights).length },
    date: new Date().toISOString(),
  };
  writeFileSync(join(outDir, 'target-type.meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
  report(`wrote ${join(outDir, 'target-type.json')}: ${meta.model.features} features, threshold ${th.threshold}`);
}
