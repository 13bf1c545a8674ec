/**
 * A large synthetic store, fast (issues 11 and 12: 1M incidents). Saving a million incidents through
 * the real save path takes hours here (100 000 took 14 minutes on SQLite), so the store is made in two
 * steps (docs/benchmarks.md, "A 1M store by replication"):
 *
 * 1. a seed of SEED_INCIDENTS incidents built through the real save path (synthetic-store.ts), so that
 *    every table holds rows of their true shape, written by the store itself;
 * 2. copies of the seed, made in SQL (INSERT … SELECT), until the store holds N incidents. Copy c
 *    (1, 2, …) gets document ids with c in their first four hex digits (the seed's are 0000…), incident
 *    ids offset by c × the seed's largest, years moved by YEAR_STEP × c within 1970–2019, countries
 *    moved c places along the generator's 32, and coordinates moved by up to ±1° (lat) and ±2° (lon):
 *    in every column the queries read, in the reports' and claims' JSON, the full-text rows and the
 *    incidents' stored headlines and sort dates, so filters select as they would in a store of N
 *    distinct incidents. What stays the seed's: the documents' prose (a copy's text names the seed's
 *    dates and countries), and so their near-copy sketches; annotations; the incidents' created_at.
 */
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isoOfDate } from '../src/model/index.js';
import { isPostgresUrl, openStore, type Store } from '../src/store/index.js';
import { headlineRow } from '../src/store/sql/headline-sql.js';
import { KEY_HEX_DIGITS } from '../src/store/sql/sketch-keys.js';
import { emptyReview } from '../src/review/effective.js';
import { eachItem } from '../src/export/records.js';
import { showIncident } from '../src/cli/format.js';
import { incidentSummaries } from '../src/views/index.js';
import { openFloor, type Floor } from './sql-floor.js';
import { COUNTRIES } from './synthetic-store.js';

/** Incidents built through the real save path before copying: a few thousand, so every table has rows. */
export const SEED_INCIDENTS = 5_000;
/** Bump when the copying changes: a store made by another version is rebuilt. */
export const REPLICA_VERSION = '2';
/** The version before the stored list summaries (migration 13): such a store is upgraded in place, see upgradeReplica. */
export const REPLICA_VERSION_BEFORE_SUMMARIES = '1';
/** Years a copy moves per copy number (prime to 50, so consecutive copies land on different years). */
const YEAR_STEP = 7;
/** The synthetic years run 1970–2019. */
const FIRST_YEAR = 1970;
const YEARS = 50;
/** Copies between progress lines. */
const PROGRESS_EVERY = 10;

/** What one copy needs spliced into its statements: all made here from integers, never from input. */
interface Copy {
  /** Four hex digits replacing the seed's 0000 at the start of document, report and claim ids. */
  prefix: string;
  /** Added to every incident id. */
  idOffset: number;
  yearShift: number;
  dLat: number;
  dLon: number;
}

function copyOf(c: number, maxIncident: number): Copy {
  if (c >= 0x10000) throw new Error('at most 65 535 copies');
  return {
    prefix: c.toString(16).padStart(4, '0'),
    idOffset: c * maxIncident,
    yearShift: (YEAR_STEP * c) % YEARS,
    dLat: (((c * 37) % 201) - 100) / 100,
    dLon: (((c * 53) % 201) - 100) / 50,
  };
}

type Dialect = 'sqlite' | 'postgres';

/** A date column ('YYYY…') with its year moved within the synthetic years; NULL stays NULL. */
const shiftYear = (col: string, k: Copy): string =>
  `(CAST(${FIRST_YEAR} + (CAST(substr(${col}, 1, 4) AS INTEGER) - ${FIRST_YEAR} + ${k.yearShift}) % ${YEARS} AS TEXT) || substr(${col}, 5))`;
const newYear = (col: string, k: Copy): string => `CAST(${FIRST_YEAR} + (CAST(substr(${col}, 1, 4) AS INTEGER) - ${FIRST_YEAR} + ${k.yearShift}) % ${YEARS} AS TEXT)`;
/** A seed id (document, report, claim) as the copy's: the seed's ids start with 0000. */
const newId = (col: string, k: Copy): string => `('${k.prefix}' || substr(${col}, 5))`;
/** The ids inside JSON: every seed id is its document id's first 16 hex digits, then a suffix. */
const newJsonIds = (json: string, docCol: string, k: Copy): string => `replace(${json}, substr(${docCol}, 1, 16), '${k.prefix}' || substr(${docCol}, 5, 12))`;

