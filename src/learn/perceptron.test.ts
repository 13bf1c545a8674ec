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

test('rng is a deterministic stream in [0, 1)', () => {
  const r1 = rng(3);
  const r2 = rng(3);
  for (let i = 0; i < 5; i++) {
    const x = r1();
    assert.equal(x, r2());
    assert.ok(x >= 0 && x < 1);
  }
});
