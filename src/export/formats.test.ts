import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingestPaths } from '../pipeline/index.js';
import { openStore, type IncidentFilter, type Store } from '../store/index.js';
import { runCli } from '../testing/cli.js';
import { fixturePath, readFixture } from '../testing/fixtures.js';
import { ACLED_COLUMNS, EXPORT_FORMATS, exportIncidents, GTD_COLUMNS, type ExportFormat } from './index.js';
import { validate, type JsonSchema } from './json-schema.js';

/**
 * Every export loaded as its users load it: the CSVs by Python's csv module with the exact header, the
 * GeoJSON against RFC 7946's rules, JSON Lines line by line, PLOVER against our schema of the spec. The
 * store holds our own fixtures (src/export/fixtures): a coordinated attack in two cities, a market
 * bombing, a protest, and a report with no date, no place and a vague toll.
 */
let dir: string;
let db: string;
let store: Store;
/** Incident ids by fixture. */
const ids: Record<string, number> = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-formats-'));
  db = join(dir, 'formats.db');
  store = await openStore(db);
  const sum = await ingestPaths(store, [fixturePath('export', 'fixtures')], () => {});
  assert.equal(sum.failed, 0);
  for (const inc of await store.listIncidents()) {
    const doc = (await store.getDocumentMeta(inc.reports[0]!.docId))!;
    ids[doc.meta.source.split('/').pop()!.replace('.txt', '')] = inc.id;
  }
  assert.deepEqual(Object.keys(ids).sort(), ['coordinated-dagestan', 'market-bombing', 'no-date-no-place', 'protest-nairobi']);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(format: ExportFormat, filter: IncidentFilter = {}): Promise<string> {
  return (await exportIncidents(store, format, 'conservative', filter)).text;
}

/** Python's csv.DictReader over a file: the header as read and every row, or the failure. */
function pythonCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const file = join(dir, `py-${Date.now()}.csv`);
  writeFileSync(file, text);
  const script = 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n    r = csv.DictReader(f)\n    rows = list(r)\n    assert all(None not in row and all(v is not None for v in row.values()) for row in rows), "ragged row"\n    print(json.dumps({"header": r.fieldnames, "rows": rows}))\n';
  const py = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  return JSON.parse(py.stdout) as { header: string[]; rows: Record<string, string>[] };
}

test('ACLED CSV loads in Python with exactly ACLED\'s header, values as the codebook codes them', async () => {
  const { header, rows } = pythonCsv(await exported('acled'));
  // ACLED's 31 columns in ACLED's order, then Dossier's `reviewed` (docs/review.md).
  assert.deepEqual(header, ['event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp', 'reviewed']);
  assert.deepEqual(header, [...ACLED_COLUMNS]);
  assert.equal(rows.length, 4);
  const by = (name: string): Record<string, string> => rows.find((r) => r.event_id_cnty!.endsWith(String(ids[name])))!;
  const dag = by('coordinated-dagestan');
  assert.equal(dag.event_id_cnty, `RUS${ids['coordinated-dagestan']}`);
  assert.deepEqual([dag.iso, dag.region, dag.country, dag.admin1, dag.time_precision, dag.geo_precision], ['643', 'Europe', 'Russia', 'Dagestan', '1', '1']);
  assert.equal(dag.interaction, [dag.inter1, dag.inter2].sort().join(''));
  assert.equal(dag.disorder_type, 'Political violence');
  assert.match(dag.timestamp!, /^\d{10}$/);
  const bomb = by('market-bombing');
  assert.deepEqual([bomb.event_id_cnty, bomb.iso, bomb.region, bomb.civilian_targeting, bomb.fatalities], [`SOM${ids['market-bombing']}`, '706', 'Eastern Africa', 'Civilian targeting', '5']);
  const protest = by('protest-nairobi');
  assert.deepEqual([protest.disorder_type, protest.inter1, protest.interaction, protest.fatalities, protest.tags], ['Demonstrations', '6', '60', '0', 'crowd size=no report']);
  // No date, no place, "dozens": no guessed date or country, the codebook's 12, an id no country has.
  const vague = by('no-date-no-place');
  assert.deepEqual([vague.event_date, vague.year, vague.time_precision, vague.country, vague.iso, vague.latitude, vague.geo_precision], ['', '', '', '', '', '', '']);
  assert.equal(vague.event_id_cnty, `XXX${ids['no-date-no-place']}`);
  assert.equal(vague.fatalities, '12');
});

