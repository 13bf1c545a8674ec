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
 * The model may carry an ACLED expert (`model.expert`): a second logistic
 * regression trained on ACLED notes (and GTD summaries) over the 24 ACLED
 * classes only, with its own features (names masked). It redistributes the
 * probability the base model gives the ACLED classes, and leaves the five
 * CASE classes ACLED does not code (disasters, diplomacy, crime,
 * attribution) as the base model scored them:
 *
 *   p(k) = p_base(k)                                   for the five others
 *   p(k) = P_base(ACLED) × softmax_A(log p_base(k) + weight × expert logit(k))   for k in the ACLED classes A
 *
 * and the label is the base model's when that is one of the five others,
 * else the most probable ACLED class under p: the base model alone decides
 * whether a text is an ACLED event or a disaster, diplomacy, crime or a claim
 * (what ACLED notes cannot teach), the expert which ACLED class it is
 * (docs/eval-acled-classifier.md).
 *
 * The model is read lazily from models/events.json at the repository root.
 * Without it the classifier falls back to the rules alone (first boosted rule,
 * else the first rule that fires), and says so in the reason.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textScores } from './fast-features.js';
import { MAX_CHARS } from './features.js';
import { subtypeInfo } from './labels.js';
import { lexiconOf, softmax, type LinearModel } from '../learn/linear.js';
import { loadLinearModelFile } from '../learn/packed.js';
import { ruleHits, type RuleHit } from './rules.js';

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

/** models/events.json when it exists, else null. */
export function eventModelFile(): string | null {
  const p = modelPath();
  return existsSync(p) ? p : null;
}

/** The trained model in a file, read anew on each call (the pipeline context keeps one); null without a file. */
export function loadEventModel(path: string | null = eventModelFile()): LinearModel | null {
  return path ? loadLinearModelFile(path) : null;
}

/** The two parts of a model's scores for a text: base logits with rule boosts, and the expert's logits by base label index. */
export interface EventLogits {
  base: number[];
  /** Per base label: the expert's logit, NaN for labels the expert does not know; null without an expert. */
  expert: number[] | null;
  hits: RuleHit[];
}

/**
 * Each model's recent readings, by the text it reads (the first MAX_CHARS characters: featurize reads no
 * more). One sentence is read several times per document: the incident extractor classifies a sentence
 * the detector calls an event (and ranks its labels again), then each report's anchor sentence, and the
 * event-class stage the same anchors; each reading cost a whole featurisation (issue 11). The readings
 * are shared: callers only read them.
 */
const READINGS = new WeakMap<LinearModel, Map<string, EventLogits>>();
/** Readings kept per model; the map starts over when full (a document's sentences fit many times over). */
const READINGS_MAX = 512;

export function eventLogits(text: string, model: LinearModel): EventLogits {
  const key = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  let seen = READINGS.get(model);
  if (!seen) READINGS.set(model, (seen = new Map()));
  let l = seen.get(key);
  if (!l) {
    if (seen.size >= READINGS_MAX) seen.clear();
    seen.set(key, (l = readLogits(key, model)));
  }
  return l;
}

function readLogits(text: string, model: LinearModel): EventLogits {
  // featurize + linearScores, without building the feature names (fast-features.ts).
  const { z, hits } = textScores(model, text, model.features, lexiconOf(model));
  const ix = new Map(model.labels.map((l, i) => [l, i]));
  for (const h of hits) {
    const k = ix.get(h.rule.label);
    if (k !== undefined && h.rule.boost > 0) z[k]! += h.rule.boost;
  }
  const ex = model.expert?.model;
  if (!ex) return { base: z, expert: null, hits };
  const ze = textScores(ex, text, ex.features, lexiconOf(ex)).z;
  const expert = new Array<number>(z.length).fill(Number.NaN);
  ex.labels.forEach((l, j) => {
    const k = ix.get(l);
    if (k !== undefined) expert[k] = ze[j]!;
  });
  return { base: z, expert, hits };
}

/** Per-label probabilities: the base model's, with its ACLED-class mass redistributed by the expert at `weight` (see above). */
export function mixProbabilities(l: EventLogits, weight: number): number[] {
  const p = softmax(l.base);
  if (!l.expert || !weight) return p;
  let mass = 0;
  let max = -Infinity;
  // Loops that push, not `map` (see softmax).
  const r: number[] = [];
  for (let k = 0; k < p.length; k++) {
    const pk = p[k]!;
    const e = l.expert[k]!;
    if (Number.isNaN(e)) {
      r.push(Number.NaN);
      continue;
    }
    mass += pk;
    const v = Math.log(Math.max(pk, 1e-300)) + weight * e;
    if (v > max) max = v;
    r.push(v);
  }
  let sum = 0;
  for (const v of r) if (!Number.isNaN(v)) sum += Math.exp(v - max);
  const out: number[] = [];
  for (let k = 0; k < p.length; k++) out.push(Number.isNaN(r[k]!) ? p[k]! : (mass * Math.exp(r[k]! - max)) / sum);
  return out;
}

