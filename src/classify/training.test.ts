import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { acledCode, acledGroup, cleanAcledNote, cleanGtdSummary } from './corpora.js';
import { bestThreshold, binaryScores, groupFolds, hashFold } from './cv.js';
import { codesOfEvent, gtdCodes } from './events-corpus.js';
import { classifyAcled, classifyEvent, loadEventModel, mixedDecision, mixProbabilities, modelPath } from './events.js';
import { buildLexicon, featurize, tokens } from './features.js';
import { subtypeInfo } from './labels.js';
import { linearScores } from '../learn/linear.js';
import { pruneModel, trainBatched, BATCH_DEFAULTS } from '../learn/sgd.js';

/** models/events.json, read once for the file's tests. */
const MODEL = loadEventModel();

const JSON_EXT = /\.json$/;
const SHA256 = /^[0-9a-f]{64}$/;

test('the sub-event model has its meta record, with data hashes and settings', () => {
  const p = modelPath();
  const meta = p.replace(JSON_EXT, '.meta.json');
  assert.ok(existsSync(meta), `${meta} must sit beside ${p}`);
  const m = JSON.parse(readFileSync(meta, 'utf8')) as { task: string; files: { sha256: string }[]; settings: { base: { features: object }; expert: { features: object } | null; alpha: number } };
  assert.equal(m.task, 'events');
  assert.ok(m.files.every((f) => SHA256.test(f.sha256)));
  const model = MODEL;
  assert.ok(model);
  assert.deepEqual(model.features ?? {}, m.settings.base.features, 'the base model reads text as it was trained');
  assert.deepEqual(model.expert?.model.features ?? null, m.settings.expert?.features ?? null, 'the expert reads text as it was trained');
  assert.equal(model.expert?.weight ?? 0, m.settings.alpha);
});

test('ACLED types come top-down, in ACLED words, and never for a disaster', () => {
  const a = classifyAcled('Police fired tear gas at students marching to the ministry, and several were hurt.', MODEL);
  assert.ok(a);
  assert.equal(a.eventType, subtypeInfo(a.code)?.event);
  assert.equal(a.subEventType, subtypeInfo(a.code)?.acled);
  assert.equal(a.eventType, 'Protests');
  assert.ok(a.eventScore >= a.score && a.score > 0);
  assert.equal(classifyAcled('A strong earthquake struck the coast at dawn, flattening hundreds of homes.', MODEL), null);
  assert.equal(classifyAcled('Anything at all.', null), null);
});

test('the expert moves probability among ACLED classes only; the base decides the others', () => {
  // Labels: A1, A2 (known to the expert), X (not).
  const l = { base: [0, 0, Math.log(2)], expert: [0, 3, Number.NaN], hits: [] };
  const p = mixProbabilities(l, 1);
  assert.ok(Math.abs(p[2]! - 0.5) < 1e-9, 'the unknown label keeps its base probability');
  assert.ok(Math.abs(p[0]! + p[1]! - 0.5) < 1e-9, 'the known labels keep their total');
  assert.ok(p[1]! > p[0]!);
  assert.equal(mixedDecision(l, 1).best, 2, 'the base model chose X: it stays X');
  const l2 = { base: [1, 0, 0], expert: [0, 3, Number.NaN], hits: [] };
  assert.equal(mixedDecision(l2, 1).best, 1, 'the base chose an ACLED class: the expert picks which');
  assert.equal(mixedDecision(l2, 0).best, 0);
});

test("mask 'names' keeps ordinary words and folds the rest", () => {
  const lex = new Set(buildLexicon(['the police and the army came', 'police patrols', 'the army camp']));
  assert.ok(lex.has('police') && lex.has('army'));
  assert.deepEqual(tokens('Troops of the Army and Police in Kisumu', 'names', lex), ['troop', 'of', 'the', 'army', 'and', 'police', 'in', '<cap>']);
});

// Written for these tests in our own words.
const ACLED_STYLE: [string, string][] = [
  ['On a Tuesday in May, an explosion occurred near the township office. No casualties were reported.', 'REM_EXPLOS'],
  ['Villagers stepped on a landmine while collecting firewood; two were killed.', 'REM_EXPLOS'],
  ['Residents took to the streets to protest against frequent power cuts. The protest was peaceful.', 'PEACE_PROTEST'],
  ['A group of youths lynched a man they accused of stealing a motorbike.', 'MOB_VIOL'],
];

for (const [text, label] of ACLED_STYLE) {
  test(`classifies a note as ${label}: ${text.slice(0, 45)}…`, () => {
    const c = classifyEvent(text, MODEL);
    assert.equal(c?.label, label, c?.reason);
  });
}