test('ACLED notes: one sentence written from the values — when, who, what, where, toll — ending with its sources', async () => {
  const { rows } = pythonCsv(await exported('acled'));
  for (const r of rows) {
    assert.match(r.notes!, /, according to .+\.txt\.$/, r.notes);
    assert.equal(r.notes!.split(/\.\s+[A-Z]/).length, 1, `one sentence: ${r.notes}`);
  }
  const dag = rows.find((r) => r.event_id_cnty!.startsWith('RUS'))!;
  assert.match(dag.notes!, /^On 23 June 2024, armed men attacked an Orthodox church and a synagogue as well as traffic police post in Makhachkala and Derbent \(Dagestan, Russia\), killing 11 people and injuring 26, according to .*coordinated-dagestan\.txt\.$/);
  // Written, not copied: no sentence of the report appears in it.
  const text = readFixture('export', 'fixtures', 'coordinated-dagestan.txt');
  for (const s of text.split(/(?<=\.)\s+/)) if (s.length > 30) assert.ok(!dag.notes!.includes(s.trim()), s);
  const vague = rows.find((r) => r.event_id_cnty!.startsWith('XXX'))!;
  assert.match(vague.notes!, /^On an unreported date, .* at an unreported location, killing an unspecified number of people \("dozens", coded as 12\)/);
});

test('ACLED event_id_cnty and GTD eventid come from the stable incident id: a filtered export gives the same ids', async () => {
  const all = pythonCsv(await exported('acled')).rows.map((r) => r.event_id_cnty);
  const kenya = pythonCsv(await exported('acled', { country: 'KE' })).rows.map((r) => r.event_id_cnty);
  assert.deepEqual(kenya, [`KEN${ids['protest-nairobi']}`]);
  assert.ok(all.includes(kenya[0]));
  const gtdAll = pythonCsv(await exported('gtd')).rows;
  const gtdSomalia = pythonCsv(await exported('gtd', { country: 'Somalia' })).rows;
  assert.equal(gtdSomalia.length, 1);
  assert.deepEqual(gtdAll.find((r) => r.city === 'Mogadishu'), gtdSomalia[0]);
});

test('GTD CSV loads in Python with the codebook header; numeric twins agree with the _txt columns', async () => {
  const { header, rows } = pythonCsv(await exported('gtd'));
  assert.deepEqual(header, [...GTD_COLUMNS]);
  // Protests are not GTD events: the attack in two cities makes two rows, the bombing and the undated attack one each.
  assert.equal(rows.length, 4);
  for (const r of rows) {
    assert.match(r.eventid!, /^\d{12}$/);
    for (const [num, txt] of [['attacktype1', 'attacktype1_txt'], ['targtype1', 'targtype1_txt'], ['weaptype1', 'weaptype1_txt'], ['country', 'country_txt'], ['region', 'region_txt']] as const) {
      assert.equal(r[num] === '', r[txt] === '' || r[txt] === 'Unknown' && num === 'country', `${num} beside ${r[txt]}`);
    }
  }
  const bomb = rows.find((r) => r.city === 'Mogadishu')!;
  assert.deepEqual([bomb.country, bomb.country_txt, bomb.region, bomb.region_txt], ['182', 'Somalia', '11', 'Sub-Saharan Africa']);
  assert.deepEqual([bomb.attacktype1, bomb.attacktype1_txt, bomb.weaptype1, bomb.weaptype1_txt], ['3', 'Bombing/Explosion', '6', 'Explosives']);
  assert.deepEqual([bomb.targtype1, bomb.targsubtype1, bomb.targsubtype1_txt], ['14', '74', 'Marketplace/Plaza/Square']);
  assert.deepEqual([bomb.claimed, bomb.nperpcap, bomb.property, bomb.success, bomb.suicide, bomb.multiple, bomb.doubtterr], ['1', '2', '1', '1', '0', '0', '0']);
  assert.equal(bomb.eventid, `20230303${String((ids['market-bombing']! % 1000) * 10).padStart(4, '0')}`);
  const undated = rows.find((r) => r.eventid!.startsWith('00000000'))!;
  assert.deepEqual([undated.iyear, undated.imonth, undated.iday, undated.country, undated.country_txt, undated.specificity, undated.latitude], ['', '0', '0', '', 'Unknown', '5', '']);
  assert.deepEqual([undated.nperps, undated.attacktype2_txt, undated.weaptype2_txt], ['-99', 'Facility/Infrastructure Attack', 'Incendiary']);
});

