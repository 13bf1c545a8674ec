/**
 * Benchmark (not a test): the store's read queries at scale, on SQLite and on PostgreSQL (issue 11).
 * See docs/benchmarks.md ("Store queries on SQLite and PostgreSQL").
 *
 *   npm run bench:store -- [--incidents 100000] [--runs 15] [--export-runs 3] [--db TARGET]… [--pg] [--rebuild] [--json]
 *
 * TARGET is a SQLite path or a postgres:// URL; give --db once per backend to compare them in one
 * run. With --pg the bench owns the PostgreSQL databases named by the URLs: it creates them, and
 * drops and re-creates them to rebuild. Without --pg it builds only into an empty database.
 *
 * Builds (or reuses: store_info 'bench' records the generator and size) a synthetic store of about N
 * incidents through the real save path (saveResolved, 200 documents per transaction): documents of
 * a few paragraphs of wire copy, one to three incident reports each, with sentences, dates and
 * claims. Then, with the store opened once, as an API server would hold it, times the queries the
 * API needs: the CLI listing for a date range, a country, a type and words (list + table), the
 * first page of 50 for each, the first and a deep keyset page, `show 1`; and `export --format gtd
 * --out FILE` in a child process running the CLI (its peak RSS is its own). Each is set against the
 * same rows fetched with plain SQL on the same database in the same run (better-sqlite3, or the pg
 * client): the ratio is the figure, not the seconds, which depend on the machine.
 *
 * Exit codes: 0 the bench ran, 2 usage error.
 */
import { benchArgs, benchUsage } from './args.js';
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openStore, redact, type IncidentFilter, type Store } from '../src/store/index.js';
import { incidentsTable, showIncident } from '../src/cli/format.js';
import { writeExport } from '../src/export/index.js';
import { peakRssMiB, storeBytes } from './bench-db.js';

/** Timed runs per query, after one warm-up run. */
const DEFAULT_RUNS = 15;
/** Timed export runs (each a child process). */
const DEFAULT_EXPORT_RUNS = 3;
/** Incidents per page, as an API would serve them. */
const PAGE = 50;
/** The latency target of issue 11 for an API query. */
const TARGET_P95_MS = 50;
const MiB = 1024 * 1024;
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const FLOOR_CHILD = fileURLToPath(new URL('./export-floor.js', import.meta.url));
/** Loaded into the export child before the CLI: reports the child's own peak RSS (KiB) on exit. */
const RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nbench-maxrss-kib "+process.resourceUsage().maxRSS+"\\n"))';

import { BenchUsageError, prepare } from './synthetic-store.js';
import { openFloor, floorIncidents, type Cond, type Floor } from './sql-floor.js';

// ---- the queries ----

interface Case {
  name: string;
  /** What Dossier does, on the store opened once (as an API server holds it); returns the incidents it yields. */
  ours: (s: Store, target: string) => Promise<number>;
  /** The same rows with plain SQL; returns the incidents among them. */
  floor: (f: Floor, target: string) => Promise<number>;
}

interface FilterCase {
  flags: string;
  filter: IncidentFilter;
  /** The filter as plain SQL on `reports`. */
  cond: (f: Floor) => Cond;
}

const YEAR = ['1989-01-01', '1989-12-31'];
const FILTERS: FilterCase[] = [
  // The floor compares date_iso itself (index-friendly); every synthetic date is at day precision, so the rows are the same.
  { flags: '--from 1989-01 --to 1989-12', filter: { from: '1989-01', to: '1989-12' }, cond: () => ({ sql: 'date_iso BETWEEN ? AND ?', params: YEAR }) },
  { flags: '--country CO', filter: { country: 'CO' }, cond: () => ({ sql: 'country_code = ?', params: ['CO'] }) },
  { flags: '--type bombing', filter: { type: 'bombing' }, cond: () => ({ sql: 'type_names LIKE ?', params: ['%bombing%'] }) },
  {
    flags: '--text bomb', filter: { text: 'bomb' },
    cond: (f) => {
      const t = f.textIds('bomb');
      return { sql: `incident_id IN (${t.sql})`, params: t.params };
    },
  },
  { flags: '--country CO --from 1989-01 --to 1989-12', filter: { country: 'CO', from: '1989-01', to: '1989-12' }, cond: () => ({ sql: 'country_code = ? AND date_iso BETWEEN ? AND ?', params: ['CO', ...YEAR] }) },
  // Migration 9's columns: a perpetrator's or target's name, and the first place in a box (a tenth of the synthetic world's width and height).
  { flags: '--actor shabaab', filter: { actor: 'shabaab' }, cond: () => ({ sql: 'actors LIKE ?', params: ['%shabaab%'] }) },
  { flags: '--bbox 0,0,30,10', filter: { bbox: [0, 0, 30, 10] }, cond: () => ({ sql: 'lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?', params: [0, 10, 0, 30] }) },
];

