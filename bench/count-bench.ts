/**
 * `with_total` after writes (issues 11 and 12): how long a filtered count takes right after a small
 * write, against the plain-SQL count of the same filter (the floor, `count(DISTINCT incident_id)`)
 * in the same run. A kept count is brought up to date from the incidents the write changed
 * (src/store/sql/count-cache.ts, touches.ts); before migration 17 every count after a write was a
 * full count, which is what the floor does.
 *
 * Each round ingests one new one-paragraph report (a new incident in Colombia, on a new day of 1989)
 * through the real ingest path, then counts every filter. The store is written: give it a copy.
 *
 * Usage: node dist/bench/count-bench.js --db PATH_OR_URL [--rounds N] [--json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestPaths } from '../src/pipeline/index.js';
import { openStore, redact, type IncidentFilter } from '../src/store/index.js';
import type { SqlStore } from '../src/store/sql/sql-store.js';
import { openFloor, type Cond, type Floor } from './sql-floor.js';

const USAGE = 'usage: npm run bench:count -- --db PATH_OR_URL [--rounds N] [--json] (the store is written: give it a copy)';

interface FilterCase {
  name: string;
  filter: IncidentFilter;
  cond: (f: Floor) => Cond;
}

const FILTERS: FilterCase[] = [
  { name: '--country CO', filter: { country: 'CO' }, cond: () => ({ sql: 'country_code = ?', params: ['CO'] }) },
  { name: '--from 1989-01 --to 1989-12', filter: { from: '1989-01', to: '1989-12' }, cond: () => ({ sql: 'date_iso BETWEEN ? AND ?', params: ['1989-01-01', '1989-12-31'] }) },
  { name: '--type bombing', filter: { type: 'bombing' }, cond: () => ({ sql: 'type_names LIKE ?', params: ['%bombing%'] }) },
  { name: '--text bomb', filter: { text: 'bomb' }, cond: (f) => { const t = f.textIds('bomb'); return { sql: `incident_id IN (${t.sql})`, params: t.params }; } },
  { name: '--bbox 0,0,30,10', filter: { bbox: [0, 0, 30, 10] }, cond: () => ({ sql: 'lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?', params: [0, 10, 0, 30] }) },
];

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

interface Row {
  name: string;
  firstMs: number;
  afterWrite: { p50Ms: number; p95Ms: number };
  floor: { p50Ms: number; p95Ms: number };
  /** The last count, ours and the floor's: they must agree. */
  count: number;
  floorCount: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.db) throw new Error(USAGE);
  const rounds = Number(values.rounds ?? 10);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a positive whole number, not ${values.rounds}`);
  const store = await openStore(values.db);
  const floor = await openFloor(values.db);
  const tmp = mkdtempSync(join(tmpdir(), 'dossier-count-bench-'));
  const ours = new Map<string, number[]>();
  const ref = new Map<string, number[]>();
  const first = new Map<string, number>();
  const last = new Map<string, [number, number]>();
  const writes: number[] = [];
  try {
    for (const c of FILTERS) first.set(c.name, (await timed(() => store.countIncidents(c.filter)))[0]);
    for (let i = 0; i < rounds; i++) {
      const path = join(tmp, `r${i}.txt`);
      writeFileSync(path, `Gunmen attacked a police station in Cali, Colombia, on ${(i % 28) + 1} June 1989, killing ${i + 2} officers, police said. Round ${i} of run ${process.pid}.`);
      writes.push((await timed(() => ingestPaths(store, [path], () => undefined)))[0]);
      for (const c of FILTERS) {
        const [ms, n] = await timed(() => store.countIncidents(c.filter));
        const cond = c.cond(floor);
        const [fms, rows] = await timed(() => floor.rows(`SELECT count(DISTINCT incident_id) AS n FROM reports WHERE ${cond.sql}`, cond.params));
        ours.set(c.name, [...(ours.get(c.name) ?? []), ms]);
        ref.set(c.name, [...(ref.get(c.name) ?? []), fms]);
        last.set(c.name, [n, Number(rows[0]!['n'])]);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await floor.close();
  }
  const stats = (store as Partial<SqlStore>).countStats?.() ?? null;
  await store.close();
  const rows: Row[] = FILTERS.map((c) => ({
    name: c.name, firstMs: first.get(c.name)!, count: last.get(c.name)![0], floorCount: last.get(c.name)![1],
    afterWrite: { p50Ms: quantile(ours.get(c.name)!, 0.5), p95Ms: quantile(ours.get(c.name)!, 0.95) },
    floor: { p50Ms: quantile(ref.get(c.name)!, 0.5), p95Ms: quantile(ref.get(c.name)!, 0.95) },
  }));
  const out = { db: redact(values.db), rounds, writeMs: { p50: quantile(writes, 0.5), p95: quantile(writes, 0.95) }, stats, rows };
  if (values.json) process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  else report(out.db, rounds, rows);
}

function report(db: string, rounds: number, rows: Row[]): void {
  const f = (x: number): string => x.toFixed(x < 10 ? 2 : 1);
  process.stdout.write(`count after a write: ${db}, ${rounds} rounds (one new report, then every count)\n`);
  for (const r of rows) {
    process.stdout.write(`  ${r.name.padEnd(30)} first ${f(r.firstMs)} ms; after a write p50 ${f(r.afterWrite.p50Ms)} / p95 ${f(r.afterWrite.p95Ms)} ms; floor (full count) p50 ${f(r.floor.p50Ms)} / p95 ${f(r.floor.p95Ms)} ms; ${r.count} (floor ${r.floorCount})\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`count-bench: ${(e as Error).message}\n`);
  process.exit(2);
});
