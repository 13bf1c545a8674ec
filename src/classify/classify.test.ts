import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyEvent, loadEventModel } from './events.js';
import { ruleHits } from './rules.js';
import { scoreClassification } from '../learn/metrics.js';
import { trainLinear, linearScores } from '../learn/linear.js';
import { featurize, firstActor } from './features.js';
import { ploverToAcled } from './plover-map.js';
import { SUBTYPE_CODES } from './labels.js';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from '../pipeline/index.js';
import { parseCase2021 } from '../eval/case2021.js';

/** models/events.json, read once for the file's tests. */
const MODEL = loadEventModel();

// Own-words snippets, one or two per family; none is in the training file verbatim.
const CASES: [string, string][] = [
  ['A man strapped with explosives blew himself up outside a police academy on Monday, killing nine recruits.', 'SUIC_BOMB'],
  ['Two people were hurt when someone lobbed a grenade over the wall of a tea stall late at night.', 'GRENADE'],
  ['Jets from the coalition carried out air raids on hideouts in the valley, a monitor said.', 'AIR_STRIKE'],
  ['Mortar shells and artillery fire hit the edge of the town overnight, damaging the clinic.', 'ART_MISS_ATTACK'],
  ['Witnesses described a yellow cloud and a smell of chlorine after the canisters fell; dozens had trouble breathing.', 'CHEM_WEAP'],
  ['Thousands of teachers marched peacefully through the city to demand higher pay.', 'PEACE_PROTEST'],
  ['Police fired tear gas and rubber bullets at the demonstrators, wounding at least 30.', 'FORCE_AGAINST_PROTEST'],
  ['The Islamic State group claimed responsibility for the bombing in a statement released online.', 'ATTRIB'],
  ['A strong earthquake flattened homes in the mountain villages, killing at least 40 people.', 'NATURAL_DISASTER'],
  ['Police arrested a journalist at his home on charges of spreading false news.', 'ARREST'],
  ['Gunmen kidnapped a village chief and demanded a ransom for his release.', 'ABDUCT_DISSAP'],
  ['The army and the rebels agreed to a ceasefire that begins at midnight.', 'AGREEMENT'],
];

test('the trained model is in the repository and has every label', () => {
  const m = MODEL;
  assert.ok(m, 'models/events.json should load');
  assert.deepEqual([...m.labels].sort(), [...SUBTYPE_CODES].sort());
});

for (const [text, label] of CASES) {
  test(`classifies as ${label}: ${text.slice(0, 50)}…`, () => {
    const c = classifyEvent(text, MODEL);
    assert.ok(c);
    assert.equal(c.label, label, c.reason);
    assert.ok(c.score > 0 && c.score <= 1);
  });
}

test('keyword rules report their evidence offsets', () => {
  const text = 'A suicide bomber struck the market.';
  const h = ruleHits(text).find((x) => x.rule.id === 'suicide');
  assert.ok(h);
  assert.equal(text.slice(h.start, h.end), h.text);
});

test('negative: a rocket-propelled grenade is not a grenade attack', () => {
  assert.equal(ruleHits('Fighters fired a rocket-propelled grenade at the tank.').some((h) => h.rule.id === 'grenade'), false);
  assert.equal(ruleHits('Police threw a stun grenade into the crowd.').some((h) => h.rule.id === 'grenade'), false);
});

test('negative: without a model and without any rule there is no class', () => {
  assert.equal(classifyEvent('The committee will meet again in the spring to review the budget.', null), null);
});

test('negative: "claimed that" alone is not a claim of responsibility', () => {
  assert.equal(ruleHits('The minister claimed that the economy was growing.').some((h) => h.rule.id === 'claim'), false);
});

test('first actor decides between government and non-state gains', () => {
  assert.equal(firstActor('Government troops recaptured the town from the rebels.'), 'gov');
  assert.equal(firstActor('Rebels captured the town after the army withdrew.'), 'ns');
  assert.equal(firstActor('The town was quiet.'), null);
});

