/**
 * The GTD target-type classifier: a text (a GTD-style summary, or for a long
 * document the report's anchor sentence) → GTD's targtype1_txt ("Police",
 * "Private Citizens & Property", "Military", …).
 *
 *   p(label) = softmax of a multinomial logistic regression over word and
 *              bigram features (features.ts), trained on gtd-modern train by
 *              `npm run train -- --task target-type` (target-type-train.ts).
 *
 * The GTD exporter uses it only where the rule-based target finder found no
 * typed target, and only when p ≥ the model's `threshold` (chosen by
 * cross-validation grouped by country; docs/eval-gtd.md). The model is read
 * lazily from models/target-type.json; without it there is no answer.
 */
import { readFileSync } from 'node:fs';
import { findModelFile } from '../learn/model-file.js';
import { featurize } from './features.js';
import { lexiconOf, linearScores, softmax, type LinearModel } from '../learn/linear.js';

/** The model file under models/. */
export const TARGET_TYPE_MODEL = 'target-type.json';

/**
 * A document longer than this (characters) is not one summary: the classifier
 * reads the report's anchor sentence instead of the whole text. GTD summaries
 * are shorter (99% of gtd-modern train is under 1,500 characters).
 */
export const LONG_DOC_CHARS = 1500;

/** A trained target-type model: a linear model plus the probability it must reach to be used. */
export interface TargetTypeModel extends LinearModel {
  /** Add the lead sentence's words again, prefixed "l:" (the target is named there; chosen by CV). */
  lead?: boolean;
  /** p(label) at or above this is used by the exporter (chosen by grouped CV; recorded by training). */
  threshold: number;
}

export interface TargetTypeGuess {
  label: string;
  /** 0..1: the softmax probability of the label. */
  score: number;
  /** Whether the score reaches the model's threshold. */
  sure: boolean;
  reason: string;
}

/** models/target-type.json when it exists, else null. */
export function targetTypeModelFile(): string | null {
  return findModelFile(TARGET_TYPE_MODEL);
}

/** The trained model in a file, read anew on each call (the pipeline context keeps one); null without a file. */
export function loadTargetTypeModel(path: string | null = targetTypeModelFile()): TargetTypeModel | null {
  return path ? (JSON.parse(readFileSync(path, 'utf8')) as TargetTypeModel) : null;
}

/** The end of the lead sentence: the first ". " after the opening date, or the text's end. */
const LEAD_END = /[.!?](?:\s|$)/;
/** The opening "MM/DD/YYYY:" of a GTD summary, skipped when looking for the lead sentence. */
const OPENING_DATE = /^\s*[\d/]+:\s*/;

/** The lead sentence of a text (after a GTD summary's opening date). */
export function leadSentence(text: string): string {
  const body = text.replace(OPENING_DATE, '');
  const m = LEAD_END.exec(body);
  return m ? body.slice(0, m.index) : body;
}

/** The features of a text as the model was trained on them. */
export function targetTypeFeatures(text: string, model: TargetTypeModel | LinearModel): string[] {
  const names = featurize(text, model.features ?? {}, lexiconOf(model)).names;
  if (!(model as TargetTypeModel).lead) return names;
  const lead = featurize(leadSentence(text), { ...model.features, bigrams: false }, lexiconOf(model)).names;
  return [...names, ...lead.filter((f) => f.startsWith('w:')).map((f) => `l:${f.slice(2)}`)];
}

/** Probabilities per label for a text under a model. */
export function targetTypeProbs(model: LinearModel, text: string): number[] {
  return softmax(linearScores(model, targetTypeFeatures(text, model)));
}

/** The text the classifier reads for a report: the whole document when short, else the anchor sentence. */
export function targetTypeText(docText: string, anchor: { start: number; end: number }): string {
  return docText.length <= LONG_DOC_CHARS ? docText : docText.slice(anchor.start, anchor.end);
}

/** The most probable target type of a text, or null without a model. */
export function classifyTargetType(text: string, model: TargetTypeModel | null): TargetTypeGuess | null {
  if (!model || !text.trim()) return null;
  const p = targetTypeProbs(model, text);
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  const score = p[best]!;
  const sure = score >= model.threshold;
  const label = model.labels[best]!;
  return { label, score, sure, reason: `target-type classifier: ${label} p=${score.toFixed(2)} (${sure ? '≥' : '<'} ${model.threshold})` };
}