test('masking folds names, months and places, not the first word of a sentence', () => {
  assert.deepEqual(tokens('On 3 March, Police in Kisumu fired. Rebels fled to Goma.', true), ['on', '<num>', '<cap>', '<cap>', 'in', '<cap>', 'fired', 'rebel', 'fled', 'to', '<cap>']);
  // Without the mask nothing changes from the classifier's earlier features.
  assert.deepEqual(tokens('Police in Kisumu fired.'), ['police', 'in', 'kisumu', 'fired']);
  assert.ok(featurize('Police in Kisumu fired.', { mask: true }).names.includes('b:in_<cap>'));
});

test('ACLED notes lose the coder bookkeeping that would leak the class', () => {
  assert.equal(cleanAcledNote('Property destruction: On 2 May, youths burned a kiosk [size=no report].'), 'On 2 May, youths burned a kiosk.');
  assert.equal(cleanAcledNote('Around 5 May (month of), fighters left the town (coded separately).'), 'Around 5 May, fighters left the town.');
  assert.equal(cleanAcledNote('Police arrested two men.'), 'Police arrested two men.');
  assert.equal(cleanGtdSummary('08/03/1990:  Rebels attacked a post.'), 'Rebels attacked a post.');
});

test('ACLED names map to CASE codes and extracts to country groups', () => {
  assert.equal(acledCode('Air/drone strike'), 'AIR_STRIKE');
  assert.equal(acledCode('Remote explosive/landmine/IED'), 'REM_EXPLOS');
  assert.equal(acledCode('Other'), null);
  assert.equal(acledCode(''), null);
  assert.equal(acledGroup('burkina-2022'), 'burkina');
  assert.equal(acledGroup('africa-2016-b'), 'africa');
  assert.equal(acledGroup('kenya'), 'kenya');
  assert.deepEqual([...codesOfEvent('Protests')], ['PEACE_PROTEST', 'PROTEST_WITH_INTER', 'FORCE_AGAINST_PROTEST']);
  assert.deepEqual(gtdCodes({ text: '', attackType: 'Bombing/Explosion', suicide: true, region: '', country: '' }), ['SUIC_BOMB']);
  assert.equal(gtdCodes({ text: '', attackType: 'Unknown', suicide: false, region: '', country: '' }), null);
});

test('grouped folds keep each group in one fold and balance sizes', () => {
  const groups = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'd'];
  const f = groupFolds(groups, 2);
  for (let i = 0; i < groups.length; i++) for (let j = 0; j < groups.length; j++) if (groups[i] === groups[j]) assert.equal(f[i], f[j]);
  const sizes = [0, 1].map((k) => [...f].filter((x) => x === k).length);
  assert.deepEqual(sizes.sort(), [4, 4]);
  assert.equal(hashFold('same text', 5), hashFold('same text', 5));
});

test('binary scores and the best threshold', () => {
  const s = [
    { score: 0.9, gold: true },
    { score: 0.7, gold: true },
    { score: 0.6, gold: false },
    { score: 0.2, gold: false },
  ];
  const at = binaryScores(s, 0.65);
  assert.equal(at.precision, 1);
  assert.equal(at.recall, 1);
  assert.equal(at.balancedAccuracy, 1);
  assert.ok(bestThreshold(s).threshold > 0.6 && bestThreshold(s).threshold <= 0.7);
});

test('mini-batch training is deterministic, learns, and honours partial labels', () => {
  const items = [
    { features: ['w:shell'], label: 'ART', weight: 1 },
    { features: ['w:march'], label: 'PRO', weight: 1 },
    { features: ['w:march', 'w:gas'], label: 'FORCE', weight: 1 },
    // "one of PRO or FORCE": pushes w:crowd towards the protest family, away from ART.
    { features: ['w:crowd'], label: 'PRO', allowed: ['PRO', 'FORCE'], weight: 1 },
  ];
  const s = { ...BATCH_DEFAULTS, epochs: 60, batchSize: 2, minCount: 1, prune: 0 };
  const a = trainBatched(items, ['ART', 'PRO', 'FORCE'], s);
  assert.deepEqual(a, trainBatched(items, ['ART', 'PRO', 'FORCE'], s));
  const z = linearScores(a, ['w:march']);
  assert.ok(z[1]! > z[0]!);
  const c = linearScores(a, ['w:crowd']);
  assert.ok(c[1]! + c[2]! > 2 * c[0]!);
  const p = pruneModel(a, 10);
  assert.equal(Object.keys(p.weights).length, 0);
});
