import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayAfter, fieldRight, fieldScored, normaliseAcled, scoreAcled } from './acled.js';

// Rows written for these tests, in ACLED's columns.
const row = (over: Record<string, string>): Record<string, string> => ({
  event_id_cnty: 'T1', event_date: '2020-03-02', time_precision: '1', event_type: 'Battles', sub_event_type: 'Armed clash',
  actor1: 'Taliban', actor2: '', inter1: '2', country: 'Afghanistan', admin1: 'Badghis', admin2: 'Murghab', location: 'Murghab',
  latitude: '35.58', longitude: '63.33', geo_precision: '2', fatalities: '1', source_dataset: 'test',
  notes: 'On 2 March 2020, Taliban militants attacked a police post in Murghab district, Badghis, killing one policeman.', ...over,
});

test('acled eval: a blank sub-event type (an older schema) is not scored; a blank actor2 means none', () => {
  assert.equal(fieldScored('sub_event_type', row({ sub_event_type: '' })), false);
  assert.equal(fieldScored('sub_event_type', row({})), true);
  assert.equal(fieldScored('actor2', row({ actor2: '' })), true);
  assert.equal(fieldScored('found', row({})), true);
  const code = (n: string): string => n.toLowerCase();
  const p = { actor2: '' } as unknown as Parameters<typeof fieldRight>[2];
  assert.equal(fieldRight('actor2', row({ actor2: '' }), p, code), true);
  assert.equal(fieldRight('actor2', row({ actor2: 'Civilians (Afghanistan)' }), p, code), false);
});

test('acled eval: names compare without accents, transliteration marks or period suffixes', () => {
  assert.equal(normaliseAcled('Ma‘rūf'), normaliseAcled('Maruf'));
  assert.equal(normaliseAcled('Military Forces of Nigeria (2015-2023)'), 'military forces of nigeria');
  assert.equal(dayAfter('2020-02-28'), '2020-02-29');
});

test('acled eval: scores a note through the pipeline, with per-field support', () => {
  const s = scoreAcled([row({}), row({ event_id_cnty: 'T2', sub_event_type: '', notes: 'Unknown gunmen kill two members of a vigilante sect', fatalities: '2' })]);
  const by = Object.fromEntries(s.rows.map((r) => [r.name, r]));
  assert.equal(by.found!.accuracy, 1);
  assert.equal(by.sub_event_type!.support, 1);
  assert.equal(by.date!.accuracy, 1, 'a dated note keeps its date; an undated one is dated the day before publication');
  assert.equal(by.fatalities!.accuracy, 1);
});
