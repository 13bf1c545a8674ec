import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from '../pipeline/index.js';
import { findCasualties } from './casualties.js';
import { TARGET_TYPE_RULES } from './incident-types.js';

// Fixtures are our own sentences in the style of GTD summaries.
const run = (text: string) => runPipeline(intakeBuffer(Buffer.from(text), 'test:gtd', 'text'));
const typeOf = (t: string) => TARGET_TYPE_RULES.find((r) => r.pattern.test(t))?.type;

test('GTD-style verbs name incidents: firebombed → arson, detonated a bomb → bombing, fired shots → armed assault', () => {
  assert.equal(run('Unknown perpetrators firebombed a draft board office in Denver, Colorado.').incidents[0]?.type.value.kind, 'arson');
  assert.equal(run('Unknown perpetrators detonated a bomb at a bank in Denver, Colorado.').incidents[0]?.type.value.kind, 'bombing');
  assert.equal(run('Unknown perpetrators threw two Molotov cocktails into a store in Denver, Colorado.').incidents[0]?.type.value.kind, 'arson');
  assert.equal(run('Unknown perpetrators fired two shots into a police station in Denver, Colorado.').incidents[0]?.type.value.kind, 'armed_assault');
});

test('an attempt is an event; "a series of attacks" is not one of its own', () => {
  const r = run('Unknown perpetrators attempted to firebomb a church in Denver, Colorado.');
  assert.equal(r.incidents.length, 1);
  const s = run('In a series of related attacks, unknown perpetrators bombed a bank in Denver, Colorado.');
  assert.equal(s.incidents.length, 1);
  assert.equal(s.incidents[0]!.type.value.kind, 'bombing');
});

test('statements of no harm give zero counts', () => {
  const text = 'There were no casualties but the building was damaged.';
  const facts = findCasualties(text, 0, text.length, []);
  assert.deepEqual(facts.map((f) => [f.field, f.quantity.value]).sort(), [['injured', 0], ['killed', 0]]);
  const t2 = 'The device was found and subsequently disarmed.';
  assert.equal(findCasualties(t2, 0, t2.length, []).length, 2);
  const t3 = 'A night watchman was injured.';
  assert.deepEqual(findCasualties(t3, 0, t3.length, []).map((f) => [f.field, f.quantity.value]), [['injured', 1]]);
  const t4 = 'The explosion damaged a fence.';
  assert.equal(findCasualties(t4, 0, t4.length, []).length, 0);
});

test('target types follow GTD conventions', () => {
  assert.equal(typeOf('the Army R.O.T.C. building at the university'), 'Military');
  assert.equal(typeOf('a draft board office'), 'Government (General)');
  assert.equal(typeOf('the county courthouse'), 'Government (General)');
  assert.equal(typeOf('a power transmission pole'), 'Utilities');
  assert.equal(typeOf('the house of a judge'), 'Government (General)');
  assert.equal(typeOf('the house of a shopkeeper'), 'Private Citizens & Property');
  assert.equal(typeOf('Crocus City Hall'), 'Business');
});

test('a named group that claims credit is the perpetrator group', () => {
  const r = run('The Northern Valley Front claimed responsibility for bombing a bank in Denver, Colorado.');
  const g = r.incidents[0]?.perpetrators.find((p) => p.value.kind === 'group');
  assert.equal(g?.value.name, 'Northern Valley Front');
});