/** `dossier incidents FLAGS`: every incident the filter keeps, then the table (which reads each one's documents' metadata). */
function listingCase(fc: FilterCase): Case {
  return {
    name: `incidents ${fc.flags}`,
    ours: async (s) => {
      const list = await s.listIncidents(fc.filter);
      await incidentsTable(s, list, 'conservative', 160);
      return list.length;
    },
    floor: (f) => {
      const c = fc.cond(f);
      return floorIncidents(f, { sql: `SELECT incident_id FROM reports WHERE ${c.sql}`, params: c.params });
    },
  };
}

/** One page of PAGE incidents through incidentPage, as an API would serve it. */
function pageCase(name: string, filter: IncidentFilter, after: number | null, cond: (f: Floor) => Cond): Case {
  return {
    name,
    ours: async (s) => (await s.incidentPage(filter, after, PAGE)).incidents.length,
    floor: (f) => {
      const c = cond(f);
      return floorIncidents(f, { sql: `SELECT DISTINCT incident_id FROM reports WHERE ${c.sql} ORDER BY incident_id LIMIT ${PAGE}`, params: c.params });
    },
  };
}

/** The first page of incidents in date order (the API's default sort), by the incidents' sort-date index. */
const DATE_PAGE: Case = {
  name: `page of ${PAGE}: in date order`,
  ours: async (s) => (await s.incidentPageByDate({}, null, PAGE)).incidents.length,
  floor: (f) => floorIncidents(f, { sql: `SELECT id FROM (SELECT id FROM incidents ORDER BY sort_date, id LIMIT ${PAGE}) x`, params: [] }),
};

/** The first page in date order of the incidents whose text holds a word (the web app's search, sorted by date). */
const TEXT_DATE_PAGE: Case = {
  name: `page of ${PAGE}: --text bomb in date order`,
  ours: async (s) => (await s.incidentPageByDate({ text: 'bomb' }, null, PAGE)).incidents.length,
  floor: (f) => {
    const t = f.textIds('bomb');
    return floorIncidents(f, { sql: `SELECT id FROM (SELECT id FROM incidents WHERE id IN (${t.sql}) ORDER BY sort_date, id LIMIT ${PAGE}) x`, params: t.params });
  },
};

/**
 * `with_total`: how many incidents a filter keeps. Both sides return the count itself, so the rows
 * column checks it. The store is opened once and not written, so after the first run the store may
 * answer from its count cache: the `1st` column is the first, uncached run.
 */
function countCase(flags: string, filter: IncidentFilter, cond: (f: Floor) => Cond): Case {
  return {
    name: `count: ${flags}`,
    ours: (s) => s.countIncidents(filter),
    floor: async (f) => {
      const c = cond(f);
      return Number((await f.rows(`SELECT count(DISTINCT incident_id) AS n FROM reports WHERE ${c.sql}`, c.params))[0]!.n);
    },
  };
}

const SHOW_1: Case = {
  name: 'show 1',
  ours: async (s) => {
    const inc = await s.getIncident(1);
    if (!inc) throw new Error('the store has no incident 1');
    await showIncident(s, inc, 'conservative');
    return 1;
  },
  floor: async (f) => {
    const rows = await f.rows('SELECT r.data, r.doc_id, d.text, d.title, d.published, d.source FROM reports r JOIN documents d ON d.id = r.doc_id WHERE r.incident_id = 1');
    for (const r of rows) {
      await f.rows("SELECT data FROM annotations WHERE doc_id = ? AND layer = 'sentences'", [r.doc_id]);
      await f.rows('SELECT data FROM claims WHERE doc_id = ?', [r.doc_id]);
    }
    return rows.length ? 1 : 0;
  },
};

/** Thrown by the first record's writer: the case times a streamed export up to its first record. */
class FirstRecord extends Error {}

