/**
 * Benchmark (not a test): the HTTP API under load, on SQLite and on PostgreSQL (issue 12, "Measured").
 * See docs/benchmarks.md ("HTTP API: npm run bench:api").
 *
 *   npm run bench:api -- [--incidents 100000] [--duration 60] [--connections 50] [--db TARGET]… [--pg] [--rebuild]
 *                        [--no-first-load] [--identity] [--json]
 *
 * For each TARGET (a SQLite path or a postgres:// URL; --pg lets the bench create, drop and re-create
 * the databases the URLs name, as bench:store does), it builds or reuses bench:store's synthetic store
 * of about N incidents (bench/synthetic-store.ts: the real save path; store_info 'bench' records what
 * built it), starts `dossier serve` on it in a process of its own on 127.0.0.1, and drives it from a
 * second process (bench/api-load.ts: undici, one keep-alive connection per client) with
 * `--connections` clients for `--duration` seconds per scenario:
 *  - the incident list: first pages filtered by country, type, words, a date range and a box, the
 *    newest-first page with its total (what the web app asks first), and deep keyset pages in id and
 *    date order, taken in turn;
 *  - the incident page of incidents spread over the store;
 *  - the same two with every request new (new-list, new-page): the server keeps each answer under the
 *    store's revision (src/server/answer-cache.ts), so the scenarios above measure kept answers after
 *    their first round, and these the store's work on requests no one asked before;
 *  - an export (GTD CSV) of one country, streamed;
 *  - the map and the charts: /api/points and /api/stats.
 * Every request's body is read to the end; non-2xx answers and socket errors are counted (there must
 * be none). Then, with the server idle: each request alone (one client, sequential) against the same
 * rows fetched with plain SQL on the same database (the floor, bench/sql-floor.ts), /api/stats with
 * filters it has not cached, one whole export against the plain-SQL export (bench/export-floor.ts), the
 * server's peak RSS, and the web app's first load in headless Chromium (firstLoad: bytes, requests,
 * time to the list and to the map).
 *
 * Requests carry Accept-Encoding: gzip, br as a browser's do (--identity: none).
 *
 * Exit codes: 0 the bench ran (and no request failed), 1 some requests failed, 2 usage error.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeCursor } from '../src/server/cursor.js';
import { isPostgresUrl, redact } from '../src/store/index.js';
import { browserUnavailable, firstLoad, launchBrowser, type FirstLoad } from '../src/testing/browser.js';
import type { LoadConfig, NameResult, Scenario, ScenarioResult } from './api-load.js';
import { peakRssMiB } from './bench-db.js';
import { floorIncidents, openFloor, type Cond, type Floor } from './sql-floor.js';
import { BenchUsageError, prepare } from './synthetic-store.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const LOADER = fileURLToPath(new URL('./api-load.js', import.meta.url));
const FLOOR_CHILD = fileURLToPath(new URL('./export-floor.js', import.meta.url));
/** The target of issue 12 for list and detail at 50 clients. */
const TARGET_P95_MS = 50;
/** Sequential runs of each request alone, and of its floor. */
const SOLO_RUNS = 15;
/** Incident pages asked for in the detail scenario, spread over the ids. */
const DETAIL_IDS = 200;
/** Cold /api/stats requests (each with a filter the server has not cached). */
const STATS_COLD = 12;
/** First loads of the web app (each in a fresh browser context). */
const FIRST_LOADS = 3;
const PAGE = 50;
/** --scenarios names the scenarios by these keys. */
const SCENARIO_KEYS: Record<string, string> = {
  'incident list': 'list', 'incident page': 'page', 'incident list, each request new': 'new-list', 'incident page, each request new': 'new-page', export: 'export', 'map and charts': 'map',
};
/** The synthetic stores' years (bench/synthetic-store.ts), for the export scenario's filters. */
const EXPORT_FIRST_YEAR = 1970;
const EXPORT_YEARS = 50;
const MiB = 1024 * 1024;
const YEAR = ['1989-01-01', '1989-12-31'];

/** One list request and its floor: the same page's rows in plain SQL. */
interface ListCase {
  name: string;
  query: string;
  floor: (f: Floor, maxId: number) => Cond;
}

