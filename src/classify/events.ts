/**
 * The event classifier: the ACLED sub-event type (CASE 2021 coding) of a
 * report or sentence. Two parts, combined in one score per label:
 *
 *   score(label) = model logit(label) + Σ boost of the keyword rules for label that fire
 *
 * The model is multinomial logistic regression over word/bigram features and
 * one feature per keyword rule (so it learns how far each rule predicts each
 * label, including against it: "grenade" inside "rocket-propelled grenade"…);
 * the boost is a fixed prior for the few rules whose words are near-definitions
 * of their class (suicide bombing, chemical agents, grenades, claims of
 * responsibility, sexual violence, natural hazards, bases set up). The label is
 * the best score; its softmax probability is the score reported.
 *
 * The model is read lazily from models/events.json at the repository root.
 * Without it the classifier falls back to the rules alone (first boosted rule,
 * else the first rule that fires), and says so in the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { featurize } from './features.js';
import { linearScores, softmax, type LinearModel } from './linear.js';
import type { RuleHit } from './rules.js';

export interface EventClass {
  label: string;
  /** 0..1: the softmax probability of the label. */
  score: number;
  reason: string;
  /** Keyword rules that fired, with the words that fired them (offsets into the text given). */
  hits: RuleHit[];
}

/** Where the model lives, from dist/src/classify/ or src/classify/. */
export function modelPath(): string {
  for (const rel of ['../../../models/events.json', '../../models/events.json']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return fileURLToPath(new URL('../../../models/events.json', import.meta.url));
}

let cached: LinearModel | null | undefined;

/** The trained model, or null when models/events.json is absent. */
export function eventModel(): LinearModel | null {
  if (cached === undefined) {
    const p = modelPath();
    cached = existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as LinearModel) : null;
  }
  return cached;
}

/** Tests and training use this to classify with a model of their own. */
export function setEventModel(model: LinearModel | null | undefined): void {
  cached = model;
}

export function classifyEvent(text: string, model: LinearModel | null = eventModel()): EventClass | null {
  const { names, hits } = featurize(text);
  if (!model) {
    const h = hits.find((x) => x.rule.boost > 0) ?? hits[0];
    if (!h) return null;
    return { label: h.rule.label, score: 0.5, reason: `rule ${h.rule.id} ("${h.text}"): ${h.rule.reason} (no trained model found)`, hits };
  }
  const z = linearScores(model, names);
  const ix = new Map(model.labels.map((l, i) => [l, i]));
  for (const h of hits) {
    const k = ix.get(h.rule.label);
    if (k !== undefined && h.rule.boost > 0) z[k]! += h.rule.boost;
  }
  const p = softmax(z);
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  const label = model.labels[best]!;
  const mine = hits.filter((h) => h.rule.label === label);
  const why = mine.length
    ? `model + rule ${mine.map((h) => `${h.rule.id} ("${h.text}")`).join(', ')}`
    : hits.length
      ? `model, against rule(s) ${hits.map((h) => `${h.rule.id}→${h.rule.label}`).join(', ')}`
      : 'model (no keyword rule fired)';
  return { label, score: Math.round(p[best]! * 1000) / 1000, reason: why, hits };
}