/**
 * A streamed export's latency: `export --format gtd --country CO` up to its first record (the header,
 * then the first incident's row), as a client of `GET /api/export` waits for it. The whole export's
 * time is the export figures' (in a child). The floor reads the first incident's reports and documents.
 */
const EXPORT_FIRST: Case = {
  name: 'export --format gtd --country CO: first record',
  ours: async (s) => {
    let writes = 0;
    try {
      await writeExport(s, 'gtd', 'conservative', { country: 'CO' }, () => {
        if (++writes === 2) throw new FirstRecord();
      });
    } catch (e) {
      if (!(e instanceof FirstRecord)) throw e;
    }
    return writes === 2 ? 1 : 0;
  },
  floor: async (f) => {
    const rows = await f.rows("SELECT r.data, d.text, d.title FROM reports r JOIN documents d ON d.id = r.doc_id WHERE r.incident_id = (SELECT min(incident_id) FROM reports WHERE country_code = 'CO')");
    return rows.length ? 1 : 0;
  },
};

/** What every CLI command pays first (not an API query: a server opens the store once). */
const OPEN: Case = {
  name: 'open + close the store (read-only)',
  ours: async (_s, target) => {
    await (await openStore(target, { readonly: true })).close();
    return 0;
  },
  floor: async (_f, target) => {
    await (await openFloor(target)).close();
    return 0;
  },
};

function cases(deepAfter: number, listings: boolean): Case[] {
  const all = (): Cond => ({ sql: '1 = 1', params: [] });
  return [
    ...(listings ? FILTERS.map(listingCase) : []),
    ...FILTERS.filter((fc) => !fc.flags.includes(" --from")).map((fc) => pageCase(`page of ${PAGE}: ${fc.flags}`, fc.filter, null, fc.cond)),
    pageCase(`page of ${PAGE}: first`, {}, null, all),
    pageCase(`page of ${PAGE}: deep (after ${deepAfter})`, {}, deepAfter, () => ({ sql: 'incident_id > ?', params: [deepAfter] })),
    DATE_PAGE,
    TEXT_DATE_PAGE,
    countCase('all', {}, all),
    ...FILTERS.filter((fc) => fc.flags === '--country CO' || fc.flags === '--text bomb').map((fc) => countCase(fc.flags, fc.filter, fc.cond)),
    SHOW_1,
    EXPORT_FIRST,
    OPEN,
  ];
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

interface QueryResult {
  name: string;
  rows: number;
  floorRows: number;
  p50Ms: number;
  p95Ms: number;
  floorP50Ms: number;
  floorP95Ms: number;
  /** The first run (the warm-up): what a count costs before the store has cached it. */
  firstMs: number;
}

/**
 * One warm-up each (JIT, the database's cache), then `runs` timed runs, ours and the floor in turn:
 * on a shared machine, load that comes and goes then falls on both alike.
 */
async function timeCase(c: Case, store: Store, floor: Floor, target: string, runs: number): Promise<QueryResult> {
  const t0 = performance.now();
  const rows = await c.ours(store, target);
  const firstMs = performance.now() - t0;
  const floorRows = await c.floor(floor, target);
  const ours: number[] = [];
  const ref: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await c.ours(store, target);
    ours.push(performance.now() - t);
    t = performance.now();
    await c.floor(floor, target);
    ref.push(performance.now() - t);
  }
  return { name: c.name, rows, floorRows, p50Ms: quantile(ours, 0.5), p95Ms: quantile(ours, 0.95), floorP50Ms: quantile(ref, 0.5), floorP95Ms: quantile(ref, 0.95), firstMs };
}

// ---- export, in child processes ----

interface ChildRun {
  ms: number;
  peakRssMiB: number;
}

/** `dossier export --format gtd` by the CLI itself, in a child; its own peak RSS comes back through RSS_HOOK. */
function exportChild(target: string, out: string, country: string | null): ChildRun {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, 'export', '--format', 'gtd', '--db', target, '--out', out, ...(country ? ['--country', country] : [])], { encoding: 'utf8', maxBuffer: 64 * MiB });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`export failed (${r.status}): ${r.stderr}`);
  const kib = /bench-maxrss-kib (\d+)/.exec(r.stderr);
  return { ms, peakRssMiB: kib ? Number(kib[1]) / 1024 : NaN };
}

