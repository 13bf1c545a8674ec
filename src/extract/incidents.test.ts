import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import type { IncidentReport } from '../model/index.js';
import { runPipeline } from '../pipeline/index.js';
import { readFixture } from '../testing/fixtures.js';

function extract(name: string): { text: string; reports: IncidentReport[] } {
  const raw = readFixture('extract', 'fixtures', name);
  const doc = intakeBuffer(Buffer.from(raw), name, 'text');
  const st = runPipeline(doc);
  return { text: doc.text, reports: st.incidents };
}

const quoted = (text: string, r: { evidence: { start: number; end: number }[] } | null): string[] =>
  r ? r.evidence.map((e) => text.slice(e.start, e.end)) : [];

test('the main incident of a report: type, date, place, casualties with the attackers counted apart', () => {
  const { text, reports } = extract('kabul-airport.txt');
  const main = reports[0]!;
  assert.equal(main.type.value.kind, 'suicide_bombing');
  assert.equal(main.type.value.gtdAttackType, 'Bombing/Explosion');
  assert.equal(main.type.value.acledSubEvent, 'Suicide bomb');
  assert.deepEqual(main.date.value, { year: 2021, month: 8, day: 26, precision: 'day' });
  assert.ok(quoted(text, main.date).includes('August 26'));
  const place = main.locations[0]!.value.place;
  assert.equal(place.name, 'Kabul');
  assert.equal(place.countryCode, 'AF');
  assert.equal(main.killedVictims?.value.value, 170);
  assert.equal(main.killedVictims?.value.qualifier, 'at_least');
  assert.equal(main.killedPerpetrators?.value.value, 1);
  assert.equal(main.killedTotal?.value.value, 171);
  assert.equal(main.injured?.value.value, 150);
  assert.ok(main.weapons.some((w) => w.value === 'Explosives'));
  // The breakdown (13 soldiers + 157 civilians) adds up to the total, so it is evidence too.
  assert.ok(quoted(text, main.killedVictims).some((q) => q.startsWith('13 American')));
});

test('every evidence span quotes words from the stored text', () => {
  const { text, reports } = extract('kabul-airport.txt');
  for (const r of reports) {
    for (const a of [r.type, r.date, ...r.locations, ...r.targets, ...r.weapons, r.killedVictims, r.injured]) {
      if (!a) continue;
      for (const e of a.evidence) {
        assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end, `bad span ${e.start}-${e.end}`);
        assert.ok(text.slice(e.start, e.end).trim().length > 0);
      }
    }
  }
});

test('a second incident in the same city stays separate when its kind differs', () => {
  const { reports } = extract('kabul-airport.txt');
  const drone = reports.find((r) => r.type.value.kind === 'drone_strike');
  assert.ok(drone, 'the drone strike is found');
  assert.equal(drone.killedVictims?.value.value, 10);
  assert.equal(reports.filter((r) => r.type.value.kind === 'suicide_bombing').length, 1);
});

test('the photo caption and the date line give no incident date', () => {
  const { reports } = extract('kabul-airport.txt');
  for (const r of reports) assert.notEqual(r.date.value.day, 27, 'Friday of the caption is not the incident date');
});

test('commentary, generic plurals and future statements make no incident', () => {
  const { reports } = extract('kabul-airport.txt');
  // The bombing and the drone strike; "such attacks could happen", "terrorist
  // attacks have long shaped" and "will try to prevent another bombing" are not incidents.
  assert.equal(reports.length, 2, reports.map((r) => r.label).join('; '));
});