test('GTD: simultaneous attacks in Makhachkala and Derbent are one row per city, linked by multiple and related', async () => {
  const rows = pythonCsv(await exported('gtd')).rows.filter((r) => r.iyear === '2024');
  assert.deepEqual(rows.map((r) => r.city).sort(), ['Derbent', 'Makhachkala']);
  const [a, b] = rows as [Record<string, string>, Record<string, string>];
  assert.notEqual(a.eventid, b.eventid);
  assert.deepEqual([a.multiple, b.multiple], ['1', '1']);
  assert.equal(a.related, b.eventid);
  assert.equal(b.related, a.eventid);
  for (const r of rows) assert.deepEqual([r.iyear, r.imonth, r.iday, r.country, r.provstate], ['2024', '6', '23', '167', 'Dagestan']);
  // Each city's row has the targets named with it; the figures, given for the whole attack, are on one row only.
  const derbent = rows.find((r) => r.city === 'Derbent')!;
  const makhachkala = rows.find((r) => r.city === 'Makhachkala')!;
  assert.match(derbent.target1!, /church/);
  assert.equal(derbent.targtype1_txt, 'Religious Figures/Institutions');
  assert.equal(derbent.targsubtype1, '86');
  assert.match(makhachkala.target1!, /police post/);
  assert.equal(makhachkala.targtype1_txt, 'Police');
  assert.deepEqual(rows.map((r) => r.nkill).sort(), ['', '11']);
  assert.deepEqual([derbent.latitude!.slice(0, 4), makhachkala.latitude!.slice(0, 4)], ['42.0', '42.9']);
});

/** RFC 7946's rules for what we write: a FeatureCollection of Point features, no CRS member, coordinates [lon, lat]. */
function checkRfc7946(fc: Record<string, unknown>): void {
  assert.equal(fc.type, 'FeatureCollection');
  assert.ok(Array.isArray(fc.features));
  assert.ok(!JSON.stringify(fc).includes('"crs"'), 'RFC 7946 §4: no "crs" member');
  for (const f of fc.features as Record<string, unknown>[]) {
    assert.equal(f.type, 'Feature');
    assert.ok(typeof f.id === 'number' || typeof f.id === 'string');
    assert.ok(f.properties && typeof f.properties === 'object');
    const g = f.geometry as { type: string; coordinates: number[] };
    assert.equal(g.type, 'Point');
    assert.equal(g.coordinates.length, 2);
    const [lon, lat] = g.coordinates as [number, number];
    assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, `${lon},${lat} in range`);
    for (const c of g.coordinates) assert.ok((String(c).split('.')[1] ?? '').length <= 6, `${c}: at most six decimals`);
  }
}

test('GeoJSON: an RFC 7946 FeatureCollection, [lon, lat] order, the unlocated incident listed apart with why', async () => {
  const text = await exported('geojson');
  const fc = JSON.parse(text) as Record<string, unknown>;
  checkRfc7946(fc);
  const features = fc.features as { id: number; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
  assert.deepEqual(features.map((f) => f.id).sort(), [ids['coordinated-dagestan'], ids['market-bombing'], ids['protest-nairobi']].sort());
  const mogadishu = features.find((f) => f.id === ids['market-bombing'])!;
  const place = (await store.getIncident(ids['market-bombing']!))!.reports[0]!.locations[0]!.value.place;
  assert.deepEqual(mogadishu.geometry.coordinates, [place.lon, place.lat], 'longitude first');
  assert.ok(mogadishu.geometry.coordinates[0]! > 40 && mogadishu.geometry.coordinates[1]! < 3);
  const p = mogadishu.properties;
  assert.deepEqual([p.date, p.type, p.acled_event_type, p.gtd_attack_type, p.plover_event, p.country, p.fatalities, p.injured], ['2023-03-03', 'bombing', 'Explosions/Remote violence', 'Bombing/Explosion', 'ASSAULT', 'Somalia', 5, 14]);
  assert.ok((p.evidence_count as number) > 5);
  assert.equal(p.reviewed, false, 'the store holds the review: not reviewed');
  assert.deepEqual((features.find((f) => f.id === ids['coordinated-dagestan'])!.properties.other_locations), ['Derbent']);
  assert.deepEqual(fc.unlocated, [{ id: ids['no-date-no-place'], label: 'armed assault', date: null, why: 'no place named in its reports' }]);
  // A filter that keeps nothing still writes a closed, valid collection.
  const empty = JSON.parse(await exported('geojson', { country: 'FR' })) as Record<string, unknown>;
  checkRfc7946(empty);
  assert.deepEqual([empty.features, empty.unlocated], [[], []]);
});

test('GeoJSON from the CLI: the count of unlocated incidents goes to stderr, the collection to stdout', async () => {
  const r = await runCli('export', '--format', 'geojson', '--db', db);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^1 incident without coordinates listed under "unlocated"/m);
  checkRfc7946(JSON.parse(r.out) as Record<string, unknown>);
  const located = await runCli('export', '--format', 'geojson', '--db', db, '--country', 'KE');
  assert.equal(located.err, '');
});