/** The export's floor in a child (bench/export-floor.ts: plain SQL, nothing of Dossier loaded). */
function referenceChild(target: string, out: string, country: string | null): ChildRun {
  const t = performance.now();
  const r = spawnSync(process.execPath, [FLOOR_CHILD, target, out, ...(country ? [country] : [])], { encoding: 'utf8', maxBuffer: 64 * MiB });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`reference export failed (${r.status}): ${r.stderr}`);
  return { ms, peakRssMiB: (JSON.parse(r.stdout.trim().split('\n').pop()!) as { peakRssMiB: number }).peakRssMiB };
}

interface ExportFigures {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  peakRssMiB: number;
  floorP50Ms: number;
  floorPeakRssMiB: number;
  bytes: number;
}

function exportFigures(target: string, runs: number, country: string | null): ExportFigures {
  const base = `${tmpdir()}/dossier-store-bench-${process.pid}`;
  const ours: ChildRun[] = [];
  const ref: ChildRun[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(exportChild(target, `${base}.gtd.csv`, country));
    ref.push(referenceChild(target, `${base}.reference.tsv`, country));
  }
  const bytes = statSync(`${base}.gtd.csv`).size;
  rmSync(`${base}.gtd.csv`, { force: true });
  rmSync(`${base}.reference.tsv`, { force: true });
  return {
    runs, bytes, p50Ms: quantile(ours.map((x) => x.ms), 0.5), p95Ms: quantile(ours.map((x) => x.ms), 0.95), peakRssMiB: Math.max(...ours.map((x) => x.peakRssMiB)),
    floorP50Ms: quantile(ref.map((x) => x.ms), 0.5), floorPeakRssMiB: Math.max(...ref.map((x) => x.peakRssMiB)),
  };
}

// ---- one backend, and the report ----

interface BackendResult {
  target: string;
  backend: 'sqlite' | 'postgres';
  counts: { documents: number; incidents: number; reports: number };
  storeMiB: number;
  buildSeconds: number | null;
  runs: number;
  queries: QueryResult[];
  export: ExportFigures | null;
  /** The country the export was limited to, if any. */
  exportCountry: string | null;
}

interface MeasureOptions {
  runs: number;
  exportRuns: number;
  /** The CLI listings (`incidents …`: every matching incident); off at 1M, where they are hundreds of thousands of rows an API pages. */
  listings: boolean;
  /** Export only this country (`--country CC`), and the floor likewise; null: everything. */
  exportCountry: string | null;
}

async function measure(target: string, buildSeconds: number | null, o: MeasureOptions): Promise<BackendResult> {
  const { runs, exportRuns } = o;
  const store = await openStore(target, { readonly: true });
  const floor = await openFloor(target);
  const queries: QueryResult[] = [];
  let counts = { documents: 0, incidents: 0, reports: 0 };
  try {
    counts = await store.counts();
    const maxId = Number((await floor.rows('SELECT max(incident_id) AS m FROM reports'))[0]!.m);
    for (const c of cases(maxId - 2 * PAGE, o.listings)) queries.push(await timeCase(c, store, floor, target, runs));
  } finally {
    await floor.close();
    await store.close();
  }
  const exp = exportRuns ? exportFigures(target, exportRuns, o.exportCountry) : null;
  return { target: redact(target), backend: store.backend, counts, storeMiB: (await storeBytes(target)) / MiB, buildSeconds, runs, queries, export: exp, exportCountry: o.exportCountry };
}

const ms = (x: number): string => x.toFixed(x >= 100 ? 0 : x >= 1 ? 1 : 2);