const page = (where: string, params: unknown[]): Cond => ({ sql: `SELECT DISTINCT incident_id FROM reports WHERE ${where} ORDER BY incident_id LIMIT ${PAGE}`, params });
const LISTS: ListCase[] = [
  { name: 'list: country=CO', query: 'sort=id&country=CO', floor: () => page('country_code = ?', ['CO']) },
  { name: 'list: type=bombing', query: 'sort=id&type=bombing', floor: () => page('type_names LIKE ?', ['%bombing%']) },
  {
    name: 'list: text=bomb', query: 'sort=id&text=bomb',
    floor: (f) => {
      const t = f.textIds('bomb');
      return page(`incident_id IN (${t.sql})`, t.params);
    },
  },
  {
    // The web app's search: words, in its default order (date).
    name: 'list: text=bomb, by date', query: 'sort=date&text=bomb',
    floor: (f) => {
      const t = f.textIds('bomb');
      return { sql: `SELECT id FROM (SELECT id FROM incidents WHERE id IN (${t.sql}) ORDER BY sort_date, id LIMIT ${PAGE}) x`, params: t.params };
    },
  },
  { name: 'list: from=1989-01&to=1989-12', query: 'sort=id&from=1989-01&to=1989-12', floor: () => page('date_iso BETWEEN ? AND ?', YEAR) },
  { name: 'list: bbox=0,0,30,10', query: 'sort=id&bbox=0,0,30,10', floor: () => page('lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?', [0, 10, 0, 30]) },
  {
    name: 'list: newest first + total', query: 'sort=-date&with_total=true',
    floor: () => ({ sql: `SELECT id FROM (SELECT id FROM incidents ORDER BY sort_date DESC, id DESC LIMIT ${PAGE}) x WHERE (SELECT count(*) FROM incidents) > 0`, params: [] }),
  },
  {
    name: 'list: deep keyset page (id)', query: '',
    floor: (_f, maxId) => page('incident_id > ?', [maxId - 2 * PAGE]),
  },
  {
    name: 'list: deep keyset page (date)', query: '',
    floor: () => ({ sql: `SELECT id FROM (SELECT id FROM incidents WHERE sort_date >= ? ORDER BY sort_date, id LIMIT ${PAGE}) x`, params: ['2010-01-01'] }),
  },
];

/** The list requests' query strings, the deep pages' cursors made for this store. */
function listQuery(c: ListCase, maxId: number): string {
  if (c.name.endsWith('(id)')) return `sort=id&cursor=${encodeCursor({ s: 'id', id: maxId - 2 * PAGE, o: 'id' })}`;
  if (c.name.endsWith('(date)')) return `sort=date&cursor=${encodeCursor({ s: 'date', date: '2010-01-01', id: 0, o: 'date' })}`;
  return c.query;
}

// ---- the server, in its own process ----

interface Server {
  base: string;
  child: ChildProcess;
  /** What the server wrote to stderr (an export that failed says so there). */
  stderr: () => string;
}

function startServe(target: string, workers: number): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', target, '--port', '0', '--host', '127.0.0.1', '--workers', String(workers)], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ base: m[1]!, child, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`dossier serve exited (${code}) before listening: ${err}`)));
  });
}

