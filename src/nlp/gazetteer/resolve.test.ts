import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionsOf } from './test-helpers.js';
import { resolveShipped } from '../../testing/context.js';
import { linkChain } from './resolve.js';

test('Derbent next to Dagestan and Makhachkala is Derbent, Dagestan, RU', () => {
  const text = 'Gunmen opened fire in Derbent on Sunday. Officials in Makhachkala, the capital of Dagestan, said Russian police responded.';
  const ms = mentionsOf(text, [['Derbent', 'PLACE'], ['Makhachkala', 'PLACE'], ['Dagestan', 'PLACE'], ['Russian', 'NORP', 'RU']]);
  resolveShipped(ms);
  const d = ms[0]!;
  assert.equal(d.place?.geonameid, 566532);
  assert.equal(d.place?.countryCode, 'RU');
  assert.equal(d.place?.admin1Name, 'Dagestan');
  assert.match(d.reason, /Dagestan/);
  assert.equal(text.slice(d.start, d.end), 'Derbent');
  assert.equal(ms[2]!.place?.featureCode, 'ADM1');
  assert.equal(ms[3]!.place, undefined, 'NORP mentions are not given a place');
});

test('Derbent with Konya and Turkey context is the Turkish Derbent', () => {
  const text = 'A clash was reported in Derbent, a district of Konya province in Turkey.';
  const ms = mentionsOf(text, [['Derbent', 'PLACE'], ['Konya', 'PLACE'], ['Turkey', 'PLACE']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place?.countryCode, 'TR');
  assert.equal(ms[0]!.place?.geonameid, 317095);
  assert.equal(ms[2]!.place?.featureCode, 'PCLI');
});

test('Krasnogorsk near Moscow is the one in Moscow Oblast', () => {
  const text = 'The attack on the concert hall in Krasnogorsk, just outside Moscow, killed many.';
  const ms = mentionsOf(text, [['Krasnogorsk', 'PLACE'], ['Moscow', 'PLACE']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place?.geonameid, 542374);
  assert.equal(ms[0]!.place?.admin1Name, 'Moscow Oblast');
  assert.match(ms[0]!.reason, /km from Moscow/);
  assert.equal(ms[1]!.place?.geonameid, 524901);
});

test('Blagoveshchensk in a Russia text with no other cue: the bigger one, by population', () => {
  const text = 'Police in Blagoveshchensk detained two men, Russian media said.';
  const ms = mentionsOf(text, [['Blagoveshchensk', 'PLACE'], ['Russian', 'NORP', 'RU']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place?.geonameid, 2026609);
  assert.equal(ms[0]!.place?.admin1Name, 'Amur Oblast');
  assert.match(ms[0]!.reason, /population/);
});

test('Kiev resolves to Kyiv, UA', () => {
  const text = 'Drones struck Kiev overnight.';
  const ms = mentionsOf(text, [['Kiev', 'PLACE']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place?.geonameid, 703448);
  assert.equal(ms[0]!.place?.name, 'Kyiv');
  assert.equal(ms[0]!.place?.countryCode, 'UA');
});

test('region names resolve to themselves', () => {
  const text = 'Shelling hit the Belgorod region and Moscow Oblast; the Republic of Dagestan was quiet.';
  const ms = mentionsOf(text, [['Belgorod region', 'PLACE'], ['Moscow Oblast', 'PLACE'], ['Republic of Dagestan', 'PLACE']]);
  resolveShipped(ms);
  assert.deepEqual(ms.map((m) => [m.place?.featureCode, m.place?.admin1Name, m.place?.countryCode]), [
    ['ADM1', 'Belgorod Oblast', 'RU'],
    ['ADM1', 'Moscow Oblast', 'RU'],
    ['ADM1', 'Dagestan', 'RU'],
  ]);
  assert.ok(ms.every((m) => m.place?.lat !== null && m.place?.lon !== null));
});

test('a bare name shared by a region and its main city reads as the city', () => {
  const text = 'Missiles hit Kharkiv and Odesa.';
  const ms = mentionsOf(text, [['Kharkiv', 'PLACE'], ['Odesa', 'PLACE']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place?.geonameid, 706483);
  assert.equal(ms[1]!.place?.geonameid, 698740);
});

test('Georgia: the country, unless the text is about the US', () => {
  const a = 'Protesters gathered in Georgia.';
  const ma = mentionsOf(a, [['Georgia', 'PLACE']]);
  resolveShipped(ma);
  assert.equal(ma[0]!.place?.countryCode, 'GE');
  const b = 'A shooting in Atlanta, Georgia, shocked America.';
  const mb = mentionsOf(b, [['Atlanta', 'PLACE'], ['Georgia', 'PLACE'], ['America', 'PLACE']]);
  resolveShipped(mb);
  assert.equal(mb[1]!.place?.countryCode, 'US');
  assert.equal(mb[1]!.place?.featureCode, 'ADM1');
  assert.equal(mb[0]!.place?.countryCode, 'US');
});

test('repeated mentions share one reading; unknown names get null with a reason', () => {
  const text = 'Derbent was calm. In Dagestan, Derbent police said the Caucasus was tense.';
  const ms = mentionsOf(text, [['Derbent', 'PLACE'], ['Dagestan', 'PLACE'], ['Derbent', 'PLACE'], ['Caucasus', 'PLACE']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place?.geonameid, 566532);
  assert.equal(ms[2]!.place?.geonameid, 566532);
  assert.equal(ms[3]!.place, null);
  assert.match(ms[3]!.reason, /not in the gazetteer/);
  assert.match(ms[0]!.reason, /^fixture; places:/);
});

test('non-PLACE mentions are left alone', () => {
  const text = 'Moscow said nothing.';
  const ms = mentionsOf(text, [['Moscow', 'ORG']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place, undefined);
  assert.equal(ms[0]!.reason, 'fixture');
});

test('regression: linkChain links each group with every other group after it, as the pair loop did, without walking every pair of places', () => {
  type G = { id: number; outer: Set<G>; inner: Set<G> };
  const groups = (n: number): G[] => Array.from({ length: n }, (_, id) => ({ id, outer: new Set<G>(), inner: new Set<G>() }));
  const ids = (s: Set<G>): number[] => [...s].map((g) => g.id).sort((a, b) => a - b);
  // The old rule, kept to compare: every pair i < j of the chain.
  const pairs = (chain: G[]): void => {
    for (let i = 0; i < chain.length; i++) for (let j = i + 1; j < chain.length; j++) {
      if (chain[i] === chain[j]) continue;
      chain[i]!.outer.add(chain[j]!);
      chain[j]!.inner.add(chain[i]!);
    }
  };
  let seed = 7;
  const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let t = 0; t < 300; t++) {
    const d = 1 + rand(6);
    const a = groups(d);
    const b = groups(d);
    const picks = Array.from({ length: rand(12) }, () => rand(d));
    pairs(picks.map((k) => a[k]!));
    linkChain(picks.map((k) => b[k]!));
    for (let k = 0; k < d; k++) {
      assert.deepEqual(ids(b[k]!.outer), ids(a[k]!.outer), `outer of ${k} in ${picks.join(',')}`);
      assert.deepEqual(ids(b[k]!.inner), ids(a[k]!.inner), `inner of ${k} in ${picks.join(',')}`);
    }
  }
});
