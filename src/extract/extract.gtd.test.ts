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

test('GTD narrative forms: gerund devices, "in CITY, STATE", a city inside a facility name, stopped devices', () => {
  const a = run('2/9/1970: A member of the group was suspected of placing a bomb at the General Electric Headquarters in Manhattan, New York, United States.');
  assert.equal(a.incidents.length, 1);
  assert.equal(a.incidents[0]!.type.value.kind, 'bombing');
  const b = run('Unknown perpetrators detonated a bomb at Covington High School in Louisiana, United States.');
  assert.equal(b.incidents[0]!.locations[0]?.value.place.name, 'Covington');
  const c = run('An incendiary device was ignited at Alexander\'s Department Store in Manhattan, New York, United States.');
  assert.equal(c.incidents[0]!.locations[0]?.value.place.name, 'Manhattan');
  const t = 'The device was dismantled before it inflicted any damage.';
  assert.deepEqual(findCasualties(t, 0, t.length, []).map((f) => [f.field, f.quantity.value]).sort(), [['injured', 0], ['killed', 0]]);
  const k = 'Two men shot and killed Police Officer Kenneth Kaner in his squad car.';
  assert.deepEqual(findCasualties(k, 0, k.length, []).map((f) => [f.field, f.quantity.value]), [['killed', 1]]);
});