/** The server's peak RSS (VmHWM), then stop it. */
async function stopServe(s: Server): Promise<number> {
  let hwm = NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${s.child.pid}/status`, 'utf8'));
    if (m) hwm = Number(m[1]) / 1024;
  } catch {
    // Not Linux: no figure.
  }
  const gone = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill('SIGTERM');
  await gone;
  return hwm;
}

async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(base + path);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

// ---- load, from the second process ----

function runLoad(cfg: LoadConfig): Promise<ScenarioResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LOADER], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(JSON.stringify(cfg));
    let out = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ScenarioResult[]) : reject(new Error(`the load generator failed (${code})`))));
  });
}

/**
 * Requests no earlier request asked (the server keeps answers per request under the store's revision,
 * src/server/answer-cache.ts): each list filter in id order from a cursor spread over the store, and
 * incident pages spread over it, FRESH_REQUESTS of each, more than a scenario's minute can send (40 000 were
 * fewer: new list pages came at 1 488 a second once they were read from kept members, and repeated).
 */
const FRESH_REQUESTS = 200_000;
const FRESH_FILTERS = LISTS.filter((c) => c.query.startsWith('sort=id&')).map((c) => c.query.slice('sort=id&'.length));

function freshLists(maxId: number): Scenario['requests'] {
  return Array.from({ length: FRESH_REQUESTS }, (_, i) => {
    const f = FRESH_FILTERS[i % FRESH_FILTERS.length]!;
    // Spread over the ids by a stride prime to the store's size: each request its own cursor.
    const after = (i * 7_919) % Math.max(1, maxId - PAGE);
    return { name: `new cursor: ${f}`, path: `/api/incidents?sort=id&${f}&cursor=${encodeCursor({ s: 'id', id: after, o: 'id' })}` };
  });
}

function scenarios(maxId: number, countries: string[], duration: number, connections: number): Scenario[] {
  const step = Math.max(1, Math.floor(maxId / DETAIL_IDS));
  // A store of fewer incidents than FRESH_REQUESTS has as many pages to ask for as it has ids (asking
  // past its last id answered 404s, 11 146 of them in 10 s at 20k).
  const freshPages = Math.min(FRESH_REQUESTS, maxId);
  const freshStep = Math.max(1, Math.floor(maxId / freshPages));
  return [
    { name: 'incident list, each request new', connections, durationS: duration, requests: freshLists(maxId) },
    { name: 'incident page, each request new', connections, durationS: duration, requests: Array.from({ length: freshPages }, (_, i) => ({ name: 'incident page (new)', path: `/api/incidents/${1 + ((i * 7_919) % freshPages) * freshStep}` })) },
    { name: 'incident list', connections, durationS: duration, requests: LISTS.map((c) => ({ name: c.name, path: `/api/incidents?${listQuery(c, maxId)}` })) },
    { name: 'incident page', connections, durationS: duration, requests: Array.from({ length: DETAIL_IDS }, (_, i) => ({ name: 'incident page', path: `/api/incidents/${1 + i * step}` })) },
    // One country in one year, the country and the year varying (32 × 50 of them): about 1/1 600 of the
    // store each (about 600 incidents at 1M). A whole country at 1M is 31 000 incidents, and 50 of them at once
    // would take the server many minutes: no longer a latency.
    {
      name: 'export', connections, durationS: duration,
      requests: countries.map((cc, i) => ({ name: 'export gtd, one country and year', path: `/api/export?format=gtd&country=${cc}&from=${EXPORT_FIRST_YEAR + ((i * 7) % EXPORT_YEARS)}&to=${EXPORT_FIRST_YEAR + ((i * 7) % EXPORT_YEARS)}` })),
    },
    { name: 'map and charts', connections, durationS: duration, requests: [{ name: 'points (map, timeline)', path: '/api/points' }, { name: 'stats (charts)', path: '/api/stats' }] },
  ];
}

// ---- with the server idle: each request alone, and its floor ----

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

async function timeIt(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  await fn(0);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

interface Solo {
  name: string;
  p50Ms: number;
  floorP50Ms: number | null;
}

async function solos(base: string, target: string, maxId: number, headers: Record<string, string>): Promise<Solo[]> {
  const get = async (path: string): Promise<void> => {
    const res = await fetch(base + path, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  };
  const floor = await openFloor(target);
  const out: Solo[] = [];
  try {
    for (const c of LISTS) {
      const ours = await timeIt(SOLO_RUNS, () => get(`/api/incidents?${listQuery(c, maxId)}`));
      const ref = await timeIt(SOLO_RUNS, () => floorIncidents(floor, c.floor(floor, maxId)));
      out.push({ name: c.name, p50Ms: quantile(ours, 0.5), floorP50Ms: quantile(ref, 0.5) });
    }
    const step = Math.max(1, Math.floor(maxId / SOLO_RUNS));
    const ids = (i: number): number => 1 + i * step;
    const detail = await timeIt(SOLO_RUNS, (i) => get(`/api/incidents/${ids(i)}`));
    const detailFloor = await timeIt(SOLO_RUNS, async (i) => {
      const rows = await floor.rows('SELECT r.data, r.doc_id, d.text, d.title, d.published, d.source FROM reports r JOIN documents d ON d.id = r.doc_id WHERE r.incident_id = ?', [ids(i)]);
      for (const r of rows) {
        await floor.rows("SELECT data FROM annotations WHERE doc_id = ? AND layer = 'sentences'", [r.doc_id]);
        await floor.rows('SELECT data FROM claims WHERE doc_id = ?', [r.doc_id]);
      }
    });
    out.push({ name: 'incident page', p50Ms: quantile(detail, 0.5), floorP50Ms: quantile(detailFloor, 0.5) });
    const points = await timeIt(5, () => get('/api/points'));
    const pointsFloor = await timeIt(5, () => floor.rows('SELECT id, sort_date FROM incidents ORDER BY id DESC LIMIT 20000'));
    out.push({ name: 'points (map, timeline)', p50Ms: quantile(points, 0.5), floorP50Ms: quantile(pointsFloor, 0.5) });
    // Each with a year the server has not been asked for: the aggregate, not the cache.
    const cold = await timeIt(STATS_COLD, (i) => get(`/api/stats?from=${1975 + i}&to=${1975 + i + 20}`));
    out.push({ name: 'stats, uncached (a 20-year range)', p50Ms: quantile(cold, 0.5), floorP50Ms: null });
  } finally {
    await floor.close();
  }
  return out;
}

interface ExportOnce {
  seconds: number;
  bytes: number;
  floorSeconds: number;
}

/** One whole export through the API (one client), and the plain-SQL export in a child; with `country`, that country's. */
async function wholeExport(base: string, target: string, country: string | null): Promise<ExportOnce> {
  const t = performance.now();
  const res = await fetch(`${base}/api/export?format=gtd${country ? `&country=${country}` : ''}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const seconds = (performance.now() - t) / 1000;
  const out = `${tmpdir()}/dossier-api-bench-${process.pid}.tsv`;
  const t2 = performance.now();
  const r = spawnSync(process.execPath, [FLOOR_CHILD, target, out, ...(country ? [country] : [])], { encoding: 'utf8' });
  const floorSeconds = (performance.now() - t2) / 1000;
  if (r.status !== 0) throw new Error(`the export floor failed: ${r.stderr}`);
  statSync(out);
  rmSync(out, { force: true });
  return { seconds, bytes, floorSeconds };
}

