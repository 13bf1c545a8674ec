/**
 * Fitting the place tagger (place-tagger.ts): a two-label logistic regression (PLACE, OTHER) over a
 * run's features, by the seeded mini-batch trainer of src/learn/sgd.ts, so the same runs always
 * give the same model. Used by scripts/train-place-tagger.ts and its test.
 */
import type { LinearModel } from '../learn/linear.js';
import { BATCH_DEFAULTS, trainBatched, type BatchItem, type BatchSettings } from '../learn/sgd.js';

export const PLACE_TAGGER_LABELS = ['PLACE', 'OTHER'];
export const PLACE_TAGGER_SETTINGS: BatchSettings = Object.freeze({ ...BATCH_DEFAULTS, epochs: 10, minCount: 3, seed: 7, fitBias: false });

/** A run's features and whether it is a place. */
export interface PlaceTaggerItem extends BatchItem {
  label: 'PLACE' | 'OTHER';
}

export function fitPlaceTagger(items: readonly PlaceTaggerItem[], s: BatchSettings = PLACE_TAGGER_SETTINGS): LinearModel {
  return trainBatched([...items], PLACE_TAGGER_LABELS, s);
}
