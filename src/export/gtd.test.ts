import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { loadContext, runPipeline } from '../pipeline/index.js';
import { primaryReport } from '../resolve/index.js';
import { gtdAttackType, gtdGname, gtdTargetType, gtdToll } from './gtd.js';
import type { ExportItem } from './records.js';

test('GTD toll: wounded without dead is 0 killed; dead without wounded is 0 wounded; neither stays unknown', () => {
  assert.deepEqual(gtdToll(null, 5), { killed: 0, wounded: 5 });
  assert.deepEqual(gtdToll(3, null), { killed: 3, wounded: 0 });
  assert.deepEqual(gtdToll(null, null), { killed: null, wounded: null });
  assert.deepEqual(gtdToll(0, null), { killed: 0, wounded: null });
});

const reportOf = (summary: string) => runPipeline(intakeBuffer(Buffer.from(summary), 'gtd.txt', 'text')).incidents[0]!;

test('GTD attack type: a bare attack takes its type from the weapon', () => {
  assert.equal(gtdAttackType(reportOf('03/05/2017: Assailants attacked soldiers in Maungdaw, Rakhine, Myanmar. Four soldiers were killed.')), 'Armed Assault');
  assert.equal(gtdAttackType(reportOf('03/05/2017: Assailants attacked a checkpoint with explosives in Mosul, Iraq. Two soldiers were killed.')), 'Bombing/Explosion');
});

test('GTD casualties: "no reported casualties" is 0 and 0; "in addition to the assailant" counts the attacker', () => {
  const none = reportOf('12/28/2012: Assailants set fire to a school in Maiha, Adamawa, Nigeria. There were no reported casualties.');
  assert.equal(none.killedTotal?.value.value ?? none.killedVictims?.value.value, 0);
  const bomber = reportOf('10/15/2016: A suicide bomber detonated at a gathering in Baghdad, Iraq. In addition to the assailant, at least 35 people were killed.');
  assert.equal(bomber.killedTotal?.value.value, 36);
  assert.equal(bomber.killedPerpetrators?.value.value, 1);
});

/** The exporter's item for a summary, as the GTD evaluation builds it. */
function itemOf(summary: string): ExportItem {
  const doc = intakeBuffer(Buffer.from(summary), 'gtd.txt', 'text');
  const st = runPipeline(doc);
  const primary = primaryReport(st.incidents);
  return { incident: { id: 0, reports: [primary], sources: 1 }, primary, docs: new Map([[doc.id, { id: doc.id, meta: doc.meta, text: doc.text, ingestedAt: '' }]]), policy: 'conservative', claims: [] };
}

test('GTD gname: a lexicon alias maps to the canonical group; no group is Unknown', () => {
  const ctx = loadContext({ gtdGroups: { groups: [{ name: 'Communist Party of India - Maoist (CPI-Maoist)', events: 9, aliases: ['maoists', 'CPI-Maoist'] }, { name: 'Taliban', events: 5, aliases: ['taliban'] }] } });
  const g = gtdGname(itemOf('05/08/2008: Suspected Maoists triggered a landmine blast and opened fire at police near Chhindpal village in Kanker, Chhattisgarh, India. Three policemen were killed.'), undefined, ctx);
  assert.equal(g.value, 'Communist Party of India - Maoist (CPI-Maoist)');
  assert.match(g.reason, /lexicon/);
  assert.equal(gtdGname(itemOf('09/29/2013: An explosives-laden vehicle detonated at a bazaar in Peshawar, Pakistan. Tehrik-i-Taliban claimed nothing.'), { sentence: true, document: true, raw: false }, ctx).value, 'Unknown');
  assert.equal(gtdGname(itemOf('06/08/2009: Gunmen opened fire at a mosque in Narathiwat, Thailand, killing ten people.'), undefined, ctx).value, 'Unknown');
});

test('GTD target type: the rule type of a typed target first; else the classifier when sure', () => {
  const tiny = { labels: ['Police', 'Private Citizens & Property'], features: { bigrams: false, actor: false }, bias: [0, 0], weights: { 'w:villager': [-2, 2] }, threshold: 0.6 };
  const ctx = loadContext({ targetType: tiny });
  const typed = gtdTargetType(itemOf('03/05/2017: A bomb exploded outside a police station in Mosul, Iraq.'), ctx);
  assert.equal(typed.value, 'Police');
  assert.match(typed.reason, /rule type/);
  const guessed = gtdTargetType(itemOf('02/10/2006: Rebels raided the area of Odsa in Dantewada, Chhattisgarh, India, killing five villagers.'), ctx);
  assert.equal(guessed.value, 'Private Citizens & Property');
  assert.match(guessed.reason, /classifier/);
});

test('GTD city: the text spelling replaces the gazetteer one when they differ only in accents', async () => {
  const { gtdPlace } = await import('./gtd.js');
  const urumqi = { geonameid: 1, name: 'Ürümqi', featureCode: 'PPLA', lat: 43.8, lon: 87.6, countryCode: 'CN', countryName: 'China', admin1Code: '13', admin1Name: 'Xinjiang', population: 3_000_000 };
  assert.equal(gtdPlace(urumqi, 'Urumqi').city, 'Urumqi');
  assert.equal(gtdPlace(urumqi, 'Urumchi').city, 'Ürümqi');
  assert.equal(gtdPlace(urumqi, null).city, 'Ürümqi');
});