async function firstLoads(base: string): Promise<FirstLoad[] | string> {
  const why = browserUnavailable();
  if (why) return why;
  const browser = await launchBrowser();
  try {
    const out: FirstLoad[] = [];
    for (let i = 0; i < FIRST_LOADS; i++) out.push(await firstLoad(browser, base));
    return out;
  } finally {
    await browser.close();
  }
}

// ---- one backend ----

interface BackendResult {
  target: string;
  backend: 'sqlite' | 'postgres';
  incidents: number;
  buildSeconds: number | null;
  duration: number;
  connections: number;
  load: ScenarioResult[];
  solo: Solo[];
  export: ExportOnce;
  serverPeakRssMiB: number;
  workers: number;
  exportCountry: string | null;
  /** The server's stderr, last lines (empty when it said nothing). */
  serverLog: string;
  firstLoad: FirstLoad[] | string | null;
}

async function measure(target: string, o: Options, buildSeconds: number | null): Promise<BackendResult> {
  const server = await startServe(target, o.workers);
  try {
    const headers: Record<string, string> = o.identity ? { 'accept-encoding': 'identity' } : {};
    const total = (await getJson<{ total: number }>(server.base, '/api/incidents?limit=1&with_total=true')).total;
    const maxId = (await getJson<{ incidents: { incident_id: number }[] }>(server.base, '/api/incidents?sort=-id&limit=1')).incidents[0]!.incident_id;
    const countries = (await getJson<{ by_country: { key: string }[] }>(server.base, '/api/stats')).by_country.map((c) => c.key);
    process.stderr.write(`  ${redact(target)}: ${total} incidents; load for ${o.duration} s × ${o.scenarios.length} scenarios at ${o.connections} clients\n`);
    const load = await runLoad({ base: server.base, compressed: !o.identity, scenarios: scenarios(maxId, countries, o.duration, o.connections).filter((x) => o.scenarios.includes(SCENARIO_KEYS[x.name]!)) });
    process.stderr.write('  each request alone, and its floor\n');
    const solo = await solos(server.base, target, maxId, headers);
    process.stderr.write('  one whole export\n');
    const exp = await wholeExport(server.base, target, o.exportCountry);
    const fl = o.firstLoad ? await firstLoads(server.base) : null;
    const rss = await stopServe(server);
    const serverLog = server.stderr().trim().split('\n').slice(-20).join('\n');
    return { serverLog, target: redact(target), backend: isPostgresUrl(target) ? 'postgres' : 'sqlite', incidents: total, buildSeconds, duration: o.duration, connections: o.connections, load, solo, export: exp, serverPeakRssMiB: rss, firstLoad: fl, workers: o.workers, exportCountry: o.exportCountry };
  } catch (e) {
    server.child.kill('SIGTERM');
    throw e;
  }
}