test('weighted and macro F1 on a hand-made case', () => {
  // gold A A B C, predicted A B B A:
  // A: P 1/2 R 1/2 F 0.5 (support 2); B: P 1/2 R 1 F 2/3 (support 1); C: P 0 R 0 F 0 (support 1)
  const s = scoreClassification([
    { gold: 'A', predicted: 'A' },
    { gold: 'A', predicted: 'B' },
    { gold: 'B', predicted: 'B' },
    { gold: 'C', predicted: 'A' },
  ]);
  assert.equal(s.accuracy, 0.5);
  assert.ok(Math.abs(s.macroF1 - (0.5 + 2 / 3 + 0) / 3) < 1e-9);
  assert.ok(Math.abs(s.weightedF1 - (0.5 * 2 + (2 / 3) * 1 + 0) / 4) < 1e-9);
  const c = s.labels.find((l) => l.label === 'C')!;
  assert.equal(c.precision, 0);
  assert.equal(c.support, 1);
  assert.deepEqual(s.confusions[0], { gold: 'A', predicted: 'B', count: 1 });
});

test('perfect predictions score 1; an empty list scores 0', () => {
  const s = scoreClassification([{ gold: 'X', predicted: 'X' }, { gold: 'Y', predicted: 'Y' }]);
  assert.equal(s.weightedF1, 1);
  assert.equal(s.macroF1, 1);
  assert.equal(scoreClassification([]).weightedF1, 0);
});

test('training is deterministic and learns a toy separation', () => {
  const items = [
    { features: featurize('troops shelled the town').names, label: 'ART_MISS_ATTACK', weight: 1 },
    { features: featurize('protesters marched in the square').names, label: 'PEACE_PROTEST', weight: 1 },
  ];
  const s = { epochs: 50, learningRate: 0.5, l2: 1e-4, minCount: 1, fitBias: false };
  const a = trainLinear(items, ['ART_MISS_ATTACK', 'PEACE_PROTEST'], s);
  const b = trainLinear(items, ['ART_MISS_ATTACK', 'PEACE_PROTEST'], s);
  assert.deepEqual(a, b);
  const z = linearScores(a, featurize('marched').names);
  assert.ok(z[1]! > z[0]!);
});

test('PLOVER mapping keeps only clear cases', () => {
  assert.equal(ploverToAcled('ASSAULT', 'suicide-attack', 'terrorism'), 'SUIC_BOMB');
  assert.equal(ploverToAcled('PROTEST', 'riot-spon', 'political'), 'VIOL_DEMONSTR');
  assert.equal(ploverToAcled('FIGHT', 'heavy-weapons', 'military'), null);
  assert.equal(ploverToAcled('AGREE', '', 'economic'), null);
});

test('the pipeline stage sets the document class and each incident its code', () => {
  const text = 'A suicide bomber blew himself up at a checkpoint in the city on Tuesday, killing six soldiers and wounding 12 others, police said.';
  const st = runPipeline(intakeBuffer(Buffer.from(text), 'test:suicide', 'text'));
  // The document's class is read on first use (ingest never reads it), then kept as a plain value.
  assert.ok(Object.getOwnPropertyDescriptor(st, 'eventClass')?.get, 'not computed before it is read');
  assert.equal(st.eventClass?.label, 'SUIC_BOMB');
  assert.equal(Object.getOwnPropertyDescriptor(st, 'eventClass')?.get, undefined);
  assert.deepEqual(JSON.parse(JSON.stringify(st)).eventClass, st.eventClass);
  assert.ok(st.eventClass!.reason.length > 0);
  for (const r of st.incidents) assert.ok(r.type.value.acledSubEventCode && r.type.value.classifier);
});

test('CASE 2021 TSV parsing unquotes doubled quotes', () => {
  const rows = parseCase2021('id\tEventSnippet\tSubType\n7\t"He said ""no"" twice"\tDIPLO\n8\tplain text\tARREST\n');
  assert.deepEqual(rows, [
    { id: '7', text: 'He said "no" twice', label: 'DIPLO' },
    { id: '8', text: 'plain text', label: 'ARREST' },
  ]);
});
