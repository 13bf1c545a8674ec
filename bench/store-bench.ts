/**
 * Benchmark (not a test): the store's read queries at scale (issue 11). See docs/benchmarks.md
 * ("The store's queries at scale").
 *
 *   npm run bench:store -- [--incidents 100000] [--runs 7] [--export-runs 3] [--db FILE] [--rebuild] [--json]
 *
 * Builds (or reuses) a synthetic store of about N incidents under /tmp through the store's own save
 * path: documents of a few paragraphs of wire copy, one to three incident reports each, with
 * sentences, dates and claims. Then times the CLI-level queries in process, calling what the CLI
 * calls (`incidents --text bomb`, `incidents --country CO --from 1989-01 --to 1989-12`, `show 1`), and
 * `export --format gtd --out FILE` in a child process (its peak RSS is its own). Each is set against
 * the same rows fetched with plain SQL through better-sqlite3 on the same file, in the same run: the
 * ratio is the figure, not the seconds, which depend on the machine.
 *
 * Exit codes: 0 the bench ran, 2 usage error.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Annotations, Attested, Claim, Count, Doc, IncidentKind, IncidentReport, PlaceRef, Sentence } from '../src/model/index.js';
import { incidentType } from '../src/extract/incident-types.js';
import { openStore, type Store } from '../src/store/index.js';
import { incidentsTable, showIncident } from '../src/cli/format.js';
import { main as cliMain } from '../src/cli/main.js';

/** Bump when the generator changes: a store built by another version is rebuilt. */
const GENERATOR_VERSION = '1';
/** Timed runs per query, after one warm-up run. */
const DEFAULT_RUNS = 7;
/** Timed export runs (each a child process, and the slowest figure). */
const DEFAULT_EXPORT_RUNS = 3;
/** Documents saved between progress lines while building. */
const PROGRESS_EVERY = 10_000;
const MiB = 1024 * 1024;

const COUNTRIES: [string, string][] = [
  ['CO', 'Colombia'], ['PE', 'Peru'], ['IQ', 'Iraq'], ['AF', 'Afghanistan'], ['PK', 'Pakistan'], ['IN', 'India'], ['NG', 'Nigeria'], ['SO', 'Somalia'],
  ['SY', 'Syria'], ['YE', 'Yemen'], ['LY', 'Libya'], ['ML', 'Mali'], ['PH', 'Philippines'], ['TH', 'Thailand'], ['TR', 'Turkey'], ['EG', 'Egypt'],
  ['GB', 'United Kingdom'], ['ES', 'Spain'], ['FR', 'France'], ['DE', 'Germany'], ['US', 'United States'], ['MX', 'Mexico'], ['SV', 'El Salvador'], ['GT', 'Guatemala'],
  ['LB', 'Lebanon'], ['IL', 'Israel'], ['DZ', 'Algeria'], ['LK', 'Sri Lanka'], ['BD', 'Bangladesh'], ['NP', 'Nepal'], ['CD', 'DR Congo'], ['SD', 'Sudan'],
];
const KINDS: IncidentKind[] = ['armed_assault', 'bombing', 'suicide_bombing', 'arson', 'riot', 'missile_strike', 'hostage_taking', 'assassination'];
const WEAPONS = ['a car bomb', 'rifles', 'a suicide vest', 'grenades', 'a roadside bomb', 'machetes', 'mortar rounds'];
const GROUPS = ['Islamic State', 'al-Shabaab', 'Boko Haram', 'the Taliban', 'the National Liberation Army', 'the Shining Path', 'FARC rebels'];
const TARGETS = ['a police checkpoint', 'a market', 'a bus station', 'a wedding party', 'an army convoy', 'a mosque', 'a school', 'a power line'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Syllables for filler words: every document's wording differs, so no two are near copies. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vor', 'den', 'pa', 'gri', 'nol', 'te', 'bas', 'um', 'fel', 'zi', 'qua', 'ro', 'wen', 'dak'];