// ---- the report ----

const ms = (x: number): string => (Number.isNaN(x) ? '–' : x.toFixed(x >= 100 ? 0 : x >= 1 ? 1 : 2));
const failed = (n: NameResult): number => n.non2xx + n.errors;

function printTable(r: BackendResult): void {
  const name = r.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  process.stdout.write(`\n${name} (${r.target}): ${r.incidents} incidents${r.buildSeconds !== null ? `, built in ${r.buildSeconds.toFixed(0)} s` : ''}; ${r.connections} clients, ${r.duration} s per scenario; ${r.workers > 1 ? `${r.workers} server workers; the primary's` : 'server'} peak RSS ${r.serverPeakRssMiB.toFixed(0)} MiB\n\n`);
  process.stdout.write('| scenario: request | req/s | p50 | p95 | p99 | failed | alone p50 | floor p50 | ratio |\n|---|---|---|---|---|---|---|---|---|\n');
  for (const s of r.load) {
    const all = s.byName.reduce((n, x) => n + x.requests, 0);
    for (const n of s.byName) {
      const solo = r.solo.find((x) => x.name === n.name);
      const miss = (s.name === 'incident list' || s.name === 'incident page') && n.p95Ms > TARGET_P95_MS ? ' **(> 50)**' : '';
      const mb = s.name === 'export' ? `, ${(n.bytes / MiB / s.seconds).toFixed(1)} MiB/s` : '';
      const rate = s.byName.length > 1 ? `${(n.requests / s.seconds).toFixed(0)} (of ${(all / s.seconds).toFixed(0)})` : `${(n.requests / s.seconds).toFixed(0)}${mb}`;
      const ratio = solo?.floorP50Ms ? `${(solo.p50Ms / solo.floorP50Ms).toFixed(1)}×` : '';
      process.stdout.write(`| ${s.name}: \`${n.name}\` | ${rate} | ${ms(n.p50Ms)} ms | ${ms(n.p95Ms)} ms${miss} | ${ms(n.p99Ms)} ms | ${failed(n)} | ${solo ? `${ms(solo.p50Ms)} ms` : ''} | ${solo?.floorP50Ms != null ? `${ms(solo.floorP50Ms)} ms` : ''} | ${ratio} |\n`);
    }
  }
  for (const s of r.solo.filter((x) => x.name.startsWith('stats, uncached'))) process.stdout.write(`| alone: \`${s.name}\` | | | | | | ${ms(s.p50Ms)} ms | | |\n`);
  const e = r.export;
  process.stdout.write(`| alone: \`export gtd, ${r.exportCountry ? `country=${r.exportCountry}` : 'everything'}\` (${(e.bytes / MiB).toFixed(1)} MiB) | | | | | | ${e.seconds.toFixed(1)} s (${r.exportCountry ? '' : `${(r.incidents / e.seconds).toFixed(0)} incidents/s, `}${(e.bytes / MiB / e.seconds).toFixed(1)} MiB/s) | ${e.floorSeconds.toFixed(1)} s | ${(e.seconds / e.floorSeconds).toFixed(1)}× |\n`);
  const failures = r.load.flatMap((s) => s.byName.filter((n) => failed(n) > 0).map((n) => `${n.name}: ${n.firstError}`));
  process.stdout.write(failures.length ? `\nFAILED REQUESTS: ${failures.join('; ')}\n` : '\nno failed requests (non-2xx or socket errors)\n');
  if (r.serverLog) process.stdout.write(`the server's stderr (last lines):\n${r.serverLog}\n`);
  if (typeof r.firstLoad === 'string') process.stdout.write(`first load: skipped (${r.firstLoad})\n`);
  else if (r.firstLoad) {
    const f = r.firstLoad;
    const med = (k: keyof FirstLoad): number => quantile(f.map((x) => x[k]), 0.5);
    process.stdout.write(`first load of the web app (median of ${f.length}, fresh context each): list shown in ${med('listMs').toFixed(0)} ms after ${f[0]!.requests} requests and ${(med('bytes') / 1024).toFixed(0)} KiB; map drawn in ${med('mapMs').toFixed(0)} ms, ${(med('totalBytes') / 1024).toFixed(0)} KiB in all\n`);
  }
}

const NOTES = `
Notes: req/s is the scenario's throughput; in a scenario of several requests (taken in turn) each row
shows its share and the scenario's total. p50/p95/p99 run from sending a request to its body's last
byte, at every client; "alone" is one client with the server otherwise idle, against the same rows in
plain SQL on the same database ("floor"; the ratio is alone ÷ floor). The load generator runs in its
own process on the same machine as the server, so both share its cores.
`;

interface Options {
  n: number;
  duration: number;
  connections: number;
  targets: string[];
  pg: boolean;
  rebuild: boolean;
  replicate: boolean;
  /** Server processes (dossier serve --workers). */
  workers: number;
  /** The scenarios to run under load (SCENARIO_KEYS' values). */
  scenarios: string[];
  /** The whole export alone: only this country's (at 1M, everything takes minutes). */
  exportCountry: string | null;
  json: boolean;
  firstLoad: boolean;
  identity: boolean;
}

const USAGE = 'usage: npm run bench:api -- [--incidents 100000] [--duration 60] [--connections 50] [--db TARGET]… [--pg] [--rebuild] [--replicate] [--workers 1] [--scenarios list,page,new-list,new-page,export,map] [--export-country CC] [--no-first-load] [--identity] [--json]';

function usage(msg: string): never {
  process.stderr.write(`api-bench: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function options(): Options {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        incidents: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, db: { type: 'string', multiple: true },
        pg: { type: 'boolean' }, rebuild: { type: 'boolean' }, replicate: { type: 'boolean' }, workers: { type: 'string' }, scenarios: { type: 'string' }, 'export-country': { type: 'string' }, json: { type: 'boolean' }, 'no-first-load': { type: 'boolean' }, identity: { type: 'boolean' },
      },
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const n = Number(values.incidents ?? 100_000);
  const duration = Number(values.duration ?? 60);
  const connections = Number(values.connections ?? 50);
  const workers = Number(values.workers ?? 1);
  const only = (values.scenarios ?? Object.values(SCENARIO_KEYS).join(',')).split(',');
  if (only.some((k) => !Object.values(SCENARIO_KEYS).includes(k))) usage(`--scenarios takes some of ${Object.values(SCENARIO_KEYS).join(',')}`);
  const exportCountry = values['export-country'] ?? null;
  if (exportCountry !== null && !/^[A-Z]{2}$/.test(exportCountry)) usage('--export-country takes a two-letter code in capitals (CO)');
  if (!(Number.isInteger(workers) && workers >= 1)) usage(`--workers takes a whole number above 0, not "${values.workers}"`);
  if (!(Number.isInteger(n) && n > 0)) usage(`--incidents takes a whole number above 0, not "${values.incidents}"`);
  if (!(Number.isFinite(duration) && duration > 0)) usage(`--duration takes seconds above 0, not "${values.duration}"`);
  if (!(Number.isInteger(connections) && connections > 0 && connections <= 1000)) usage(`--connections takes a whole number from 1 to 1000, not "${values.connections}"`);
  return {
    n, duration, connections, targets: values.db?.length ? values.db : [`/tmp/dossier-store-bench-${n}.db`], pg: values.pg === true, rebuild: values.rebuild === true, replicate: values.replicate === true, workers, exportCountry, scenarios: only,
    json: values.json === true, firstLoad: values['no-first-load'] !== true, identity: values.identity === true,
  };
}

async function run(): Promise<number> {
  const o = options();
  const results: BackendResult[] = [];
  for (const target of o.targets) {
    const built = await prepare(target, o.n, o.rebuild, o.pg, o.replicate).catch((e: unknown) => (e instanceof BenchUsageError ? usage(e.message) : Promise.reject(e)));
    results.push(await measure(target, o, built));
    if (!o.json) printTable(results[results.length - 1]!);
  }
  const bad = results.some((r) => r.load.some((s) => s.byName.some((n) => failed(n) > 0)));
  if (o.json) process.stdout.write(`${JSON.stringify({ incidents: o.n, duration: o.duration, connections: o.connections, benchPeakRssMiB: peakRssMiB(), results }, null, 2)}\n`);
  else process.stdout.write(NOTES);
  return bad ? 1 : 0;
}

process.exitCode = await run();
