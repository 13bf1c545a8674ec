import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import type { PlaceDecision } from '../nlp/gazetteer/place-weights.js';
import { handWeights } from '../nlp/gazetteer/scoring.js';
import type { TaggedRun } from '../nlp/place-tagger.js';
import { defaultContext, loadContext } from './context.js';
import { runPipeline } from './stages.js';

const doc = (text: string) => intakeBuffer(Buffer.from(text), 'ctx.txt', 'text');
const AMBIGUOUS = 'Gunmen attacked a market in Victoria on Monday. Police in Paris said two people were killed.';

test('a context reads nothing until a resource is asked for, then once', () => {
  const ctx = loadContext();
  assert.equal(ctx.loads.size, 0);
  const m = ctx.eventModel;
  assert.ok(m);
  assert.equal(ctx.eventModel, m);
  assert.deepEqual([...ctx.loads.keys()], ['eventModel']);
});

test('a resource given as null is no resource, and no file is read for it', () => {
  const ctx = loadContext({ detector: null, roleTagger: null });
  assert.equal(ctx.detector, null);
  assert.equal(ctx.roleTagger, null);
  assert.equal(ctx.file('detector'), null);
  assert.ok(ctx.file('eventModel'));
});

test('a derived context shares what its change leaves alone and rebuilds the rest', () => {
  const base = defaultContext();
  const weights = handWeights();
  const fold = base.derive({ placeWeights: weights });
  assert.equal(fold.placeWeights, weights);
  assert.equal(fold.gazetteer, base.gazetteer);
  assert.equal(fold.eventModel, base.eventModel);
  assert.equal(fold.actors, base.actors);
  // The actor lexicon reads countries with the gazetteer: another gazetteer, another lexicon.
  const other = base.derive({ gazetteer: base.gazetteer });
  assert.notEqual(other.actors, base.actors);
});

test('trainers watch the place resolver and the place tagger through their context', () => {
  const decisions: PlaceDecision[] = [];
  const runs: TaggedRun[] = [];
  const ctx = defaultContext().derive({ placeRecorder: (d) => decisions.push(d), placeTaggerRecorder: (r) => runs.push(r) });
  const st = runPipeline(doc(AMBIGUOUS), ctx);
  assert.ok(decisions.some((d) => d.text === 'Victoria' && d.cands.length > 1), JSON.stringify(decisions.map((d) => d.text)));
  assert.ok(runs.some((r) => r.text === 'Paris'));
  // Watching changes nothing.
  assert.deepEqual(st.incidents, runPipeline(doc(AMBIGUOUS)).incidents);
});