/** A report's JSON with the copy's ids, year, country and coordinates. */
function reportJson(d: Dialect, k: Copy): string {
  let j = newJsonIds('r.data', 'r.doc_id', k);
  j = `replace(${j}, '"year":' || substr(r.date_iso, 1, 4), '"year":' || ${newYear('r.date_iso', k)})`;
  j = `replace(${j}, '"countryCode":"' || m.old_code || '","countryName":"' || m.old_name || '"', '"countryCode":"' || m.new_code || '","countryName":"' || m.new_name || '"')`;
  if (d === 'sqlite') return `json_set(${j}, '$.locations[0].value.place.lat', r.lat + ${k.dLat}, '$.locations[0].value.place.lon', r.lon + ${k.dLon})`;
  // PostgreSQL has no order-keeping json_set: the first "lat"/"lon" in a report is its first place's.
  j = `regexp_replace(${j}, '"lat":[-0-9.eE+]+', '"lat":' || (r.lat + ${k.dLat})::text)`;
  return `regexp_replace(${j}, '"lon":[-0-9.eE+]+', '"lon":' || (r.lon + ${k.dLon})::text)`;
}

/** The seed's tables, kept aside once (temporary tables) so that no copy reads the grown tables. */
const SEED_TABLES = ['documents', 'annotations', 'sketch_keys', 'incidents', 'reports', 'claims', 'incident_changes'];
function seedStatements(d: Dialect): string[] {
  return [
    ...SEED_TABLES.map((t) => `CREATE TEMP TABLE seed_${t} AS SELECT * FROM ${t}`),
    // SQLite keys full-text rows by incident (rowid (incident_id << 24) + n, migration 15): kept, so a copy's are moved with its id.
    `CREATE TEMP TABLE seed_incident_text AS SELECT ${d === 'sqlite' ? 'rowid AS rid, ' : ''}incident_id, body FROM incident_text`,
    // What an incident's full-text row names: its (first) report's year and country.
    `CREATE TEMP TABLE seed_text_facts AS SELECT incident_id, min(date_iso) AS date_iso, min(country_code) AS country_code, min(substr(date_iso, 1, 4)) AS y
     FROM reports GROUP BY incident_id`,
  ];
}

/**
 * A seed incident's stored list summary (migration 13) as the copy's: its id, its headline's year,
 * country and coordinates, moved as its reports' were. `a` is the seed incident, `m` its country's map row.
 */
function summaryJson(d: Dialect, k: Copy, a: string, m: string): string {
  let j = `replace(${a}.summary, '{"incident_id":' || ${a}.id || ',', '{"incident_id":' || (${a}.id + ${k.idOffset}) || ',')`;
  j = `CASE WHEN ${a}.h_date IS NULL THEN ${j} ELSE replace(${j}, '"date":"' || substr(${a}.h_date, 1, 4), '"date":"' || ${newYear(`${a}.h_date`, k)}) END`;
  j = `CASE WHEN ${m}.old_code IS NULL THEN ${j} ELSE replace(${j}, '"country":"' || ${m}.old_name || '","country_code":"' || ${m}.old_code || '"', '"country":"' || ${m}.new_name || '","country_code":"' || ${m}.new_code || '"') END`;
  const moved = d === 'sqlite'
    ? `json_set(${j}, '$.place.lat', ${a}.h_lat + ${k.dLat}, '$.place.lon', ${a}.h_lon + ${k.dLon})`
    : `regexp_replace(regexp_replace(${j}, '"lat":[-0-9.eE+]+', '"lat":' || (${a}.h_lat + ${k.dLat})::text), '"lon":[-0-9.eE+]+', '"lon":' || (${a}.h_lon + ${k.dLon})::text)`;
  return `CASE WHEN ${a}.h_lat IS NULL OR ${a}.h_lon IS NULL THEN ${j} ELSE ${moved} END`;
}

