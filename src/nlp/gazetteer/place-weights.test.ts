import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlaceWeights } from './place-weights.js';
import { choiceAccuracy, chosenReading, fitConditionalLogit, type ChoiceItem } from './place-train.js';
import { F, FEATURES, handWeights, SCORING } from './scoring.js';

function reading(set: Partial<Record<(typeof FEATURES)[number], number>>): Float64Array {
  const f = new Float64Array(FEATURES.length);
  for (const [k, v] of Object.entries(set)) f[F[k as keyof typeof F]] = v!;
  return f;
}

test('the hand weights are the SCORING constants', () => {
  const w = handWeights();
  assert.equal(w[F.logPopulation], SCORING.POPULATION_WEIGHT);
  assert.equal(w[F.countryInText], SCORING.COUNTRY_IN_TEXT_BONUS);
  assert.equal(w[F.regionShadowed], SCORING.REGION_SHADOWED_PENALTY);
  assert.equal(w.length, FEATURES.length);
});

test('fitting a synthetic set recovers a planted preference: a near town over one 1000× bigger', () => {
  // The hand weights take the bigger town (3 log units > NEAR_BONUS 2); the data always want the near one.
  const items: ChoiceItem[] = [];
  for (let i = 0; i < 40; i++) {
    const pop = 3 + (i % 4);
    items.push({ features: [reading({ logPopulation: pop + 3 }), reading({ logPopulation: pop, near: 1 })], positive: 1 });
  }
  const hand = handWeights();
  assert.equal(choiceAccuracy(items, hand).right, 0);
  const w = fitConditionalLogit(items, hand, { l2: 0.001, iterations: 50, tolerance: 1e-12 });
  assert.equal(choiceAccuracy(items, w).right, items.length);
  assert.ok(w[F.near]! > hand[F.near]!, 'the near weight grows');
  // A feature the data never vary keeps its hand weight.
  assert.equal(w[F.capital], hand[F.capital]);
  // Deterministic: the same data give the same weights.
  assert.deepEqual(fitConditionalLogit(items, hand, { l2: 0.001, iterations: 50, tolerance: 1e-12 }), w);
  // A frozen feature keeps its hand weight.
  const frozen = fitConditionalLogit(items, hand, { l2: 0.001, iterations: 50, tolerance: 1e-12 }, new Set([F.near]));
  assert.equal(frozen[F.near], hand[F.near]);
  assert.equal(chosenReading(w, items[0]!.features), 1);
});

test('a missing or unreadable model file gives the hand weights; a learned file overrides only what it lists', () => {
  const hand = handWeights();
  assert.deepEqual(loadPlaceWeights(null), { weights: hand, source: 'hand' });
  const dir = mkdtempSync(join(tmpdir(), 'place-weights-'));
  assert.deepEqual(loadPlaceWeights(join(dir, 'missing.json')), { weights: hand, source: 'hand' });
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{ not json');
  assert.deepEqual(loadPlaceWeights(bad), { weights: hand, source: 'hand' });
  const kept = join(dir, 'hand.json');
  writeFileSync(kept, JSON.stringify({ use: 'hand', weights: { near: 9 } }));
  assert.deepEqual(loadPlaceWeights(kept), { weights: hand, source: 'hand' });
  const learned = join(dir, 'learned.json');
  writeFileSync(learned, JSON.stringify({ use: 'learned', weights: { near: 9 } }));
  const got = loadPlaceWeights(learned);
  assert.equal(got.source, 'learned');
  assert.equal(got.weights[F.near], 9);
  assert.equal(got.weights[F.region], hand[F.region]);
});
