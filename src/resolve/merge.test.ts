import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attested, Count, DateValue, IncidentKind, IncidentReport, PlaceRef } from '../model/index.js';
import { incidentType } from '../extract/incident-types.js';
import { countRange, findConflicts } from './conflicts.js';
import { datesCompatible, sameIncident } from './merge.js';
import { hamming, MAX_DISTANCE, simhash } from './simhash.js';

const att = <T>(value: T): Attested<T> => ({ value, evidence: [{ start: 0, end: 1 }], confidence: 0.8, stage: 'test', reason: 'test' });
const place = (name: string, geonameid: number, lat: number, lon: number, cc = 'XX', admin1 = '01'): PlaceRef => ({
  geonameid, name, featureCode: 'PPL', lat, lon, countryCode: cc, countryName: cc, admin1Code: admin1, admin1Name: 'Region', population: 1000,
});
const day = (y: number, m: number, d: number): DateValue => ({ year: y, month: m, day: d, precision: 'day' });
const count = (value: number, qualifier: Count['qualifier'] = 'exact'): Attested<Count> => att({ value, qualifier, low: qualifier === 'at_least' ? value : null, high: null, text: String(value) });

function report(id: string, o: { kind?: IncidentKind; date?: DateValue; places?: PlaceRef[]; facilities?: string[]; killed?: Attested<Count> }): IncidentReport {
  return {
    id, docId: `doc-${id}`, index: 0, anchor: { start: 0, end: 1 }, inPassing: false,
    type: att(incidentType(o.kind ?? 'attack')),
    date: att(o.date ?? { year: null, month: null, day: null, precision: 'unknown' }),
    locations: (o.places ?? []).map((p) => att({ place: p, relation: 'in' as const })),
    perpetrators: [], targets: [], victims: [], weapons: [],
    killedVictims: o.killed ?? null, killedPerpetrators: null, killedTotal: o.killed ?? null, injured: null, arrested: null,
    facilities: (o.facilities ?? []).map((f) => att(f)), label: id,
  };
}

const CITY = place('Northtown', 1, 50, 10);
const SUBURB = place('Eastfield', 2, 50.1, 10.2); // about 17 km away
const FAR = place('Southport', 3, 45, 12);

test('same city and day: one incident; a day apart still is', () => {
  assert.equal(sameIncident(report('a', { date: day(2024, 3, 22), places: [CITY] }), report('b', { date: day(2024, 3, 23), places: [CITY] })).same, true);
});

test('a shared venue name joins reports with no date, near places count as the same place', () => {
  assert.equal(sameIncident(report('a', { facilities: ['Quenvald Arena'], places: [CITY] }), report('b', { facilities: ['the Quenvald Arena concert hall'], places: [SUBURB] })).same, true);
});

test('near misses stay apart: another day, another kind, a far city, another venue', () => {
  assert.equal(sameIncident(report('a', { date: day(2024, 3, 22), places: [CITY] }), report('b', { date: day(2024, 3, 25), places: [CITY] })).same, false);
  assert.equal(sameIncident(report('a', { kind: 'riot', date: day(2024, 3, 22), places: [CITY] }), report('b', { kind: 'bombing', date: day(2024, 3, 22), places: [CITY] })).same, false);
  assert.equal(sameIncident(report('a', { date: day(2024, 3, 22), places: [CITY] }), report('b', { date: day(2024, 3, 22), places: [FAR] })).same, false);
  assert.equal(sameIncident(report('a', { facilities: ['Quenvald Arena'] }), report('b', { facilities: ['Harrowgate Station'] })).same, false);
});

test('dates compare at their precision', () => {
  assert.equal(datesCompatible(day(2024, 3, 22), { year: 2024, month: 3, day: null, precision: 'month' }), true);
  assert.equal(datesCompatible(day(2024, 3, 22), { year: 2024, month: 4, day: null, precision: 'month' }), false);
  assert.equal(datesCompatible(day(2024, 3, 22), { year: null, month: null, day: null, precision: 'unknown' }), null);
});