/** The statements that add copy `k` of the seed's rows. */
function copyStatements(d: Dialect, k: Copy): string[] {
  const off = k.idOffset;
  return [
    `INSERT INTO documents (id, source, title, subtitle, author, publisher, published, language, format, url, text, regions, pipeline_version, ingested_at, simhash, sketch, derived_from)
     SELECT ${newId('d.id', k)}, d.source || '#${k.prefix}', d.title, d.subtitle, d.author, d.publisher, ${shiftYear('d.published', k)}, d.language, d.format, d.url, d.text, d.regions,
       d.pipeline_version, d.ingested_at, d.simhash, d.sketch, CASE WHEN d.derived_from IS NULL THEN NULL ELSE ${newId('d.derived_from', k)} END
     FROM seed_documents d ORDER BY d.id`,
    `INSERT INTO annotations (doc_id, layer, data) SELECT ${newId('a.doc_id', k)}, a.layer, a.data FROM seed_annotations a`,
    // The near-copy key is the id's first 13 hex digits (src/store/sql/sketch-keys.ts): the seed's start 0000, the copy's with its prefix.
    `INSERT INTO sketch_keys (sample, doc_key) SELECT s.sample, s.doc_key + ${parseInt(k.prefix, 16) * 16 ** (KEY_HEX_DIGITS - 4)} FROM seed_sketch_keys s`,
    `INSERT INTO incidents (id, created_at, sort_date, reviewed, rejected, conflicts, h_stale, h_date, h_country_code, h_country, h_kind, h_killed, h_injured, h_lat, h_lon, summary)
     SELECT i.id + ${off}, i.created_at, CASE WHEN i.sort_date = '9999' THEN '9999' ELSE ${shiftYear('i.sort_date', k)} END, i.reviewed, i.rejected, i.conflicts, i.h_stale,
       ${shiftYear('i.h_date', k)}, coalesce(m.new_code, i.h_country_code), coalesce(m.new_name, i.h_country), i.h_kind, i.h_killed, i.h_injured, i.h_lat + ${k.dLat}, i.h_lon + ${k.dLon},
       ${summaryJson(d, k, 'i', 'm')}
     FROM seed_incidents i LEFT JOIN bench_country_map m ON m.old_code = i.h_country_code ORDER BY i.id`,
    `INSERT INTO reports (id, doc_id, incident_id, idx, kind, date_iso, country_code, country_name, type_names, data, merge_reason, actors, lat, lon, admin1)
     SELECT ${newId('r.id', k)}, ${newId('r.doc_id', k)}, r.incident_id + ${off}, r.idx, r.kind, ${shiftYear('r.date_iso', k)}, m.new_code, m.new_name, r.type_names,
       ${reportJson(d, k)}, r.merge_reason, r.actors, r.lat + ${k.dLat}, r.lon + ${k.dLon}, r.admin1
     FROM seed_reports r JOIN bench_country_map m ON m.old_code = r.country_code ORDER BY r.incident_id, r.id`,
    `INSERT INTO claims (id, doc_id, kind, source, data) SELECT ${newId('c.id', k)}, ${newId('c.doc_id', k)}, c.kind, c.source, ${newJsonIds('c.data', 'c.doc_id', k)} FROM seed_claims c`,
    // The full-text row names the incident's country and date: moved as the report's were (one report per seed incident but a few).
    `INSERT INTO incident_text (${d === 'sqlite' ? 'rowid, ' : ''}incident_id, body)
     SELECT ${d === 'sqlite' ? `t.rid + (${off} << 24), ` : ''}t.incident_id + ${off}, replace(replace(t.body, ', ' || r.y, ', ' || ${newYear('r.date_iso', k)}), m.old_name, m.new_name)
     FROM seed_incident_text t JOIN seed_text_facts r ON r.incident_id = t.incident_id JOIN bench_country_map m ON m.old_code = r.country_code`,
    `INSERT INTO incident_changes (at, incident_id, kind, into_id) SELECT x.at, x.incident_id + ${off}, x.kind, CASE WHEN x.into_id IS NULL THEN NULL ELSE x.into_id + ${off} END
     FROM seed_incident_changes x ORDER BY x.seq`,
  ];
}

/** The country map for copy c: each of the generator's countries moved c places along the list. */
function countryMapRows(c: number): string {
  const n = COUNTRIES.length;
  return COUNTRIES.map(([code, name], i) => {
    const [nc, nn] = COUNTRIES[(i + c) % n]!;
    return `('${code}', '${name}', '${nc}', '${nn}')`;
  }).join(', ');
}

