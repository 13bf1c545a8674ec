import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attested, Count, PlaceRef } from '../model/index.js';
import { acledTypeFor } from '../classify/acled-type.js';
import { loadEventModel } from '../classify/events.js';
import { acledDate, acledFatalities, acledGeoPrecision, codedFatalities } from './acled.js';

/** models/events.json, as the incident stage reads it. */
const MODEL = loadEventModel();

const count = (value: number, qualifier: Count['qualifier'], text: string): Attested<Count> => ({ value: { value, qualifier, low: value, high: null, text }, evidence: [], confidence: 1, stage: 't', reason: 't' });
const place = (featureCode: string): PlaceRef => ({ geonameid: 1, name: 'X', featureCode, lat: 0, lon: 0, countryCode: 'KE', countryName: 'Kenya', admin1Code: '01', admin1Name: 'Y', population: null });

test('ACLED fatalities: numbers as written, the codebook figure for vague words, 0 when none is reported', () => {
  assert.equal(acledFatalities(count(21, 'at_least', 'at least 21')), 21);
  assert.equal(acledFatalities(count(24, 'vague', 'dozens')), 12);
  assert.equal(acledFatalities(count(3, 'vague', 'several')), 10);
  assert.equal(acledFatalities(null), 0);
});

test('ACLED fatalities: a coder\'s "Fatalities coded as N" is the coding; other numbers are not', () => {
  assert.equal(codedFatalities('Three soldiers were killed. Fatalities coded as 0 (the group claimed 3).'), 0);
  assert.equal(codedFatalities('Fatality coded as 1.'), 1);
  assert.equal(codedFatalities('Four people were killed and coded by the police as criminals.'), null);
});

test('ACLED dates and places: time precision 1/3, geo precision 1/2/3', () => {
  assert.deepEqual(acledDate({ year: 2020, month: 3, day: 1, precision: 'day' }, null), { date: '2020-03-01', precision: '1' });
  assert.deepEqual(acledDate({ year: 2020, month: 3, day: null, precision: 'month' }, null), { date: '2020-03-01', precision: '3' });
  // No date in the text: the day before the report (UNDATED_LAG_DAYS), across a month end.
  assert.deepEqual(acledDate({ year: null, month: null, day: null, precision: 'unknown' }, '2020-03-01'), { date: '2020-02-29', precision: '1' });
  assert.deepEqual(acledDate({ year: null, month: null, day: null, precision: 'unknown' }, null), { date: '', precision: '' });
  assert.equal(acledGeoPrecision(place('PPL'), 'in'), '1');
  assert.equal(acledGeoPrecision(place('PPL'), 'near'), '2');
  assert.equal(acledGeoPrecision(place('ADM2'), 'in'), '2');
  assert.equal(acledGeoPrecision(place('ADM1'), 'in'), '3');
});

test('ACLED type: an attack on forces or fighters is a battle, an attack on civilians is not', () => {
  const report = { kind: 'attack', acledEvent: 'Violence against civilians', acledSubEvent: 'Attack' };
  const onPolice = acledTypeFor(report, 'Unidentified gunmen attacked a police checkpoint at Tillei, killing three.', MODEL);
  assert.equal(onPolice.event, 'Battles');
  const soldiers = acledTypeFor(report, 'On 9 March 2020, three soldiers were killed by armed men near Djibo.', MODEL);
  assert.equal(soldiers.event, 'Battles');
  const onVillagers = acledTypeFor(report, 'Unidentified gunmen attacked villagers in Tillei, killing three civilians.', MODEL);
  assert.equal(onVillagers.event, 'Violence against civilians');
});

test('ACLED actor columns: actor, associate and inter of each side from the note', async () => {
  const { intakeBuffer } = await import('../intake/index.js');
  const { runPipeline } = await import('../pipeline/index.js');
  const { acledActorColumns } = await import('./acled.js');
  const doc = intakeBuffer(Buffer.from('3 May 2021\n\nOn 2 May 2021, university students protested against fee increases in Nairobi. Police dispersed them with tear gas.\n'), 'note.txt', 'text');
  const r = runPipeline(doc).incidents[0]!;
  const cols = acledActorColumns(doc.text, r, 'Protests', 'Kenya');
  assert.equal(cols.actor1, 'Protesters (Kenya)');
  assert.equal(cols.assoc_actor_1, 'Students (Kenya)');
  assert.equal(cols.inter1, '6');
  // Without a country the conventions name nobody: no "Protesters ()".
  assert.equal(acledActorColumns(doc.text, r, 'Protests', '').actor1.includes('()'), false);
});