test('GTD eventid: the date and four digits from the stable incident id and the city part', async () => {
  const { gtdEventId } = await import('./gtd-ids.js');
  const r = reportOf('03/05/2017: Assailants attacked soldiers in Maungdaw, Rakhine, Myanmar. Four soldiers were killed.');
  assert.equal(gtdEventId(r, 42), '201703050420');
  assert.equal(gtdEventId(r, 42, 1), '201703050421');
  assert.equal(gtdEventId(r, 1042), gtdEventId(r, 42), 'ids 1000 apart on the same day share an eventid (documented)');
  assert.equal(gtdEventId({ ...r, date: { ...r.date, value: { year: 2017, month: 3, day: null, precision: 'month' } } }, 7), '201703000070');
  assert.equal(gtdEventId({ ...r, date: { ...r.date, value: { year: null, month: null, day: null, precision: 'unknown' } } }, 7), '000000000070');
});

test('GTD perpetrators counted from their words; unknown is -99', async () => {
  const { gtdPerpetratorCount } = await import('./gtd-fields.js');
  const withPerps = (...names: string[]) => ({ ...reportOf('03/05/2017: A bomb exploded in Mosul, Iraq.'), perpetrators: names.map((name) => ({ value: { name, kind: 'individual' as const, origin: null }, evidence: [], confidence: 1, stage: 't', reason: 't' })) });
  assert.equal(gtdPerpetratorCount(withPerps('two gunmen')), '2');
  assert.equal(gtdPerpetratorCount(withPerps('a suicide bomber')), '1');
  assert.equal(gtdPerpetratorCount(withPerps('4 attackers', 'a driver')), '5');
  assert.equal(gtdPerpetratorCount(withPerps('gunmen')), '-99');
  assert.equal(gtdPerpetratorCount(withPerps()), '-99');
});

test('GTD target subtype and corp1 from the target\'s words; none found stays blank or Unknown', async () => {
  const { gtdCorp, gtdTargetSubtype } = await import('./gtd-fields.js');
  assert.deepEqual(gtdTargetSubtype('Police', { name: 'a police checkpoint', gtdTargetType: 'Police' }), { code: '24', text: 'Police Checkpoint' });
  assert.equal(gtdTargetSubtype('Religious Figures/Institutions', { name: 'two Orthodox churches', gtdTargetType: '' }).code, '86');
  assert.equal(gtdTargetSubtype('Business', { name: 'a shop', gtdTargetType: 'Business' }).code, '');
  assert.equal(gtdTargetSubtype('Police', undefined).code, '');
  assert.equal(gtdCorp({ name: 'the Kerch Bridge', gtdTargetType: 'Transportation' }), 'Kerch Bridge');
  assert.equal(gtdCorp({ name: 'a busy market', gtdTargetType: 'Business' }), 'Unknown');
});

test('GTD natlty1: a nationality the target names, else the country of the attack', async () => {
  const { countryOfName } = await import('./countries.js');
  assert.equal(countryOfName('Tajik'), 'TJ');
  assert.equal(countryOfName('Russians'), 'RU');
  assert.equal(countryOfName('Tajikistan'), 'TJ');
  assert.equal(countryOfName('Orthodox'), null);
  assert.equal(countryOfName(''), null);
});

test('GTD rows per city only for a coordinated attack: a town and its district, or a route, stay one row', async () => {
  const { gtdCities } = await import('./gtd-ids.js');
  const { readFixture } = await import('../testing/fixtures.js');
  const cities = (text: string) => gtdCities(runPipeline(intakeBuffer(Buffer.from(text), 'x.txt', 'text')).incidents[0]!, text).map((c) => c.value.place.name);
  assert.deepEqual(cities(readFixture('export', 'fixtures', 'coordinated-dagestan.txt')).sort(), ['Derbent', 'Makhachkala']);
  assert.deepEqual(cities('07/10/2008: On Thursday in Handwara, Kupwara, Jammu and Kashmir, India, two assailants threw a grenade at police during a party at the police station.'), []);
  assert.deepEqual(cities('05/02/2012: A bomb exploded on a bus travelling from Kabul to Jalalabad, Afghanistan, killing four passengers.'), []);
  assert.deepEqual(cities('06/23/2024: Gunmen attacked a church in Derbent, Dagestan, Russia. Five people were killed.'), []);
});

test('capitalisedRun: the first run of capitalised words, "of (the)" between them; a long word of capitals is no pattern attack (ReDoS regression)', async () => {
  const { capitalisedRun } = await import('./gtd-fields.js');
  assert.equal(capitalisedRun('the Bank of the North branch'), 'Bank of the North');
  assert.equal(capitalisedRun('Acme Bank.'), 'Acme Bank');
  assert.equal(capitalisedRun('Acme, Bank Ltd'), 'Bank Ltd');
  assert.equal(capitalisedRun('a school'), null);
  // Was quadratic in the length of this word (recheck's attack string): now one pass.
  assert.equal(capitalisedRun("'A".repeat(31_623)), null);
});