let seed = 20261201;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const word = (): string => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(SYLLABLES)).join('');
const filler = (words: number): string => `${Array.from({ length: words }, word).join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
const att = <T>(value: T, start: number, end: number): Attested<T> => ({ value, evidence: [{ start, end }], confidence: 0.8, stage: 'bench', reason: 'synthetic' });

interface Built {
  doc: Doc;
  ann: Annotations;
  reports: IncidentReport[];
  claims: Claim[];
}

/** One incident's paragraph: the anchor sentence, a claim sentence, filler. Appends to `parts`; returns the report. */
function incidentParagraph(parts: string[], at: number, docId: string, index: number, sentences: Sentence[]): { report: IncidentReport; claim: Claim; length: number } {
  const [cc, cname] = pick(COUNTRIES);
  const kind = pick(KINDS);
  const year = 1970 + Math.floor(rnd() * 50);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const killed = Math.floor(rnd() * 40);
  const city = `${word().replace(/^./, (c) => c.toUpperCase())}ville`;
  const weapon = pick(WEAPONS);
  const group = pick(GROUPS);
  const anchor = `At least ${killed} people were killed when gunmen attacked ${pick(TARGETS)} with ${weapon} in ${city}, ${cname}, on ${MONTHS[month - 1]} ${day}, ${year}, officials said.`;
  const claimText = `${group} claimed responsibility in a statement, ${word()} ${word()} said.`;
  const para = `${anchor} ${claimText} ${filler(40 + Math.floor(rnd() * 40))} ${filler(30 + Math.floor(rnd() * 30))}`;
  const a = { start: at, end: at + anchor.length };
  const c = { start: a.end + 1, end: a.end + 1 + claimText.length };
  sentences.push({ start: a.start, end: a.end, index: sentences.length, stage: 'bench', reason: 'synthetic' }, { start: c.start, end: c.end, index: sentences.length + 1, stage: 'bench', reason: 'synthetic' });
  parts.push(para);
  const place: PlaceRef = { geonameid: 1_000_000 + Math.floor(rnd() * 9_000_000), name: city, featureCode: 'PPL', lat: -50 + rnd() * 100, lon: -150 + rnd() * 300, countryCode: cc, countryName: cname, admin1Code: '01', admin1Name: 'Region', population: 50_000 };
  const count: Count = { value: killed, qualifier: 'at_least', low: null, high: null, text: `At least ${killed}` };
  const report: IncidentReport = {
    id: `${docId.slice(0, 16)}:${index}`, docId, index, anchor: a, inPassing: false,
    type: att(incidentType(kind), a.start, a.end),
    date: att({ year, month, day, precision: 'day' as const }, a.start, a.end),
    locations: [att({ place, relation: 'in' as const }, a.start, a.end)],
    perpetrators: [att({ name: group, kind: 'group' as const, origin: null }, c.start, c.end)], targets: [], victims: [],
    weapons: [att(weapon.includes('bomb') ? 'Explosives' : 'Firearms', a.start, a.end)],
    killedVictims: att(count, a.start, a.end), killedPerpetrators: null, killedTotal: att(count, a.start, a.end), injured: null, arrested: null, facilities: [],
    label: `${kind.replace(/_/g, ' ')} — ${city}`,
  };
  const claim: Claim = {
    id: `${docId.slice(0, 16)}:c${index}`, docId, index, kind: att('responsibility' as const, c.start, c.end),
    source: att({ name: group, kind: 'organisation' as const, entityKey: null }, c.start, c.end),
    targets: [att({ name: group, role: 'claimed_by' as const, entityKey: null }, c.start, c.end)], incidents: [index],
    modality: att('asserted' as const, c.start, c.end), date: null, cue: { start: c.end - 20, end: c.end - 1 }, content: c,
  };
  return { report, claim, length: para.length };
}

/** A document of one to three incident paragraphs, with its sentences and claims. */
function syntheticDocument(i: number): Built {
  const id = `${i.toString(16).padStart(16, '0')}${'b'.repeat(48)}`;
  const title = `${filler(6)}`;
  const parts = [title];
  let at = title.length + 2;
  const sentences: Sentence[] = [];
  const reports: IncidentReport[] = [];
  const claims: Claim[] = [];
  const n = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < n; k++) {
    const p = incidentParagraph(parts, at, id, k, sentences);
    reports.push(p.report);
    claims.push(p.claim);
    at += p.length + 2;
  }
  const text = parts.join('\n\n');
  const r0 = reports[0]!.date.value;
  const published = `${r0.year}-${String(r0.month).padStart(2, '0')}-${String(Math.min(28, (r0.day ?? 1) + 1)).padStart(2, '0')}`;
  const doc: Doc = {
    id, text, regions: [{ start: 0, end: title.length, kind: 'title' }, { start: title.length + 2, end: text.length, kind: 'body' }],
    meta: { title, subtitle: null, author: null, publisher: 'Synthetic Wire', published, language: 'en', format: 'text', source: `synthetic/${i}.txt`, url: null },
  };
  return { doc, ann: { sentences, mentions: [], dates: [], quantities: [], roles: [] }, reports, claims };
}

/** Save documents until the store holds `n` incidents; returns seconds taken. */
function buildStore(path: string, n: number): number {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const t0 = performance.now();
  const store = openStore(path);
  try {
    let incidents = 0;
    for (let i = 0; incidents < n; i++) {
      const b = syntheticDocument(i);
      const res = store.saveDocument(b.doc, b.ann, b.reports, 1, { claims: b.claims });
      incidents += new Set(res.incidentIds).size - (res.mergedInto ? new Set(res.mergedInto).size : 0);
      if ((i + 1) % PROGRESS_EVERY === 0) process.stderr.write(`  built ${i + 1} documents, ${incidents} incidents, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    store.setInfo('bench', `${GENERATOR_VERSION}:${n}`);
  } finally {
    store.close();
  }
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return (performance.now() - t0) / 1000;
}