test('ACLED type: a protest whose demonstrators did violence is a riot; a peaceful one stays a protest', () => {
  const protest = { kind: 'protest', acledEvent: 'Protests', acledSubEvent: 'Peaceful protest' };
  assert.equal(acledTypeFor(protest, 'Students protested over fees and burnt tyres on the highway.', MODEL).event, 'Riots');
  assert.equal(acledTypeFor(protest, 'Teachers marched peacefully to the ministry to demand their pay.', MODEL).event, 'Protests');
});

test('ACLED interaction, disorder type and civilian targeting from the codes', async () => {
  const { civilianTargeting, disorderType, interaction } = await import('./acled.js');
  assert.equal(interaction('7', '1'), '17');
  assert.equal(interaction('6', ''), '60');
  assert.equal(interaction('', ''), '');
  assert.equal(interaction('3', '0'), '30');
  assert.equal(disorderType('Battles', 'Armed clash'), 'Political violence');
  assert.equal(disorderType('Protests', 'Peaceful protest'), 'Demonstrations');
  assert.equal(disorderType('Protests', 'Excessive force against protesters'), 'Political violence; Demonstrations');
  assert.equal(disorderType('Riots', 'Violent demonstration'), 'Demonstrations');
  assert.equal(disorderType('Riots', 'Mob violence'), 'Political violence');
  assert.equal(disorderType('Strategic developments', 'Arrests'), 'Strategic developments');
  assert.equal(civilianTargeting('Violence against civilians', '7'), 'Civilian targeting');
  assert.equal(civilianTargeting('Explosions/Remote violence', '7'), 'Civilian targeting');
  assert.equal(civilianTargeting('Explosions/Remote violence', '1'), '');
  assert.equal(civilianTargeting('Battles', '7'), '');
});

test('country codes: ISO alpha-3 and numeric, ACLED and GTD regions; unknown codes give nothing', async () => {
  const { countryCodes, gtdRegion } = await import('./countries.js');
  assert.deepEqual(countryCodes('RU'), { iso2: 'RU', iso3: 'RUS', isoNumeric: 643, acledRegion: 'Europe' });
  assert.equal(countryCodes('AF')?.isoNumeric, 4);
  assert.equal(countryCodes('IR')?.acledRegion, 'Middle East');
  assert.equal(countryCodes('GE')?.acledRegion, 'Caucasus and Central Asia');
  assert.equal(countryCodes('MX')?.acledRegion, 'Central America');
  assert.equal(countryCodes('BF')?.acledRegion, 'Western Africa');
  assert.equal(countryCodes('XK')?.isoNumeric, 0);
  assert.equal(countryCodes('ZZ'), null);
  assert.equal(countryCodes(''), null);
  assert.equal(gtdRegion('RU'), 9);
  assert.equal(gtdRegion('IQ'), 10);
  assert.equal(gtdRegion('EG'), 10);
  assert.equal(gtdRegion('SD'), 11);
  assert.equal(gtdRegion('MX'), 1);
  assert.equal(gtdRegion('ZZ'), null);
});

test('ACLED source scale from the reports\' addresses: national, international, new media; a file tells nothing', async () => {
  const { sourceScale } = await import('./acled.js');
  const meta = (url: string | null, source: string) => ({ id: source, text: '', ingestedAt: '', meta: { title: null, subtitle: null, author: null, publisher: null, published: null, language: 'en', format: 'html' as const, source, url } });
  const item = (...docs: ReturnType<typeof meta>[]) => ({ docs: new Map(docs.map((d) => [d.id, d])) }) as unknown as Parameters<typeof sourceScale>[0];
  assert.equal(sourceScale(item(meta('https://www.kommersant.ru/doc/1', 'a')), 'RU'), 'National');
  assert.equal(sourceScale(item(meta('https://www.bbc.co.uk/news/1', 'a'), meta('https://ria.ru/1', 'b')), 'RU'), 'National-International');
  assert.equal(sourceScale(item(meta(null, 'https://t.me/channel/12')), 'RU'), 'New media');
  assert.equal(sourceScale(item(meta(null, '/home/me/report.txt'), meta('https://example.com/a', 'c')), 'RU'), '');
});

test('withoutParenthetical: an ACLED actor without its closing parenthetical; whitespace before ")" is no pattern attack (ReDoS regression)', async () => {
  const { withoutParenthetical } = await import('./acled-notes.js');
  assert.equal(withoutParenthetical('Military Forces of Nigeria (2015-2023)'), 'Military Forces of Nigeria');
  assert.equal(withoutParenthetical('Boko Haram'), null);
  assert.equal(withoutParenthetical(`x${'\t'.repeat(54_773)})`), null);
});