test('PLOVER: every record of the export validates against our PLOVER 2.0 schema', async () => {
  const schema = JSON.parse(readFixture('export', 'plover-2.0.schema.json')) as JsonSchema;
  const lines = (await exported('plover')).split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 4);
  for (const line of lines) {
    const rec = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(validate(rec, schema), [], line);
  }
  const dag = JSON.parse(lines.find((l) => l.includes('Makhachkala'))!) as { actor: { code: string }[]; recipient: unknown[]; event: string[]; event_loc: { resolved_place: { cc3: string } }; cite_info: { publication: string } };
  assert.deepEqual(dag.event, ['ASSAULT']);
  assert.equal(dag.actor[0]!.code, 'RUS');
  assert.equal(dag.recipient.length, 2);
  assert.equal(dag.event_loc.resolved_place.cc3, 'RUS');
  const undated = JSON.parse(lines.find((l) => l.includes(`"dossier-${ids['no-date-no-place']}"`))!) as { date: string; date_precision: string; event_loc: unknown };
  assert.equal(undated.date_precision, 'ingested');
  assert.equal(undated.event_loc, null);
});

test('the schema check can fail: records that break the PLOVER spec are rejected with the reason', () => {
  const schema = JSON.parse(readFixture('export', 'plover-2.0.schema.json')) as JsonSchema;
  const good = { id: 'x', date: '2024-06-23', actor: [{ actor_text: 'gunmen', code: 'RUS' }], event: ['ASSAULT'] };
  assert.deepEqual(validate(good, schema), []);
  assert.match(validate({ ...good, event: 'ASSAULT' }, schema).join(), /\$\.event: expected "array"/);
  assert.match(validate({ ...good, event: ['FIGHT'] }, schema).join(), /not one of/);
  assert.match(validate({ ...good, actor: [{ actor_text: 'gunmen', code: 'RU' }] }, schema).join(), /\$\.actor\[0\]\.code/);
  assert.match(validate({ ...good, date: '2024-06' }, schema).join(), /\$\.date/);
  assert.match(validate({ id: 'x', actor: [], event: ['ASSAULT'] }, schema).join(), /missing required "date"/);
  assert.match(validate({ ...good, actor_name: 'x' }, schema).join(), /unexpected property "actor_name"/);
  assert.match(validate({ ...good, event_loc: { resolved_place: { name: 'X', country_code: 'RU', latitude: 91 } } }, schema).join(), /event_loc/);
  assert.throws(() => validate(good, { ...schema, format: 'date' }), /not supported/);
});