/** Whether the file is a store this generator built with `n` incidents. */
function reusable(path: string, n: number): boolean {
  if (!existsSync(path)) return false;
  try {
    const db = new Database(path, { readonly: true });
    const v = db.prepare("SELECT value FROM store_info WHERE key = 'bench'").get() as { value: string } | undefined;
    db.close();
    return v?.value === `${GENERATOR_VERSION}:${n}`;
  } catch {
    return false;
  }
}

interface QueryCase {
  name: string;
  /** What the CLI does, in process: opens the store read-only, queries, formats. Returns rows shown. */
  dossier: (db: string) => number;
  /** The same rows with plain SQL. */
  reference: (db: string) => number;
}

function withStore<T>(db: string, fn: (s: Store) => T): T {
  const s = openStore(db, { readonly: true });
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

function withSql<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const ROWS_OF_INCIDENTS = `SELECT r.incident_id, r.data, d.published FROM reports r JOIN documents d ON d.id = r.doc_id`;

const CASES: QueryCase[] = [
  {
    name: 'incidents --text bomb',
    dossier: (db) => withStore(db, (s) => {
      const list = s.listIncidents({ text: 'bomb' });
      incidentsTable(s, list, 'conservative', 160);
      return list.length;
    }),
    reference: (db) => withSql(db, (d) => d.prepare(`${ROWS_OF_INCIDENTS} WHERE r.incident_id IN (SELECT incident_id FROM incident_text WHERE incident_text MATCH '"bomb"') ORDER BY r.incident_id`).all().length),
  },
  {
    name: 'incidents --country CO --from 1989-01 --to 1989-12',
    dossier: (db) => withStore(db, (s) => {
      const list = s.listIncidents({ country: 'CO', from: '1989-01', to: '1989-12' });
      incidentsTable(s, list, 'conservative', 160);
      return list.length;
    }),
    reference: (db) => withSql(db, (d) => d.prepare(`${ROWS_OF_INCIDENTS} WHERE r.incident_id IN (SELECT incident_id FROM reports WHERE country_code = 'CO' AND date_iso BETWEEN '1989-01-01' AND '1989-12-31') ORDER BY r.incident_id`).all().length),
  },
  {
    name: 'show 1',
    dossier: (db) => withStore(db, (s) => {
      const inc = s.getIncident(1)!;
      showIncident(s, inc, 'conservative');
      return inc.reports.length;
    }),
    reference: (db) => withSql(db, (d) => {
      const rows = d.prepare('SELECT r.data, r.doc_id, d.text, d.title, d.published, d.source FROM reports r JOIN documents d ON d.id = r.doc_id WHERE r.incident_id = 1').all() as { doc_id: string }[];
      for (const r of rows) {
        d.prepare("SELECT data FROM annotations WHERE doc_id = ? AND layer = 'sentences'").get(r.doc_id);
        d.prepare('SELECT data FROM claims WHERE doc_id = ?').all(r.doc_id);
      }
      return rows.length;
    }),
  },
];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

interface Timing {
  p50: number;
  p95: number;
  rows: number;
}

function time(fn: () => number, runs: number): Timing {
  const rows = fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), rows };
}

