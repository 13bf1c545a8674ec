import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rng, SequenceTagger, type TrainSequence } from './perceptron.js';

function seq(words: string[], labels: string[]): TrainSequence {
  return { feats: words.map((w, i) => [`w=${w}`, `p=${words[i - 1] ?? '<s>'}`]), labels };
}

const DATA: TrainSequence[] = [
  seq(['the', 'fmln', 'attacked', 'the', 'farm'], ['O', 'B-PerpOrg', 'O', 'O', 'B-Target']),
  seq(['guerrillas', 'bombed', 'the', 'power', 'station'], ['B-PerpInd', 'O', 'O', 'B-Target', 'I-Target']),
  seq(['the', 'urng', 'bombed', 'a', 'bank'], ['O', 'B-PerpOrg', 'O', 'O', 'B-Target']),
  seq(['rain', 'fell', 'on', 'the', 'farm'], ['O', 'O', 'O', 'O', 'O']),
];

test('the perceptron learns a separable toy set and keeps BIO well-formed', () => {
  const t = SequenceTagger.train(DATA, { epochs: 10, seed: 1 });
  assert.deepEqual(t.tag(DATA[0]!.feats).labels, DATA[0]!.labels);
  assert.deepEqual(t.tag(DATA[1]!.feats).labels, DATA[1]!.labels);
  const out = t.tag([['w=station'], ['w=x']]).labels;
  assert.ok(!out[0]!.startsWith('I-'), 'no I- tag at the start');
});

test('training is deterministic for a seed, and save/load round-trips the decisions', () => {
  const a = SequenceTagger.train(DATA, { epochs: 5, seed: 7 }).toJSON(0, 3);
  const b = SequenceTagger.train(DATA, { epochs: 5, seed: 7 }).toJSON(0, 3);
  assert.deepEqual(a, b);
  const t = SequenceTagger.fromJSON(JSON.parse(JSON.stringify(a)));
  assert.deepEqual(t.tag(DATA[2]!.feats).labels, DATA[2]!.labels);
  assert.throws(() => SequenceTagger.fromJSON({ ...a, format: 'other' as 'dossier-perceptron-v1' }));
});

test('tagIds over feature ids (with pre-summed rows) matches tag over the feature strings', () => {
  const t = SequenceTagger.fromJSON(JSON.parse(JSON.stringify(SequenceTagger.train(DATA, { epochs: 5, seed: 3 }).toJSON(0, 2))));
  t.setBias('O', -0.25);
  const L = t.labels.length;
  for (const s of DATA) {
    const ref = t.tag(s.feats);
    const n = s.feats.length;
    // First feature of each position pre-summed, the rest as ids.
    const pre = new Float64Array(n * L);
    const ids: number[] = [];
    const offs = [0];
    s.feats.forEach((fs, i) => {
      const known = fs.map((f) => t.featureIndex.get(f)).filter((k): k is number => k !== undefined);
      t.rowSum(known.slice(0, 1), pre, i * L);
      ids.push(...known.slice(1));
      offs.push(ids.length);
    });
    const got = t.tagIds(Int32Array.from(ids), Int32Array.from(offs), n, pre);
    assert.deepEqual(Array.from(got.path.subarray(0, n), (y) => t.labels[y]), ref.labels);
    assert.deepEqual(Array.from(got.margins.subarray(0, n)), ref.margins);
  }
});

test('rng is a deterministic stream in [0, 1)', () => {
  const r1 = rng(3);
  const r2 = rng(3);
  for (let i = 0; i < 5; i++) {
    const x = r1();
    assert.equal(x, r2());
    assert.ok(x >= 0 && x < 1);
  }
});
