import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseName } from './index.js';
import { EXONYMS } from './data/exonyms.js';
import { CTX } from '../../testing/context.js';

const gaz = CTX.gazetteer;
const kinds = (name: string): string[] => gaz.lookup(name).map((c) => `${c.kind}:${c.countryCode}`);

test('normalisation: case, diacritics, apostrophes, St.', () => {
  assert.equal(normaliseName('Nal’chik'), 'nalchik');
  assert.equal(normaliseName('Türkiye'), 'turkiye');
  assert.equal(normaliseName('Diyarbakır'), 'diyarbakir');
  assert.equal(normaliseName('St.-Petersburg'), 'saint petersburg');
  assert.equal(normaliseName('U.S.'), 'u s');
  assert.equal(normaliseName('Rostov-on-Don'), 'rostov on don');
});

test('cities: Derbent has two readings, with GeoNames ids', () => {
  const d = gaz.lookup('derbent');
  // The city in Dagestan and the town in Konya; cities500 adds a village of the name in Türkiye too.
  const ids = d.map((c) => [c.geonameid, c.countryCode]);
  assert.deepEqual(ids.filter(([id]) => id === 317095 || id === 566532).sort(), [[317095, 'TR'], [566532, 'RU']]);
  assert.ok(d.every((c) => c.countryCode === 'RU' || c.countryCode === 'TR'));
  const ru = d.find((c) => c.countryCode === 'RU')!;
  assert.equal(ru.admin1Name, 'Dagestan');
  assert.equal(ru.kind, 'city');
  assert.ok(ru.lat! > 41 && ru.lat! < 43 && ru.lon! > 48 && ru.lon! < 49);
  assert.ok(gaz.lookup('Saint Petersburg').some((c) => c.geonameid === 498817));
  assert.ok(gaz.lookup('St. Petersburg').some((c) => c.geonameid === 498817));
});

test('admin1 with and without generic words', () => {
  for (const [q, name] of [
    ['Dagestan', 'Dagestan'],
    ['Republic of Dagestan', 'Dagestan'],
    ['Moscow Oblast', 'Moscow Oblast'],
    ['Moscow region', 'Moscow Oblast'],
    ['Belgorod region', 'Belgorod Oblast'],
    ['Kursk region', 'Kursk Oblast'],
    ['Tatarstan', 'Tatarstan Republic'],
    ['Kyiv region', 'Kyiv Oblast'],
  ] as const) {
    const a = gaz.lookup(q).filter((c) => c.kind === 'admin1');
    assert.equal(a.length, 1, q);
    assert.equal(a[0]!.admin1Name, name, q);
    assert.equal(a[0]!.featureCode, 'ADM1');
  }
  // A bare core that is a city stays the city.
  assert.deepEqual(kinds('Kursk'), ['city:RU']);
});

test('countries and aliases', () => {
  for (const q of ['US', 'U.S.', 'United States', 'America', 'USA']) assert.equal(gaz.lookup(q)[0]?.countryCode, 'US', q);
  for (const q of ['Britain', 'UK', 'United Kingdom']) assert.equal(gaz.lookup(q)[0]?.countryCode, 'GB', q);
  for (const q of ['Türkiye', 'Turkey']) assert.deepEqual(kinds(q)[0], 'country:TR', q);
  assert.equal(gaz.lookup('Russia')[0]?.featureCode, 'PCLI');
  assert.equal(gaz.country('RU')?.name, 'Russia');
  assert.equal(gaz.country('the Netherlands')?.code, 'NL');
  assert.equal(gaz.country('Türkiye')?.code, 'TR');
  assert.equal(gaz.country('Narnia'), null);
});

test('demonyms', () => {
  const d = (w: string): string | null => gaz.demonym(w)?.code ?? null;
  assert.equal(d('Russian'), 'RU');
  assert.equal(d('Tajik'), 'TJ');
  assert.equal(d('Ukrainian'), 'UA');
  assert.equal(d('American'), 'US');
  assert.equal(d('Afghan'), 'AF');
  assert.equal(d('Russians'), 'RU');
  assert.equal(d('british'), 'GB');
  assert.equal(d('Chechen'), null);
  assert.equal(d('Swiss'), 'CH');
  assert.equal(d('table'), null);
});

test('exonyms and transliteration variants', () => {
  for (const e of EXONYMS) {
    assert.ok(gaz.lookup(e.alias).some((c) => c.countryCode === e.country && c.kind === 'city'), `${e.alias} → ${e.target}`);
  }
  assert.equal(gaz.lookup('Kiev')[0]?.geonameid, 703448);
  assert.ok(gaz.lookup('Grozny').some((c) => c.geonameid === 558418));
  assert.ok(gaz.lookup('Nalchik').some((c) => c.geonameid === 523523));
  assert.ok(gaz.lookup('Raqqa').some((c) => c.geonameid === 172955));
  assert.ok(gaz.lookup('Fallujah').some((c) => c.geonameid === 99454));
  assert.ok(gaz.lookup('Nizhny Novgorod').some((c) => c.geonameid === 520555));
});

test('longestMatch', () => {
  assert.equal(gaz.longestMatch(['st', '.', 'petersburg', 'police'], 0), 3);
  assert.equal(gaz.longestMatch(['moscow', 'region', 'governor'], 0), 2);
  assert.equal(gaz.longestMatch(['in', 'new', 'york', 'city', 'today'], 1), 3);
  assert.equal(gaz.longestMatch(['u.s.', 'army'], 0), 1);
  assert.equal(gaz.longestMatch(['the', 'dog'], 0), 0);
  assert.equal(gaz.longestMatch([',', 'moscow'], 0), 0);
  assert.equal(gaz.longestMatch(['moscow'], 1), 0);
  assert.ok(gaz.maxTokens >= 4 && gaz.maxTokens <= 8);
});
