import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitPlaceTagger, type PlaceTaggerItem } from './place-tagger-train.js';
import { dropQuoted, loadPlaceTagger, placeFeatures, placeProbability, placeTaggerOn, placeTaggerType, type TaggedRun } from './place-tagger.js';
import { tokenize } from './tokens.js';

/** The run of `name` in "Officials said the <verb> <name> yesterday.", typed PLACE by the rules. */
function run(verb: string, name: string): TaggedRun {
  const text = `Officials said the ${verb} ${name} yesterday.`;
  const toks = tokenize(text);
  const a = toks.findIndex((t) => t.text === name);
  return { toks, a, b: a + 1, text: name, type: 'PLACE', reason: 'gazetteer: place name', readings: [] };
}

const NAMES = ['Qarzan', 'Belmor', 'Tuvik', 'Ostrana', 'Mirel', 'Kadub', 'Zenfo', 'Halvik', 'Porrin', 'Sudeka'];

test('training on a tiny synthetic set recovers a planted cue: runs after "raid on" are places, after "party of" not', () => {
  const items: PlaceTaggerItem[] = [];
  for (let i = 0; i < 60; i++) {
    const name = NAMES[i % NAMES.length]!;
    const place = i % 2 === 0;
    items.push({ features: placeFeatures(run(place ? 'raid on' : 'party of', name)), label: place ? 'PLACE' : 'OTHER', weight: 1 });
  }
  const model = fitPlaceTagger(items);
  assert.ok(placeProbability(model, run('raid on', 'Wexford')) > 0.8);
  assert.ok(placeProbability(model, run('party of', 'Wexford')) < 0.2);
  // Deterministic: the same items give the same model.
  assert.deepEqual(fitPlaceTagger(items), model);
  // The model overrules the rules' PLACE after the cue; the combined mode only when very sure; the rules never.
  const tagger = { mode: 'model' as const, sure: 0.9, model };
  assert.equal(placeTaggerType(tagger, run('party of', 'Wexford')), null);
  assert.equal(placeTaggerType(tagger, run('raid on', 'Wexford')), 'PLACE');
  assert.equal(placeTaggerType({ ...tagger, mode: 'rules' }, run('party of', 'Wexford')), 'PLACE');
});

test('a missing, unreadable or rules-only model file falls back to the rules', () => {
  assert.equal(loadPlaceTagger(null).mode, 'rules');
  const dir = mkdtempSync(join(tmpdir(), 'place-tagger-'));
  assert.equal(loadPlaceTagger(join(dir, 'absent.json')).mode, 'rules');
  writeFileSync(join(dir, 'bad.json'), '{ not json');
  assert.equal(loadPlaceTagger(join(dir, 'bad.json')).mode, 'rules');
  writeFileSync(join(dir, 'rules.json'), JSON.stringify({ use: 'rules', sure: 0.9, model: { labels: ['PLACE', 'OTHER'], bias: [0, 0], weights: { bias: [-9, 9] } } }));
  assert.equal(loadPlaceTagger(join(dir, 'rules.json')).mode, 'rules');
  const rules = loadPlaceTagger(join(dir, 'absent.json'));
  // With the rules the mention finder does not consult the tagger at all, unless a trainer records the runs.
  assert.equal(placeTaggerOn(rules), false);
  assert.equal(placeTaggerOn({ ...rules, recorder: () => {} }), true);
  assert.equal(placeTaggerType(rules, run('party of', 'Wexford')), 'PLACE');
});

/** The pattern dropQuoted replaced (issue 13: quadratic on "((((", every unclosed opener read to the end). */
const OLD_QUOTED = /"[^"]*"|\([^)]*\)/g;

test('dropQuoted removes what the old pattern removed', () => {
  const texts = [
    'gazetteer: place name after "in"', 'followed by "party" (a noun)', '"(" (x)', '(a(b) c) d', '"a (b" c" (d "e) f"',
    '"unclosed (x) "y', '(unclosed "x" (y', '((((', '""""', '"', ')(', `${'('.repeat(300)}x)${'('.repeat(300)}`, '(a\nb) "c\nd"',
  ];
  for (const s of texts) assert.equal(dropQuoted(s), s.replace(OLD_QUOTED, ''), s.slice(0, 40));
});
