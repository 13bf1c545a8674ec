/**
 * The event detector: is a sentence (or a short note) the report of one
 * specific political-violence, protest or strategic-development event of the
 * kind ACLED or GTD would code — or something else (commentary, forecast,
 * background, statistics, policy talk, general political news)?
 *
 *   score = P(event) of a binary logistic regression over the detector's
 *           features (detector-features.ts); isEvent = score ≥ EVENT_THRESHOLD.
 *
 * The model is read lazily from models/event-detector.json (trained by
 * `npm run train -- --task event-detector`, its data and settings in
 * models/event-detector.meta.json). Without the model the detector falls back
 * to a rule: a keyword rule of a violence/protest class fires and the
 * sentence has a past-tense verb and no modal (score 0.5 or 0), and says so
 * in the reason.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cueFeatures, DETECTOR_FEATURES, detectorFeatures } from './detector-features.js';
import { featureName, textScores, type KnownFeature, type TextScores } from './fast-features.js';
import { lexiconOf, linearScores, softmax, type LinearModel } from '../learn/linear.js';
import { loadLinearModelFile } from '../learn/packed.js';

/**
 * P(event) at or above this is an event. Chosen by grouped cross-validation
 * on the train split (the best balanced accuracy of out-of-fold scores;
 * docs/eval-acled-classifier.md); the training run records the same figure
 * in models/event-detector.meta.json, and a test keeps the two equal.
 */
export const EVENT_THRESHOLD = 0.67;

export interface EventDetection {
  isEvent: boolean;
  /** 0..1: P(event) from the model (0.5 or 0 from the fallback rule). */
  score: number;
  /** Why: the model's score against the threshold and the features that weighed most either way. */
  reason: string;
}

/** Rules of classes that are not political violence: they alone do not make an event. */
const NON_EVENT_RULES = new Set(['natural', 'manmade', 'diplo', 'crime', 'claim']);

function detectorPath(): string {
  for (const rel of ['../../../models/event-detector.json', '../../models/event-detector.json']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return fileURLToPath(new URL('../../../models/event-detector.json', import.meta.url));
}

/** Where the detector model lives (models/event-detector.json at the repository root). */
export const detectorModelPath = detectorPath;

/** models/event-detector.json when it exists, else null. */
export function detectorModelFile(): string | null {
  const p = detectorPath();
  return existsSync(p) ? p : null;
}

/** The trained detector in a file, read anew on each call (the pipeline context keeps one); null without a file. */
export function loadDetectorModel(path: string | null = detectorModelFile()): LinearModel | null {
  return path ? loadLinearModelFile(path) : null;
}

function probabilityOf(model: LinearModel, names: string[]): number {
  return softmax(linearScores(model, names))[model.labels.indexOf('event')] ?? 0;
}

/** P(event) of a text under a detector model (labels ['other', 'event']). */
export function eventProbability(model: LinearModel, text: string): number {
  return probabilityOf(model, detectorFeatures(text, model.features, lexiconOf(model)).names);
}

/**
 * The features that moved the score most, each way ("+w:shoot", "−d:modal"): the n largest contributions
 * by size, ties in the order of the names (what a stable sort by size gives). Kept by insertion into a
 * list of n: sorting every feature of every sentence was a third of the detector's time, for a reason
 * most callers drop (issue 11).
 */
function strongest(model: LinearModel, s: TextScores, n = 3): string {
  const L = model.labels.length;
  const k = model.labels.indexOf('event');
  const o = model.labels.indexOf('other');
  if (k < 0 || o < 0) return '';
  const top: { f: KnownFeature; c: number }[] = [];
  for (const f of s.known!) {
    const c = s.w[f.row * L + k]! - s.w[f.row * L + o]!;
    if (c === 0) continue;
    let i = top.length;
    while (i > 0 && Math.abs(top[i - 1]!.c) < Math.abs(c)) i--;
    if (i >= n) continue;
    top.splice(i, 0, { f, c });
    if (top.length > n) top.pop();
  }
  // Joined by a loop, not `map` and `join`: see softmax (learn/linear.ts).
  let out = '';
  for (const x of top) out += `${out ? ' ' : ''}${x.c > 0 ? '+' : '−'}${featureName(x.f)}`;
  return out;
}

export function detectEvent(text: string, model: LinearModel | null, threshold = EVENT_THRESHOLD): EventDetection {
  if (!model) return ruleDetection(text);
  const { s, score } = modelScore(text, model, true);
  const isEvent = score >= threshold;
  return { isEvent, score, reason: `P(event) ${score.toFixed(3)} ${isEvent ? '≥' : '<'} ${threshold}; strongest: ${strongest(model, s) || '(none)'}` };
}

/**
 * `detectEvent`'s decision and score without its reason. The incident extractor asks of every sentence
 * of a document no rule reads, and drops the reason of each one that is no event: most of them (issue 11).
 */
export function eventDecision(text: string, model: LinearModel | null, threshold = EVENT_THRESHOLD): { isEvent: boolean; score: number } {
  if (!model) return ruleDetection(text);
  const { score } = modelScore(text, model, false);
  return { isEvent: score >= threshold, score };
}

/** detectorFeatures + linearScores, without building the word and pair names (fast-features.ts); the score rounded as reported. */
function modelScore(text: string, model: LinearModel, explain: boolean): { s: TextScores; score: number } {
  const opts = model.features ?? DETECTOR_FEATURES;
  const s = textScores(model, text, opts, lexiconOf(model), opts.cues === false ? [] : cueFeatures(text), explain);
  return { s, score: Math.round((softmax(s.z)[model.labels.indexOf('event')] ?? 0) * 1000) / 1000 };
}

/** The fallback without a model: a violence or protest rule in a past-tense sentence with no modal. */
function ruleDetection(text: string): EventDetection {
  const { names, hits } = detectorFeatures(text);
  const violent = hits.filter((h) => !NON_EVENT_RULES.has(h.rule.id));
  const past = names.includes('d:past') && !names.includes('d:modal');
  const isEvent = violent.length > 0 && past;
  const why = violent.length ? `rule ${violent[0]!.rule.id} ("${violent[0]!.text}")${past ? ' in a past-tense sentence' : ' but no past tense or a modal verb'}` : 'no violence or protest rule fired';
  return { isEvent, score: isEvent ? 0.5 : 0, reason: `${why} (no trained model found)` };
}