test('JSON Lines: each line one JSON record, parsed line by line in Python', async () => {
  const text = await exported('jsonl');
  assert.ok(text.endsWith('\n'));
  const file = join(dir, 'records.jsonl');
  writeFileSync(file, text);
  const py = spawnSync('python3', ['-c', 'import json, sys\nids = []\nfor line in open(sys.argv[1], encoding="utf-8"):\n    ids.append(json.loads(line)["incident_id"])\nprint(json.dumps(ids))', file], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  assert.deepEqual((JSON.parse(py.stdout) as number[]).sort(), Object.values(ids).sort());
});

test('every format takes every filter `incidents` takes, from the CLI, and keeps the same incidents', async () => {
  const filters: [string[], IncidentFilter][] = [
    [['--country', 'Kenya'], { country: 'Kenya' }],
    [['--from', '2023', '--to', '2023-12'], { from: '2023', to: '2023-12' }],
    [['--type', 'bombing'], { type: 'bombing' }],
    [['--text', 'synagogue'], { text: 'synagogue' }],
    [['--actor', 'gunmen'], { actor: 'gunmen' }],
    [['--bbox', '40,-5,50,5'], { bbox: [40, -5, 50, 5] }],
  ];
  for (const [args, filter] of filters) {
    const listed = JSON.parse((await runCli('incidents', '--json', '--db', db, ...args)).out) as { incident_id: number }[];
    const expected = (await store.listIncidents(filter)).map((i) => i.id);
    assert.deepEqual(listed.map((x) => x.incident_id), expected, args.join(' '));
    assert.ok(expected.length > 0, `${args.join(' ')} keeps something`);
    for (const format of EXPORT_FORMATS) {
      const r = await runCli('export', '--format', format, '--db', db, ...args);
      assert.equal(r.code, 0, `${format} ${args.join(' ')}: ${r.err}`);
      assert.equal(r.out, await exported(format, filter), `${format} ${args.join(' ')}`);
    }
  }
  const whole = await exported('jsonl');
  assert.notEqual((await exported('jsonl', { country: 'Kenya' })).length, whole.length, 'a filter changes the export');
});

test('every export is the same on PostgreSQL as on SQLite (but the ingestion times in ACLED\'s timestamp)', async (t) => {
  const { freshDatabase, pgUnavailable } = await import('../testing/pg.js');
  const why = await pgUnavailable();
  if (why) return t.skip(why);
  const pgdb = await freshDatabase('exports');
  const pgStore = await openStore(pgdb.url);
  try {
    await ingestPaths(pgStore, [fixturePath('export', 'fixtures')], () => {});
    const sameIds = (await pgStore.listIncidents()).map((i) => i.id);
    assert.deepEqual(sameIds, (await store.listIncidents()).map((i) => i.id));
    const noTimestamp = (csv: string): string => csv.replace(/,\d{10},([01])$/gm, ',T,$1');
    for (const format of EXPORT_FORMATS) {
      const a = (await exportIncidents(pgStore, format)).text;
      const b = await exported(format);
      assert.equal(format === 'acled' ? noTimestamp(a) : a, format === 'acled' ? noTimestamp(b) : b, format);
    }
  } finally {
    await pgStore.close();
    await pgdb.drop();
  }
});

test('reviews reach every format: a corrected toll, the reviewed flag, the last change; a rejected incident is gone', async () => {
  const bomb = ids['market-bombing']!;
  const before = pythonCsv(await exported('acled')).rows.find((r) => r.event_id_cnty === `SOM${bomb}`)!;
  await new Promise((r) => setTimeout(r, 1100)); // the review's time must be a later second than the ingestion's
  await store.addReview(bomb, { kind: 'correct', field: 'killed', value: 7 }, { actor: 'test' });
  const acled = pythonCsv(await exported('acled')).rows.find((r) => r.event_id_cnty === `SOM${bomb}`)!;
  assert.deepEqual([acled.fatalities, acled.reviewed], ['7', '1']);
  assert.ok(Number(acled.timestamp) > Number(before.timestamp), 'the review is the last change');
  assert.match(acled.notes!, /killing 7 people/);
  const gtd = pythonCsv(await exported('gtd')).rows.find((r) => r.city === 'Mogadishu')!;
  assert.deepEqual([gtd.nkill, gtd.reviewed], ['7', '1']);
  const feature = (JSON.parse(await exported('geojson')) as { features: { id: number; properties: Record<string, unknown> }[] }).features.find((f) => f.id === bomb)!;
  assert.deepEqual([feature.properties.fatalities, feature.properties.reviewed], [7, true]);
  const plover = (await exported('plover')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; size: { dead: number }; reviewed: boolean });
  assert.deepEqual(plover.filter((p) => p.id === `dossier-${bomb}`).map((p) => [p.size.dead, p.reviewed]), [[7, true]]);
  // Rejected: out of every format, the GeoJSON's unlocated list included.
  const unlocatedId = ids['no-date-no-place']!;
  await store.addReview(unlocatedId, { kind: 'reject-incident' }, { actor: 'test' });
  const fc = JSON.parse(await exported('geojson')) as { unlocated: unknown[] };
  assert.deepEqual(fc.unlocated, []);
  assert.equal(pythonCsv(await exported('acled')).rows.length, 3);
  assert.ok(!(await exported('jsonl')).includes(`"incident_id":${unlocatedId},`));
  assert.ok(!(await exported('plover')).includes(`"dossier-${unlocatedId}"`));
  assert.ok(!pythonCsv(await exported('gtd')).rows.some((r) => r.eventid!.startsWith('00000000')));
});
