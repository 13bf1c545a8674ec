/**
 * The weights of the resolver's score (scoring.ts): the hand-set constants,
 * or weights learned from ACLED train (scripts/train-place-weights.ts), which
 * the pipeline context reads from models/place-weights.json the first time a
 * document's places are resolved (never at start-up). A missing or unreadable file, a file whose
 * cross-validation kept the hand weights (`use: "hand"`), or
 * DOSSIER_PLACE_WEIGHTS=hand gives the hand weights. A feature the file does
 * not list keeps its hand weight.
 *
 * The trainer watches the resolver's decisions through a recorder in its context: for each
 * name with two or more readings, the features of every reading in the round
 * the name was resolved, and the reading taken.
 */
import { readFileSync } from 'node:fs';
import { findModelFile } from '../../learn/model-file.js';
import type { GazetteerImpl, PlaceCandidate } from './gazetteer.js';
import { FEATURES, handWeights } from './scoring.js';

/** The model file under models/. */
export const PLACE_WEIGHTS_FILE = 'place-weights.json';
/** Environment variable: `hand` runs with the hand weights whatever the model file says. */
export const PLACE_WEIGHTS_ENV = 'DOSSIER_PLACE_WEIGHTS';

export interface PlaceWeightsFile {
  /** `learned`: use `weights`; `hand`: cross-validation kept the hand weights. */
  use: 'learned' | 'hand';
  /** Feature name → weight. */
  weights: Record<string, number>;
}

/** The file the default weights are read from: models/place-weights.json, or null (DOSSIER_PLACE_WEIGHTS=hand, or no file). */
export function placeWeightsFile(): string | null {
  return process.env[PLACE_WEIGHTS_ENV] === 'hand' ? null : findModelFile(PLACE_WEIGHTS_FILE);
}

/** Weights from a model file; the hand weights when the path is null or the file cannot be read or says so. */
export function loadPlaceWeights(path: string | null): { weights: Float64Array; source: 'learned' | 'hand' } {
  const hand = handWeights();
  if (!path) return { weights: hand, source: 'hand' };
  let file: PlaceWeightsFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as PlaceWeightsFile;
  } catch {
    return { weights: hand, source: 'hand' };
  }
  if (file.use !== 'learned' || !file.weights) return { weights: hand, source: 'hand' };
  const w = Float64Array.from(FEATURES, (n, i) => (Number.isFinite(file.weights[n]) ? file.weights[n]! : hand[i]!));
  return { weights: w, source: 'learned' };
}

/** One resolved name with two or more readings: each reading's features in that round, and the one taken. */
export interface PlaceDecision {
  text: string;
  cands: PlaceCandidate[];
  features: Float64Array[];
  chosen: number;
}

/** What the resolver reads besides the mentions: the gazetteer, the weights in force, and who watches its decisions (the trainer). */
export interface PlaceResolver {
  gazetteer: GazetteerImpl;
  /** FEATURES order. */
  weights: Float64Array;
  /** Called for each name resolved among two or more readings (scripts/train-place-weights.ts). */
  recorder?: ((d: PlaceDecision) => void) | null;
}
