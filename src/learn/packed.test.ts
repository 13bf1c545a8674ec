import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { LinearModel } from './linear.js';
import { findModelFile } from './model-file.js';
import { loadLinearModelFile, loadTaggerFile, packedPath, packedRows, packLinearModel, packTagger, PACKED_MODEL_DIR } from './packed.js';
import { sha256Hex } from './file-digest.js';
import { SequenceTagger, type SavedTagger } from './perceptron.js';

const dir = mkdtempSync(join(tmpdir(), 'dossier-packed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A model with an expert, a lexicon and a feature name V8 orders first ("7"): every part packing must keep. */
const LINEAR: LinearModel = {
  labels: ['a', 'b', 'c'], bias: [0.5, -0.25, 1e-9], features: { mask: 'names' }, lexicon: ['attack', 'bomb'],
  weights: { 'w:attack': [0.1, 0.2, -0.3], 'b:the_bomb': [1 / 3, 2 / 3, -1], '7': [1e-300, -1e-12, 5] },
  expert: { weight: 0.7, model: { labels: ['x', 'y'], bias: [0, 1], weights: { 'w:riot': [0.125, -2] } } },
};
const TAGGER: SavedTagger = {
  format: 'dossier-perceptron-v1', labels: ['O', 'B-Victim', 'I-Victim'], transitions: Array.from({ length: 12 }, (_, i) => (i % 5) / 7),
  weights: { 'w=killed': [0, 0.1, 1, -0.3], 'w=two': [1, 0.7], 'shape=Xx': [2, 0.05] }, labelBias: [0, 0.01, -0.02], extra: { vocab: { killed: 'v' } },
};

function writeModel(name: string, json: unknown, pack: (j: never) => Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  writeFileSync(packedPath(path, sha256Hex(readFileSync(path)), dir), pack(JSON.parse(readFileSync(path, 'utf8')) as never));
  return path;
}

test('a linear model read from its packed copy is the JSON model, expert and all, with its rows in one array', () => {
  const path = writeModel('linear.json', LINEAR, (j: LinearModel) => packLinearModel(j));
  const m = loadLinearModelFile(path, dir);
  const rows = packedRows(m);
  assert.ok(rows, 'read through the packed copy');
  assert.deepEqual(rows.names, Object.keys(LINEAR.weights));
  assert.deepEqual(JSON.parse(JSON.stringify(m)), JSON.parse(JSON.stringify(LINEAR)));
  assert.equal(m.weights['7']![0], 1e-300, 'weights are the same doubles');
  assert.ok(packedRows(m.expert!.model), 'the expert too');
});

test('a tagger read from its packed copy tags as the JSON tagger, bit for bit', () => {
  const path = writeModel('tagger.json', TAGGER, (j: SavedTagger) => packTagger(SequenceTagger.fromJSON(j)));
  const packed = loadTaggerFile(path, dir);
  const plain = SequenceTagger.fromJSON(TAGGER);
  const feats = [['w=two', 'shape=Xx'], ['w=killed'], ['unknown']];
  assert.deepEqual(packed.tag(feats), plain.tag(feats));
  assert.deepEqual(packed.arrays(), plain.arrays());
});

test('negative: a stale or damaged packed copy is not read; the JSON is', () => {
  const path = writeModel('stale.json', LINEAR, (j: LinearModel) => packLinearModel(j));
  const copy = packedPath(path, sha256Hex(readFileSync(path)), dir);
  // The model is retrained: its bytes change, so the old copy is no longer its copy.
  const retrained = { ...LINEAR, bias: [9, 9, 9] };
  writeFileSync(path, JSON.stringify(retrained));
  const m = loadLinearModelFile(path, dir);
  assert.equal(packedRows(m), null);
  assert.deepEqual(m.bias, [9, 9, 9]);
  // A copy cut short (a build killed while writing) is passed over.
  writeFileSync(path, JSON.stringify(LINEAR));
  writeFileSync(copy, readFileSync(copy).subarray(0, 40));
  const cut = loadLinearModelFile(path, dir);
  assert.equal(packedRows(cut), null);
  assert.deepEqual(cut.weights, LINEAR.weights);
});

test('the shipped models read from the build\'s packed copies are the JSON models', (t) => {
  const files = ['events.json', 'event-detector.json', 'roles.json'].map((f) => findModelFile(f)).filter((p): p is string => p !== null);
  const copies = files.filter((p) => existsSync(packedPath(p, sha256Hex(readFileSync(p)))));
  if (copies.length < files.length) return t.skip(`no packed copies in ${PACKED_MODEL_DIR}: run npm run build`);
  for (const p of files) {
    const json = JSON.parse(readFileSync(p, 'utf8')) as LinearModel & SavedTagger;
    if (json.format === 'dossier-perceptron-v1') {
      assert.deepEqual(loadTaggerFile(p).arrays(), SequenceTagger.fromJSON(json).arrays(), p);
      continue;
    }
    const m = loadLinearModelFile(p);
    assert.ok(packedRows(m), `${p} read through its copy`);
    assert.deepEqual(JSON.parse(JSON.stringify(m)), json, p);
  }
});