/** One way to run statements on either backend, in a transaction per copy. */
interface Exec {
  dialect: Dialect;
  run(sqlText: string): Promise<void>;
  one(sqlText: string): Promise<number>;
  close(): Promise<void>;
}

async function connect(target: string): Promise<Exec> {
  if (!isPostgresUrl(target)) {
    const db = new Database(target);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -400000');
    return {
      dialect: 'sqlite',
      run: async (s) => void db.exec(s),
      one: async (s) => Number(Object.values(db.prepare(s).get() as Record<string, unknown>)[0]),
      close: async () => void db.close(),
    };
  }
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  await c.query('SET synchronous_commit = off');
  return {
    dialect: 'postgres',
    run: async (s) => void (await c.query(s)),
    one: async (s) => Number(Object.values((await c.query(s)).rows[0] as Record<string, unknown>)[0]),
    close: () => c.end(),
  };
}

/**
 * Copy the seed already in `target` until it holds `n` incidents (the last copy may overshoot by
 * less than one seed). Returns the number of copies added.
 */
export async function replicate(target: string, n: number): Promise<number> {
  const x = await connect(target);
  try {
    const seedMax = await x.one('SELECT max(id) AS m FROM incidents');
    const seedCount = await x.one('SELECT count(*) AS n FROM incidents');
    const copies = Math.ceil(n / seedCount) - 1;
    for (const s of seedStatements(x.dialect)) await x.run(s);
    await x.run('CREATE TEMP TABLE bench_country_map (old_code TEXT PRIMARY KEY, old_name TEXT NOT NULL, new_code TEXT NOT NULL, new_name TEXT NOT NULL)');
    const t0 = performance.now();
    for (let c = 1; c <= copies; c++) {
      const k = copyOf(c, seedMax);
      await x.run('BEGIN');
      await x.run('DELETE FROM bench_country_map');
      await x.run(`INSERT INTO bench_country_map VALUES ${countryMapRows(c)}`);
      for (const s of copyStatements(x.dialect, k)) await x.run(s);
      await x.run('COMMIT');
      if (c % PROGRESS_EVERY === 0 || c === copies) process.stderr.write(`  copy ${c}/${copies}: ${(c + 1) * seedCount} incidents, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    // PostgreSQL's serial does not move when ids are given: the next incident the store saves must not collide.
    if (x.dialect === 'postgres') await x.run("SELECT setval('incidents_id_seq', (SELECT max(id) FROM incidents))");
    return copies;
  } finally {
    await x.close();
  }
}

/**
 * A replica made before migration 13 (REPLICA_VERSION_BEFORE_SUMMARIES), given its stored list
 * summaries without recomputing a million of them: opening the store applies the migration (which
 * marks every headline stale); the copies' headlines are marked fresh again (the copying wrote them),
 * the store computes the seed's, and each copy's summary is its seed's moved as in the copy step.
 */
export async function upgradeReplica(target: string): Promise<void> {
  await (await openStore(target)).close();
  const x = await connect(target);
  let seedMax = 0;
  try {
    seedMax = await x.one("SELECT max(incident_id) AS m FROM reports WHERE doc_id < '0001'");
    await x.run(`UPDATE incidents SET h_stale = 0 WHERE id > ${seedMax}`);
  } finally {
    await x.close();
  }
  const store = await openStore(target);
  await store.incidentStats({});
  await store.close();
  const y = await connect(target);
  try {
    const top = await y.one('SELECT max(id) AS m FROM incidents');
    await y.run('CREATE TEMP TABLE bench_country_map (old_code TEXT PRIMARY KEY, old_name TEXT NOT NULL, new_code TEXT NOT NULL, new_name TEXT NOT NULL)');
    for (let c = 1; c * seedMax < top; c++) {
      const k = copyOf(c, seedMax);
      await y.run('BEGIN');
      await y.run('DELETE FROM bench_country_map');
      await y.run(`INSERT INTO bench_country_map VALUES ${countryMapRows(c)}`);
      await y.run(`UPDATE incidents SET summary = (SELECT ${summaryJson(y.dialect, k, 's', 'm')} FROM incidents s LEFT JOIN bench_country_map m ON m.old_code = s.h_country_code
        WHERE s.id = incidents.id - ${k.idOffset}) WHERE id > ${k.idOffset} AND id <= ${k.idOffset + seedMax}`);
      await y.run('COMMIT');
      if (c % PROGRESS_EVERY === 0) process.stderr.write(`  summaries of copy ${c} written\n`);
    }
  } finally {
    await y.close();
  }
}

/** Copies whose incidents `checkReplica` reads back: the first, one in the middle, the last. */
const CHECKED_COPIES = 3;

/**
 * Read copies back through the store's own reads, against the seed incident each copies: `show`
 * (getIncident and the CLI's page), the incidents listing and the export for the copy's own country
 * and day, and the stored headline against the one computed from the reports. Throws on a mismatch.
 */
export async function checkReplica(target: string): Promise<string> {
  const store = await openStore(target, { readonly: true });
  const floor = await openFloor(target);
  try {
    const seedMax = Number((await floor.rows("SELECT max(incident_id) AS m FROM reports WHERE doc_id < '0001'"))[0]!.m);
    const top = Number((await floor.rows('SELECT max(id) AS m FROM incidents'))[0]!.m);
    const copies = Math.floor((top - 1) / seedMax);
    const checked: number[] = [];
    for (const c of [1, Math.ceil(copies / 2), copies].slice(0, CHECKED_COPIES)) {
      for (const seedId of [1, Math.ceil(seedMax / 2), seedMax]) checked.push(await checkOne(store, floor, seedId, seedId + c * seedMax, copyOf(c, seedMax)));
    }
    return `checked ${checked.length} copied incidents (${checked.join(', ')}): show, incidents, export and headline agree with their seeds`;
  } finally {
    await floor.close();
    await store.close();
  }
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`replica check: ${what}`);
}

async function checkOne(store: Store, floor: Floor, seedId: number, id: number, k: Copy): Promise<number> {
  const seed = await store.getIncident(seedId);
  const inc = await store.getIncident(id);
  expect(seed !== null && inc !== null, `incident ${id} or its seed ${seedId} is missing`);
  expect(inc!.reports.length === seed!.reports.length, `${id}: ${inc!.reports.length} reports, its seed ${seed!.reports.length}`);
  const r = inc!.reports[0]!;
  const s = seed!.reports[0]!;
  expect(r.date.value.year === FIRST_YEAR + ((s.date.value.year! - FIRST_YEAR + k.yearShift) % YEARS), `${id}: year ${r.date.value.year}`);
  expect(r.docId.startsWith(k.prefix) && (await store.getDocument(r.docId)) !== null, `${id}: document ${r.docId}`);
  const place = r.locations[0]!.value.place;
  expect(Math.abs(place.lat! - (s.locations[0]!.value.place.lat! + k.dLat)) < 1e-9, `${id}: latitude`);
  const page = await showIncident(store, inc!, 'conservative');
  expect(page.includes(place.countryName!), `${id}: show does not name ${place.countryName}`);
  const day = isoOfDate(r.date.value)!;
  const filter = { country: place.countryCode!, from: day, to: day };
  expect((await store.listIncidents(filter)).some((x) => x.id === id), `${id}: not listed for ${JSON.stringify(filter)}`);
  let exported = false;
  for await (const item of eachItem(store, filter, 'conservative')) exported ||= item.incident.id === id;
  expect(exported, `${id}: not exported for ${JSON.stringify(filter)}`);
  const stored = (await floor.rows('SELECT h_date, h_country_code, h_country, h_kind, h_killed, h_lat FROM incidents WHERE id = ?', [id]))[0]!;
  const want = headlineRow(inc!.reports, emptyReview());
  for (const key of ['h_date', 'h_country_code', 'h_country', 'h_kind'] as const) expect(stored[key] === want[key], `${id}: stored ${key} ${String(stored[key])}, computed ${String(want[key])}`);
  expect(Number(stored.h_killed) === want.h_killed && Math.abs(Number(stored.h_lat) - want.h_lat!) < 1e-9, `${id}: stored killed or latitude`);
  const summary = (await store.storedSummaries([id])).get(id);
  const computed = (await incidentSummaries(store, [inc!], 'conservative'))[0];
  // Compared as values: SQLite's json_set writes a moved coordinate with 17 digits where JSON.stringify may need fewer.
  expect(summary !== undefined && isDeepStrictEqual(JSON.parse(summary), computed), `${id}: stored list summary ${summary} differs from the computed ${JSON.stringify(computed)}`);
  return id;
}
