/**
 * Merge benchmark: saves N synthetic incident reports (default 100,000), one
 * document each, through the store's real save path, which looks for the
 * incident each report belongs to. Reports are drawn from a pool of
 * synthetic incidents (several reports each, dates a day apart, places a few
 * km apart, figures that differ), so merging has real work to do. Prints
 * throughput per 10% of the run: if resolution were quadratic in the store's
 * size, later slices would be much slower than early ones.
 *
 * `npm run bench:merge -- [--n 100000] [--json]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Annotations, Attested, Count, Doc, IncidentKind, IncidentReport, PlaceRef } from '../src/model/index.js';
import { incidentType } from '../src/extract/incident-types.js';
import { openStore } from '../src/store/index.js';
import { saveResolved } from '../src/pipeline/index.js';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--n') + 1] ?? 0) || 100_000;
const JSON_OUT = args.includes('--json');
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

function makeTruth(i: number): Truth {
  const cc = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'GG', 'HH'][i % 8]!;
  return { kind: KINDS[Math.floor(rnd() * KINDS.length)]!, day: 18_000 + Math.floor(rnd() * 3_000), cc, lat: -50 + rnd() * 100, lon: -150 + rnd() * 300, cityId: 1_000_000 + i, admin1: String(Math.floor(rnd() * 60)), killed: Math.floor(rnd() * 50) };
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-merge-bench-'));
  const store = await openStore(process.env.DOSSIER_BENCH_DB ?? join(dir, 'merge.db'));
  const truths = Array.from({ length: Math.ceil(N / REPORTS_PER_INCIDENT) }, (_, i) => makeTruth(i));
  const slices: { upTo: number; perSec: number }[] = [];
  let merged = 0;
  let peak = 0;
  const t0 = process.hrtime.bigint();
  let tSlice = t0;
  try {
    for (let i = 0; i < N; i++) {
      const t = truths[Math.floor(rnd() * truths.length)]!;
      const id = `${i.toString(16).padStart(16, '0')}${'0'.repeat(48)}`;
      const text = `synthetic report ${i}`;
      const doc: Doc = { id, text, meta: { title: text, subtitle: null, author: null, publisher: null, published: null, language: 'en', format: 'text', source: `synthetic:${i}`, url: null }, regions: [{ start: 0, end: text.length, kind: 'body' }] };
      const res = await saveResolved(store, { doc, ann: EMPTY, reports: [report(t, id)], pipelineVersion: 1 });
      if (res.mergedInto?.length) merged++;
      if ((i + 1) % Math.ceil(N / 10) === 0 || i === N - 1) {
        const now = process.hrtime.bigint();
        slices.push({ upTo: i + 1, perSec: Math.ceil(N / 10) / (Number(now - tSlice) / 1e9) });
        tSlice = now;
        peak = Math.max(peak, process.memoryUsage.rss());
      }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const out = { reports: N, seconds: secs, reportsPerSecond: N / secs, mergedReports: merged, expectedMergeable: N - truths.length, peakRssMb: peak / 2 ** 20, slices };
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Merge benchmark — ${N.toLocaleString('en')} synthetic reports of ${truths.length.toLocaleString('en')} incidents\n`);
  process.stdout.write(`  total ${secs.toFixed(1)} s, ${(N / secs).toFixed(0)} reports/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB\n`);
  process.stdout.write(`  reports joined to an existing incident: ${merged.toLocaleString('en')} (at most ${(N - truths.length).toLocaleString('en')} could be)\n`);
  process.stdout.write('  throughput by tenth of the run (flat = not quadratic):\n');
  for (const s of slices) process.stdout.write(`    up to ${String(s.upTo).padStart(7)}: ${s.perSec.toFixed(0)} reports/s\n`);
}

await main();
