import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords, parseCsv } from './gtd-csv.js';
import { normaliseGtd, predictGtd, scoreGtd } from './gtd.js';

test('csv: quoted fields keep commas, line breaks and doubled quotes', () => {
  assert.deepEqual(parseCsv('a,b,c\r\n1,"x, ""y""\nz",3\n'), [['a', 'b', 'c'], ['1', 'x, "y"\nz', '3']]);
  assert.deepEqual(parseCsv('a,b\n1,\n'), [['a', 'b'], ['1', '']]);
  assert.deepEqual(parseCsv('\ufeffid\n7'), [['id'], ['7']]);
  assert.deepEqual(csvRecords('id,summary\n1,"one, two"\n2'), [{ id: '1', summary: 'one, two' }, { id: '2', summary: '' }]);
});

test('normalisation: case, spaces, accents; counts as numbers; blank stays unknown', () => {
  assert.equal(normaliseGtd('city', '  Río   Grande '), 'rio grande');
  assert.equal(normaliseGtd('nkill', '0.0'), '0');
  assert.equal(normaliseGtd('nkill', ''), '');
  assert.equal(normaliseGtd('gname', 'Unknown'), 'unknown');
});

// Our own words, in the style of a coder-written summary.
const SUMMARY = 'Members of the Northern Valley Front claimed credit for setting fire to a bank in Denver, Colorado, United States.  There were no casualties but the building was damaged.';

test('a summary maps to GTD fields through the real pipeline', () => {
  const { fields } = predictGtd(SUMMARY, 'x1');
  assert.equal(fields.attacktype1_txt, 'Facility/Infrastructure Attack');
  assert.equal(fields.country_txt, 'United States');
  assert.equal(fields.city, 'Denver');
  assert.equal(fields.targtype1_txt, 'Business');
  assert.equal(fields.gname, 'Northern Valley Front');
  assert.equal(fields.nkill, '0');
  assert.equal(fields.nwound, '0');
});

test('scoring skips gold blanks and counts a predicted blank as a miss', () => {
  const s = scoreGtd([{ eventid: 'x1', iyear: '', imonth: '', iday: '', country_txt: 'United States', provstate: 'Colorado', city: 'Denver', attacktype1_txt: 'Facility/Infrastructure Attack', targtype1_txt: 'Business', gname: 'Northern Valley Front', nkill: '', nwound: '0', summary: SUMMARY }]);
  const row = (n: string) => s.rows.find((r) => r.name === n)!;
  assert.equal(row('nkill').support, 0);
  assert.equal(row('nwound').accuracy, 1);
  assert.equal(row('city').accuracy, 1);
});