/** In a child process: run one export and print its wall time and peak RSS. */
async function child(kind: string, db: string, out: string): Promise<void> {
  const t = performance.now();
  if (kind === 'export') {
    const code = await cliMain(['export', '--format', 'gtd', '--db', db, '--out', out]);
    if (code !== 0) process.exit(code);
  } else {
    // Plain SQL: every report with its document and claims, streamed to the file row by row.
    withSql(db, (d) => {
      const fd = openSync(out, 'w');
      const it = d.prepare(`SELECT r.incident_id, r.data, d.title, d.published, d.publisher, d.source, d.url, d.text,
        (SELECT group_concat(c.data) FROM claims c WHERE c.doc_id = r.doc_id) AS claims FROM reports r JOIN documents d ON d.id = r.doc_id ORDER BY r.incident_id`).raw().iterate();
      for (const row of it) writeSync(fd, `${(row as unknown[]).join('\t')}\n`);
      closeSync(fd);
    });
  }
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function runChild(kind: string, db: string, out: string): { ms: number; peakRssMiB: number } {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, '--db', db, '--out', out], { encoding: 'utf8', maxBuffer: 64 * MiB });
  if (r.status !== 0) throw new Error(`export child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; peakRssMiB: number };
}

function exportFigures(db: string, runs: number): { p50: number; p95: number; peakRssMiB: number; refP50: number; refPeakRssMiB: number; bytes: number } {
  const out = `${db}.export.csv`;
  const ours: { ms: number; peakRssMiB: number }[] = [];
  const ref: { ms: number; peakRssMiB: number }[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(runChild('export', db, out));
    ref.push(runChild('reference', db, `${db}.reference.tsv`));
  }
  const bytes = statSync(out).size;
  rmSync(out, { force: true });
  rmSync(`${db}.reference.tsv`, { force: true });
  return {
    p50: quantile(ours.map((x) => x.ms), 0.5), p95: quantile(ours.map((x) => x.ms), 0.95), peakRssMiB: Math.max(...ours.map((x) => x.peakRssMiB)),
    refP50: quantile(ref.map((x) => x.ms), 0.5), refPeakRssMiB: Math.max(...ref.map((x) => x.peakRssMiB)), bytes,
  };
}

function peakRssMiB(): number {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage.rss() / MiB;
}

function usage(msg: string): never {
  process.stderr.write(`store-bench: ${msg}\nusage: npm run bench:store -- [--incidents 100000] [--runs 7] [--export-runs 3] [--db FILE] [--rebuild] [--json]\n`);
  process.exit(2);
}

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      incidents: { type: 'string' }, runs: { type: 'string' }, 'export-runs': { type: 'string' }, db: { type: 'string' }, rebuild: { type: 'boolean' }, json: { type: 'boolean' },
      child: { type: 'string' }, out: { type: 'string' },
    },
  });
  if (values.child) return child(values.child, values.db!, values.out!);
  const n = Number(values.incidents ?? 100_000);
  const runs = Number(values.runs ?? DEFAULT_RUNS);
  const exportRuns = Number(values['export-runs'] ?? DEFAULT_EXPORT_RUNS);
  if (!(Number.isInteger(n) && n > 0) || !(Number.isInteger(runs) && runs > 0) || !(Number.isInteger(exportRuns) && exportRuns >= 0)) usage('--incidents, --runs and --export-runs take whole numbers');
  const db = values.db ?? `/tmp/dossier-store-bench-${n}.db`;
  let buildSeconds: number | null = null;
  if (values.rebuild || !reusable(db, n)) {
    process.stderr.write(`building a synthetic store of ${n} incidents at ${db}\n`);
    buildSeconds = buildStore(db, n);
  }
  const counts = withStore(db, (s) => s.counts());
  const queries = CASES.map((c) => {
    const ours = time(() => c.dossier(db), runs);
    const ref = time(() => c.reference(db), runs);
    return { name: c.name, incidents: ours.rows, referenceRows: ref.rows, p50Ms: ours.p50, p95Ms: ours.p95, refP50Ms: ref.p50, refP95Ms: ref.p95, ratioP50: ours.p50 / ref.p50 };
  });
  const queryPeakRssMiB = peakRssMiB();
  const exp = exportRuns ? exportFigures(db, exportRuns) : null;
  const out = { store: db, storeMiB: statSync(db).size / MiB, counts, buildSeconds, runs, queries, queryPeakRssMiB, export: exp };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Store benchmark — ${counts.incidents} incidents, ${counts.reports} reports, ${counts.documents} documents, ${out.storeMiB.toFixed(0)} MiB${buildSeconds !== null ? ` (built in ${buildSeconds.toFixed(0)} s)` : ''}\n`);
  process.stdout.write(`| query | rows | p50 | p95 | plain SQL p50 | ratio (p50) |\n|---|---|---|---|---|---|\n`);
  for (const q of queries) process.stdout.write(`| \`${q.name}\` | ${q.incidents} | ${q.p50Ms.toFixed(1)} ms | ${q.p95Ms.toFixed(1)} ms | ${q.refP50Ms.toFixed(1)} ms | ${q.ratioP50.toFixed(1)}× |\n`);
  if (exp) process.stdout.write(`| \`export --format gtd\` (${exportRuns} runs, ${(exp.bytes / MiB).toFixed(0)} MiB) | ${counts.incidents} | ${(exp.p50 / 1000).toFixed(1)} s | ${(exp.p95 / 1000).toFixed(1)} s | ${(exp.refP50 / 1000).toFixed(1)} s | ${(exp.p50 / exp.refP50).toFixed(1)}× |\n`);
  process.stdout.write(`peak RSS: queries process ${queryPeakRssMiB.toFixed(0)} MiB${exp ? `; export ${exp.peakRssMiB.toFixed(0)} MiB (plain SQL ${exp.refPeakRssMiB.toFixed(0)} MiB)` : ''}\n`);
}

await run();
