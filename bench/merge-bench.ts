/**
 * Merge benchmark: saves N synthetic incident reports (default 100,000), one
 * document each, through the store's real save path, which looks for the
 * incident each report belongs to. Reports are drawn from a pool of
 * synthetic incidents (several reports each, dates a day apart, places a few
 * km apart, figures that differ), so merging has real work to do. Prints
 * throughput per 10% of the run: if resolution were quadratic in the store's
 * size, later slices would be much slower than early ones.
 *
 * `npm run bench:merge -- [--n 100000] [--db TARGET] [--pg] [--json] [--slices K] [--order time|random]`
 *
 * TARGET is a SQLite path or a postgres:// URL (default: a SQLite file in a temporary folder, deleted
 * at the end). The store must be empty; with --pg the bench creates the URL's database and drops it
 * when done. Saves go 200 to a transaction (BATCH_SAVES), as `dossier ingest` batches its documents.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Annotations, Attested, Count, Doc, IncidentKind, IncidentReport, PlaceRef } from '../src/model/index.js';
import { incidentType } from '../src/extract/incident-types.js';
import { isPostgresUrl, openStore, redact, type Store } from '../src/store/index.js';
import { saveResolved } from '../src/pipeline/index.js';
import { dropPgDatabase, peakRssMiB, recreatePgDatabase, storeBytes } from './bench-db.js';

const USAGE = 'usage: npm run bench:merge -- [--n 100000] [--db TARGET] [--pg] [--json] [--slices K] [--order time|random]\n';
/** Options as given; an unknown one is a usage error that names it, not a stack trace. */
function readArgs(): { n?: string; db?: string; pg?: boolean; json?: boolean; slices?: string; order?: string; help?: boolean } {
  try {
    return parseArgs({
      options: { n: { type: 'string' }, db: { type: 'string' }, pg: { type: 'boolean' }, json: { type: 'boolean' }, slices: { type: 'string' }, order: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (e) {
    process.stderr.write(`merge-bench: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const args = readArgs();
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const N = Number(args.n ?? 0) || 100_000;
/** Slices the run is measured in (`--slices K`, default 10): a long run on a shared machine reads better in more. */
const SLICES = Math.max(2, Math.min(1000, Math.floor(Number(args.slices ?? 10)) || 10));
const JSON_OUT = args.json === true;
/** Saves per write transaction: one commit (an fsync) per save would measure the disk, not resolution. */
const BATCH_SAVES = 200;
/**
 * The order reports arrive in (`--order`). `time` (the default): as news does, roughly in date order,
 * each report within REPORT_WINDOW_DAYS of its incident's place in the run, so the blocks being
 * written to hold as many incidents at the end of the run as at its start. `random`: any incident's
 * report at any point, so every block fills up over the whole run and each save has more
 * candidates the further the run goes (up to the blocks' limits): a back-fill of an archive in no
 * order, the worst case.
 */
const ORDER = args.order ?? 'time';
if (ORDER !== 'time' && ORDER !== 'random') usage(`--order takes time or random, not "${ORDER}"`);
/** How far from its incident's date, in days either way, a report arrives in time order. */
const REPORT_WINDOW_DAYS = 7;
/** Reports per synthetic incident, on average. */
const REPORTS_PER_INCIDENT = 4;
const KINDS: IncidentKind[] = ['armed_assault', 'bombing', 'arson', 'riot', 'missile_strike'];

let seed = 12345;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}

const att = <T>(value: T): Attested<T> => ({ value, evidence: [{ start: 0, end: 10 }], confidence: 0.8, stage: 'bench', reason: 'synthetic' });

interface Truth { kind: IncidentKind; day: number; cc: string; lat: number; lon: number; cityId: number; admin1: string; killed: number; }

/**
 * Days the synthetic incidents are spread over: 3,000 up to 100,000 reports, then in proportion, so
 * that a block (a country and a few days) holds as many incidents at 1M as at 100k. Over a fixed
 * range the density grew with N, and every save compared with more candidates (up to the blocks'
 * limits) the longer the run went: a 1M run over 3,000 days fell from 235 to 120 saves/s by 450k,
 * most of it in the candidate reads. News grows by adding days, not by crowding them.
 */
const DAYS = Math.max(3_000, Math.ceil((3_000 * N) / 100_000));

function makeTruth(i: number): Truth {
  const cc = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'GG', 'HH'][i % 8]!;
  return { kind: KINDS[Math.floor(rnd() * KINDS.length)]!, day: 18_000 + Math.floor(rnd() * DAYS), cc, lat: -50 + rnd() * 100, lon: -150 + rnd() * 300, cityId: 1_000_000 + i, admin1: String(Math.floor(rnd() * 60)), killed: Math.floor(rnd() * 50) };
}

function report(t: Truth, docId: string): IncidentReport {
  const d = new Date((t.day + (rnd() < 0.3 ? 1 : 0)) * 86_400_000);
  const place: PlaceRef = { geonameid: t.cityId, name: `City${t.cityId}`, featureCode: 'PPL', lat: t.lat + (rnd() - 0.5) * 0.05, lon: t.lon, countryCode: t.cc, countryName: t.cc, admin1Code: t.admin1, admin1Name: 'Region', population: 50_000 };
  const killed: Count = { value: t.killed + Math.floor(rnd() * 3), qualifier: rnd() < 0.5 ? 'at_least' : 'exact', low: null, high: null, text: 'n' };
  return {
    id: `${docId.slice(0, 16)}:0`, docId, index: 0, anchor: { start: 0, end: 10 }, inPassing: false,
    type: att(incidentType(t.kind)),
    date: att({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), precision: 'day' as const }),
    locations: [att({ place, relation: 'in' as const })],
    perpetrators: [], targets: [], victims: [], weapons: [], killedVictims: att(killed), killedPerpetrators: null, killedTotal: att(killed),
    injured: null, arrested: null, facilities: [], label: `${t.kind} — City${t.cityId}`,
  };
}

const EMPTY: Annotations = { sentences: [], mentions: [], dates: [], quantities: [], roles: [] };

function syntheticDoc(i: number): Doc {
  const id = `${i.toString(16).padStart(16, '0')}${'0'.repeat(48)}`;
  const text = `synthetic report ${i}`;
  return { id, text, meta: { title: text, subtitle: null, author: null, publisher: null, published: null, language: 'en', format: 'text', source: `synthetic:${i}`, url: null }, regions: [{ start: 0, end: text.length, kind: 'body' }] };
}

/** The store to fill, empty, and what to do with it afterwards (a temporary file or a --pg database is the bench's own). */
async function openTarget(): Promise<{ target: string; store: Store; cleanup: () => Promise<void> }> {
  if (args.pg && !(args.db && isPostgresUrl(args.db))) usage('--pg needs --db postgres://…/NAME');
  const dir = args.db ? null : mkdtempSync(join(tmpdir(), 'dossier-merge-bench-'));
  const target = args.db ?? join(dir!, 'merge.db');
  if (args.pg) await recreatePgDatabase(target);
  const store = await openStore(target);
  // The bench never adds to a store that holds anything: the figures would not be the empty store's, and the data is someone's.
  const docs = (await store.counts()).documents;
  if (docs > 0) {
    await store.close();
    usage(`${redact(target)} is not empty (${docs} documents): name a new file, an empty database, or pass --pg to let the bench re-create it`);
  }
  const cleanup = async (): Promise<void> => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (args.pg) await dropPgDatabase(target);
  };
  return { target, store, cleanup };
}

function usage(msg: string): never {
  process.stderr.write(`merge-bench: ${msg}\nusage: npm run bench:merge -- [--n 100000] [--db TARGET] [--pg] [--json] [--slices K] [--order time|random]\n`);
  process.exit(2);
}

/** The incident the save at position k reports on (truths sorted by day in time order; see ORDER). */
function pickTruth(k: number, T: number): number {
  if (ORDER === 'random') return Math.floor(rnd() * T);
  const w = Math.ceil((REPORT_WINDOW_DAYS * T) / DAYS);
  const centre = Math.floor((k / N) * T);
  return Math.max(0, Math.min(T - 1, centre + Math.floor(rnd() * (2 * w + 1)) - w));
}

interface Slice {
  upTo: number;
  perSec: number;
  /** This process's CPU per save in the slice: unlike perSec, barely moved by other jobs on the machine. */
  cpuMsPerSave: number;
}

/**
 * Save the N reports, BATCH_SAVES per transaction; throughput is taken per slice of the run (a tenth
 * unless --slices says), at commits, and each slice is told on stderr as it ends, so a long run can
 * be followed.
 */
async function saveAll(store: Store, truths: Truth[]): Promise<{ merged: number; slices: Slice[] }> {
  const slices: Slice[] = [];
  const sliceSize = Math.ceil(N / SLICES);
  let merged = 0;
  let done = 0;
  let sliceFrom = 0;
  let tSlice = process.hrtime.bigint();
  let cpuSlice = process.cpuUsage();
  while (done < N) {
    await store.transaction(async () => {
      for (const end = Math.min(N, done + BATCH_SAVES); done < end; done++) {
        const t = truths[pickTruth(done, truths.length)]!;
        const doc = syntheticDoc(done);
        const res = await saveResolved(store, { doc, ann: EMPTY, reports: [report(t, doc.id)], pipelineVersion: 1 });
        if (res.mergedInto?.length) merged++;
      }
    });
    if (done - sliceFrom >= sliceSize || done === N) {
      const now = process.hrtime.bigint();
      const cpu = process.cpuUsage(cpuSlice);
      const slice = { upTo: done, perSec: (done - sliceFrom) / (Number(now - tSlice) / 1e9), cpuMsPerSave: (cpu.user + cpu.system) / 1000 / (done - sliceFrom) };
      slices.push(slice);
      process.stderr.write(`merge-bench: ${new Date().toISOString()} up to ${done}: ${slice.perSec.toFixed(0)} reports/s, ${slice.cpuMsPerSave.toFixed(2)} ms CPU a save\n`);
      sliceFrom = done;
      tSlice = now;
      cpuSlice = process.cpuUsage();
    }
  }
  return { merged, slices };
}

/**
 * How much throughput falls from the second tenth to the last, and how much it would if each save
 * cost log n (n: reports stored, at each tenth's middle). The first tenth is left out: it also warms
 * the JIT and the caches.
 */
function fallVsLog(slices: Slice[]): { measured: number; logN: number } | null {
  if (slices.length < 3) return null;
  const a = slices[1]!;
  const b = slices[slices.length - 1]!;
  const mid = (i: number): number => (i === 0 ? slices[0]!.upTo : slices[i - 1]!.upTo + (slices[i]!.upTo - slices[i - 1]!.upTo) / 2);
  return { measured: a.perSec / b.perSec, logN: Math.log(mid(slices.length - 1)) / Math.log(mid(1)) };
}

async function main(): Promise<void> {
  const { target, store, cleanup } = await openTarget();
  const truths = Array.from({ length: Math.ceil(N / REPORTS_PER_INCIDENT) }, (_, i) => makeTruth(i));
  if (ORDER === 'time') truths.sort((a, b) => a.day - b.day);
  const t0 = process.hrtime.bigint();
  let saved: { merged: number; slices: Slice[] };
  let secs: number;
  let bytes: number;
  try {
    saved = await saveAll(store, truths);
    secs = Number(process.hrtime.bigint() - t0) / 1e9;
    bytes = await storeBytes(target);
  } finally {
    await store.close();
    await cleanup();
  }
  const { merged, slices } = saved;
  const out = {
    backend: store.backend, order: ORDER, reports: N, seconds: secs, reportsPerSecond: N / secs, mergedReports: merged, expectedMergeable: N - truths.length,
    peakRssMb: peakRssMiB(), storeMb: bytes / 2 ** 20, fall: fallVsLog(slices), slices,
  };
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Merge benchmark (${out.backend}, ${redact(target)}) — ${N.toLocaleString('en')} synthetic reports of ${truths.length.toLocaleString("en")} incidents in ${ORDER} order, ${BATCH_SAVES} saves per transaction\n`);
  process.stdout.write(`  total ${secs.toFixed(1)} s, ${(N / secs).toFixed(0)} reports/s, peak RSS ${out.peakRssMb.toFixed(0)} MB, store ${out.storeMb.toFixed(1)} MB\n`);
  process.stdout.write(`  reports joined to an existing incident: ${merged.toLocaleString('en')} (at most ${(N - truths.length).toLocaleString('en')} could be)\n`);
  process.stdout.write('  throughput by slice of the run (flat = not quadratic):\n');
  for (const s of slices) process.stdout.write(`    up to ${String(s.upTo).padStart(7)}: ${s.perSec.toFixed(0)} reports/s, ${s.cpuMsPerSave.toFixed(2)} ms CPU a save\n`);
  if (out.fall) process.stdout.write(`  fall from the 2nd slice to the last: ${out.fall.measured.toFixed(2)}× (a save costing log n would give ${out.fall.logN.toFixed(2)}×)\n`);
}

await main();