function argmax(z: readonly number[], keep: (k: number) => boolean = () => true): number {
  let b = -1;
  for (let k = 0; k < z.length; k++) if (keep(k) && (b < 0 || z[k]! > z[b]!)) b = k;
  return b;
}

/** The label index and probabilities under the expert at `weight`: the base model's label when the expert does not know it, else the best label the expert knows. */
export function mixedDecision(l: EventLogits, weight: number): { best: number; p: number[] } {
  const p = mixProbabilities(l, weight);
  const baseBest = argmax(l.base);
  if (!l.expert || !weight || Number.isNaN(l.expert[baseBest]!)) return { best: baseBest, p };
  return { best: argmax(p, (k) => !Number.isNaN(l.expert![k]!)), p };
}

/** Per-label probabilities (model logits, rule boosts, expert), the label chosen, and the rules that fired. */
export function labelProbabilities(text: string, model: LinearModel): { p: number[]; best: number; hits: RuleHit[] } {
  const l = eventLogits(text, model);
  // A copy: the reading is shared with later callers (see READINGS).
  return { ...mixedDecision(l, model.expert?.weight ?? 0), hits: l.hits.slice() };
}

function explain(label: string, hits: RuleHit[]): string {
  const mine = hits.filter((h) => h.rule.label === label);
  if (mine.length) return `model + rule ${mine.map((h) => `${h.rule.id} ("${h.text}")`).join(', ')}`;
  if (hits.length) return `model, against rule(s) ${hits.map((h) => `${h.rule.id}→${h.rule.label}`).join(', ')}`;
  return 'model (no keyword rule fired)';
}

export function classifyEvent(text: string, model: LinearModel | null): EventClass | null {
  if (!model) {
    const hits = ruleHits(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
    const h = hits.find((x) => x.rule.boost > 0) ?? hits[0];
    if (!h) return null;
    return { label: h.rule.label, score: 0.5, reason: `rule ${h.rule.id} ("${h.text}"): ${h.rule.reason} (no trained model found)`, hits };
  }
  const { p, best, hits } = labelProbabilities(text, model);
  const label = model.labels[best]!;
  return { label, score: Math.round(p[best]! * 1000) / 1000, reason: explain(label, hits), hits };
}

/** An ACLED event type and sub-event type for a text, in ACLED's own words. */
export interface AcledType {
  /** ACLED event_type ("Protests"). */
  eventType: string;
  /** ACLED sub_event_type ("Peaceful protest"). */
  subEventType: string;
  /** The CASE 2021 code of the sub-event type (PEACE_PROTEST). */
  code: string;
  /** 0..1: the summed probability of the event type's sub-types. */
  eventScore: number;
  /** 0..1: the probability of the sub-event type. */
  score: number;
  reason: string;
}

/**
 * The ACLED event type and sub-event type of a text, decided top-down: the
 * event type whose sub-types have the most probability in total, then its
 * most probable sub-type — so the pair is always consistent, and a report
 * whose probability is spread over several sub-types of one family (the
 * protest scale, the explosion kinds) still gets the family right. The five
 * CASE classes outside ACLED (disasters, diplomacy, crime, attribution) are
 * not ACLED events: null when they outweigh every ACLED event type, or when
 * no model is available.
 */
export function classifyAcled(text: string, model: LinearModel | null): AcledType | null {
  if (!model) return null;
  const { p, hits } = labelProbabilities(text, model);
  const d = acledDecision(p, model.labels);
  return d ? { ...d, subEventType: subtypeInfo(d.code)!.acled!, reason: explain(d.code, hits) } : null;
}

/** classifyAcled's top-down decision on per-label probabilities. */
export function acledDecision(p: readonly number[], labels: readonly string[]): { eventType: string; code: string; eventScore: number; score: number } | null {
  const byEvent = new Map<string, number>();
  let outside = 0;
  labels.forEach((l, k) => {
    const ev = subtypeInfo(l)?.event;
    if (ev) byEvent.set(ev, (byEvent.get(ev) ?? 0) + p[k]!);
    else outside = Math.max(outside, p[k]!);
  });
  const [eventType, eventScore] = [...byEvent.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (!eventType || eventScore < outside) return null;
  let best = -1;
  labels.forEach((l, k) => {
    if (subtypeInfo(l)?.event === eventType && (best < 0 || p[k]! > p[best]!)) best = k;
  });
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return { eventType, code: labels[best]!, eventScore: r3(eventScore), score: r3(p[best]!) };
}