test('qualifiers decide conflicts: "at least 144" and "at least 145" agree, 144 and 150 do not', () => {
  assert.deepEqual(countRange(count(144, 'at_least').value), [144, Infinity]);
  const words = (): string => '';
  const ok = findConflicts([report('a', { killed: count(144, 'at_least') }), report('b', { killed: count(145, 'at_least') })], words);
  assert.equal(ok.find((c) => c.field === 'killedTotal')?.verdict, 'compatible');
  const bad = findConflicts([report('a', { killed: count(144) }), report('b', { killed: count(150) })], words);
  assert.equal(bad.find((c) => c.field === 'killedTotal')?.verdict, 'contradictory');
});

test('a repost with another header and footer keeps its SimHash within a few bits; another text does not', () => {
  const body = Array.from({ length: 300 }, (_, i) => `word${i % 37} token${(i * 7) % 23} item${i}`).join(' ');
  const a = simhash(`Headline one\n${body}\nShare this`)!;
  const b = simhash(`Another blog header\n${body}\nNo comments: Post a Comment`)!;
  const c = simhash(Array.from({ length: 120 }, (_, i) => `other${i} text${i % 5} here`).join(' '))!;
  assert.ok(hamming(a, b) <= MAX_DISTANCE, `distance ${hamming(a, b)}`);
  assert.ok(hamming(a, c) > MAX_DISTANCE);
  assert.equal(simhash('too short to judge'), null);
});

// ---- Regressions from issue 10: merging never joins what cannot be one event (ACLED-scale batches). ----

const region = (name: string, lat: number, lon: number, admin1: string): PlaceRef => ({
  geonameid: 100 + lat, name, featureCode: 'ADM1', lat, lon, countryCode: 'XX', countryName: 'XX', admin1Code: admin1, admin1Name: name, population: null,
});

test('regression: two provinces 600 km apart are never one incident, even when neither names a town', () => {
  const d = sameIncident(report('a', { date: day(2020, 3, 15), places: [region('Westprov', 34, 62, '10')] }), report('b', { date: day(2020, 3, 15), places: [region('Eastprov', 34.5, 70, '20')] }));
  assert.equal(d.same, false);
  assert.equal(d.veto, true);
});

test('regression: places more than 100 km apart are never one incident (the old limit was 150 km)', () => {
  const a = place('Alphaville', 11, 50, 10);
  const b = place('Betaburg', 12, 51.1, 10); // about 122 km north
  assert.equal(sameIncident(report('a', { date: day(2024, 5, 1), places: [a] }), report('b', { date: day(2024, 5, 1), places: [b] })).veto, true);
});

test('regression: a report placed only by its province joins a town of it on the same day only with a shared name', () => {
  const prov = { ...region('Midprov', 50, 10, '01') };
  const town = place('Northtown', 1, 50.2, 10.1, 'XX', '01');
  const bare = sameIncident(report('a', { kind: 'bombing', date: day(2021, 9, 4), places: [prov] }), report('b', { kind: 'bombing', date: day(2021, 9, 4), places: [town] }));
  assert.equal(bare.same, false, 'a province has several bombings a day');
  const named = (id: string, p: PlaceRef): IncidentReport => ({ ...report(id, { kind: 'bombing', date: day(2021, 9, 4), places: [p] }), targets: [att({ name: 'the Zenthar telecom tower', gtdTargetType: 'Telecommunication' })] });
  assert.equal(sameIncident(named('a', prov), named('b', town)).same, true);
});

test('regression: a placeless report of the same day and kind is only a weak match, never on a group or country name', () => {
  const placeless = report('a', { kind: 'armed_assault', date: day(2020, 3, 3) });
  const placed = report('b', { kind: 'armed_assault', date: day(2020, 3, 3), places: [CITY] });
  const d = sameIncident(placeless, placed);
  assert.equal(d.weak, 'no-place', 'the store must still find a distinctive shared name');
});
