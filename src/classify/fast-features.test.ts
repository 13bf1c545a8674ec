import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cueFeatures, DETECTOR_FEATURES, detectorFeatures } from './detector-features.js';
import { loadDetectorModel } from './detector.js';
import { loadEventModel } from './events.js';
import { featureName, textScores } from './fast-features.js';
import { featurize, MAX_CHARS, restartStemIds, tokens } from './features.js';
import { lexiconOf, linearScores, type LinearModel } from '../learn/linear.js';

const SAMPLES = fileURLToPath(new URL('../../../samples/', import.meta.url));
const SENTENCE_END = /(?<=[.!?])\s+/;

/** The samples' sentences, their whole texts (longer than MAX_CHARS), and a few odd strings. */
function texts(): string[] {
  const docs = readdirSync(SAMPLES).map((f) => readFileSync(`${SAMPLES}${f}`, 'utf8'));
  const odd = ['', '   ', '123 456', "'quoted' words' 'edges'", 'THE GUNMEN FIRED ON THE CROWD. Police arrested 3 men.', 'İstanbul bombing: 2 killed'];
  return [...odd, ...docs, ...docs.flatMap((d) => d.split(SENTENCE_END))];
}

/** The reference: names from featurize (plus extra), scored by linearScores. */
function reference(model: LinearModel, text: string, extra: string[] = []): { z: number[]; names: string[] } {
  const f = featurize(text, model.features, lexiconOf(model));
  const names = [...f.names, ...extra];
  return { z: linearScores(model, names), names };
}

test('textScores gives linearScores(featurize(…)) bit for bit, for the event model and its expert', () => {
  const model = loadEventModel();
  assert.ok(model?.expert, 'models/events.json with its expert');
  const all = texts();
  assert.ok(all.some((t) => t.length > MAX_CHARS));
  for (const m of [model, model.expert.model]) {
    for (const t of all) {
      const fast = textScores(m, t, m.features, lexiconOf(m));
      assert.deepEqual(fast.z, reference(m, t).z, t.slice(0, 80));
      assert.deepEqual(fast.hits, featurize(t, m.features, lexiconOf(m)).hits);
      assert.equal(fast.known, null);
    }
  }
});

test('textScores with the detector and its cues gives the reference logits, and its known features in name order', () => {
  const model = loadDetectorModel();
  assert.ok(model);
  const opts = model.features ?? DETECTOR_FEATURES;
  for (const t of texts()) {
    const cues = cueFeatures(t);
    const fast = textScores(model, t, opts, lexiconOf(model), cues, true);
    const ref = reference(model, t, cues);
    assert.deepEqual(ref.names, detectorFeatures(t, opts, lexiconOf(model)).names);
    assert.deepEqual(fast.z, ref.z, t.slice(0, 80));
    const knownNames: string[] = ref.names.filter((n) => Object.hasOwn(model.weights, n));
    assert.deepEqual(fast.known!.map(featureName), knownNames);
  }
});

test('textScores gives the reference logits after the stem numbering starts over', () => {
  const model = loadEventModel();
  const detector = loadDetectorModel();
  assert.ok(model?.expert && detector);
  const opts = detector.features ?? DETECTOR_FEATURES;
  const event: LinearModel[] = [model, model.expert.model];
  const all = texts();
  for (const t of all.slice(0, 20)) textScores(detector, t, opts, lexiconOf(detector), cueFeatures(t), true);
  restartStemIds();
  // Other stems numbered first, so that the models' stems and the texts' get numbers unlike before.
  tokens('zqa zqb zqc zqd zqe zqf zqg zqh gunmen attack');
  for (const t of all) {
    for (const m of event) assert.deepEqual(textScores(m, t, m.features, lexiconOf(m)).z, reference(m, t).z, t.slice(0, 80));
    const cues = cueFeatures(t);
    const fast = textScores(detector, t, opts, lexiconOf(detector), cues, true);
    const ref = reference(detector, t, cues);
    assert.deepEqual(fast.z, ref.z, t.slice(0, 80));
    assert.deepEqual(fast.known!.map(featureName), ref.names.filter((n) => Object.hasOwn(detector.weights, n)));
  }
});