function printTable(r: BackendResult): void {
  const name = r.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const c = r.counts;
  process.stdout.write(`\n${name} (${r.target}): ${c.incidents} incidents, ${c.reports} reports, ${c.documents} documents, ${r.storeMiB.toFixed(0)} MiB${r.buildSeconds !== null ? `, built in ${r.buildSeconds.toFixed(0)} s` : ''}; ${r.runs} runs each\n\n`);
  process.stdout.write('| query | rows | p50 | p95 | floor p50 | ratio (p50) | 1st run |\n|---|---|---|---|---|---|---|\n');
  for (const q of r.queries) {
    const miss = q.p95Ms > TARGET_P95_MS ? ` **(> ${TARGET_P95_MS} ms)**` : '';
    const rows = q.rows === q.floorRows ? `${q.rows}` : `${q.rows} (floor ${q.floorRows}!)`;
    process.stdout.write(`| \`${q.name}\` | ${rows} | ${ms(q.p50Ms)} ms | ${ms(q.p95Ms)} ms${miss} | ${ms(q.floorP50Ms)} ms | ${(q.p50Ms / q.floorP50Ms).toFixed(1)}× | ${ms(q.firstMs)} ms |\n`);
  }
  const e = r.export;
  if (e) process.stdout.write(`| \`export --format gtd${r.exportCountry ? ` --country ${r.exportCountry}` : ''}\` (${e.runs} runs, ${(e.bytes / MiB).toFixed(1)} MiB) | ${r.exportCountry ? '' : c.incidents} | ${(e.p50Ms / 1000).toFixed(1)} s | ${(e.p95Ms / 1000).toFixed(1)} s | ${(e.floorP50Ms / 1000).toFixed(1)} s | ${(e.p50Ms / e.floorP50Ms).toFixed(1)}× | |\n`);
  if (e) process.stdout.write(`\nexport peak RSS ${e.peakRssMiB.toFixed(0)} MiB (plain SQL ${e.floorPeakRssMiB.toFixed(0)} MiB); both children's times include starting Node\n`);
  const misses = r.queries.filter((q) => q.p95Ms > TARGET_P95_MS && q.name !== OPEN.name).map((q) => `\`${q.name}\``);
  process.stdout.write(`target: p95 < ${TARGET_P95_MS} ms per API query; ${misses.length ? `missed by ${misses.join(', ')}` : 'all API queries meet it'}\n`);
}

const NOTES = `
Notes: \`incidents …\` rows are the CLI's listing (every matching incident, then the table, which reads
each incident's documents' metadata); \`page of ${PAGE}\` rows are incidentPage alone, as an API would
call it (\`in date order\`: incidentPageByDate). The store is opened once and held, as a server would;
\`open + close\` is what each CLI command adds.
`;

const USAGE = 'usage: npm run bench:store -- [--incidents 100000] [--runs 15] [--export-runs 3] [--db TARGET]… [--pg] [--rebuild] [--replicate] [--no-listings] [--export-country CC] [--json]';

function usage(msg: string): never {
  return benchUsage('store-bench', USAGE, msg);
}

function options(): MeasureOptions & { n: number; targets: string[]; pg: boolean; rebuild: boolean; replicate: boolean; json: boolean } {
  const values = benchArgs('store-bench', USAGE, {
    incidents: { type: 'string' }, runs: { type: 'string' }, 'export-runs': { type: 'string' }, db: { type: 'string', multiple: true },
    pg: { type: 'boolean' }, rebuild: { type: 'boolean' }, replicate: { type: 'boolean' }, json: { type: 'boolean' }, 'no-listings': { type: 'boolean' }, 'export-country': { type: 'string' },
  });
  const n = Number(values.incidents ?? 100_000);
  const runs = Number(values.runs ?? DEFAULT_RUNS);
  const exportRuns = Number(values['export-runs'] ?? DEFAULT_EXPORT_RUNS);
  if (!(Number.isInteger(n) && n > 0) || !(Number.isInteger(runs) && runs > 0) || !(Number.isInteger(exportRuns) && exportRuns >= 0)) usage('--incidents, --runs and --export-runs take whole numbers');
  const targets = values.db?.length ? values.db : [`/tmp/dossier-store-bench-${n}.db`];
  const exportCountry = values['export-country'] ?? null;
  if (exportCountry !== null && !/^[A-Z]{2}$/.test(exportCountry)) usage('--export-country takes a two-letter code in capitals (CO)');
  return {
    n, runs, exportRuns, targets, pg: values.pg === true, rebuild: values.rebuild === true, replicate: values.replicate === true, json: values.json === true,
    listings: values['no-listings'] !== true, exportCountry,
  };
}

async function run(): Promise<void> {
  const o = options();
  const results: BackendResult[] = [];
  for (const target of o.targets) {
    const built = await prepare(target, o.n, o.rebuild, o.pg, o.replicate).catch((e: unknown) => (e instanceof BenchUsageError ? usage(e.message) : Promise.reject(e)));
    results.push(await measure(target, built, o));
    if (!o.json) printTable(results[results.length - 1]!);
  }
  const rss = peakRssMiB();
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ incidents: o.n, queryPeakRssMiB: rss, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${NOTES}Peak RSS of the query process (all backends, and the builds): ${rss.toFixed(0)} MiB\n`);
}

await run();
