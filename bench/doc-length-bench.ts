/**
 * Benchmark (not a test): how ingest time and memory grow with the length of
 * one document. See docs/benchmarks.md ("Scaling with document length").
 *
 *   npm run bench:doc-length -- [--sizes 0.25,0.5,1,2,4] [--shape paragraphs|single-line|both] [--json]
 *
 * Each size runs in a fresh process: a warm-up document first (gazetteer,
 * models, JIT), then one synthetic report of that many MiB through intake and
 * every pipeline stage, timed per stage. Time should grow in proportion to
 * size: the ratio of a size's time to the time of a quarter of that size is
 * about 4 when ingest is linear and 16 when it is quadratic.
 *
 * Exit codes: 0 the bench ran, 2 usage error.
 */
import { benchArgs, benchUsage } from './args.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { intakeBuffer } from '../src/intake/index.js';
import { defaultContext, newState, STAGES } from '../src/pipeline/index.js';
import { syntheticReport } from '../src/pipeline/synthetic-report.js';

const MiB = 1024 * 1024;
const DEFAULT_SIZES = [0.25, 0.5, 1, 2, 4];
/** The intake limit is 10 MiB; 9.5 MiB of text stays under it once encoded. */
const MAX_SIZE = 9.5;
const WARMUP_CHARS = 20_000;
/** A size's run is stopped after this long (a quadratic stage takes hours at 9.5 MiB). */
const CHILD_TIMEOUT_MS = 60 * 60 * 1000;

type Shape = 'paragraphs' | 'single-line';

interface SizeRun {
  shape: Shape;
  mib: number;
  bytes: number;
  wallMs: number;
  cpuMs: number;
  /** CPU ms of intake and of each stage. */
  stages: Record<string, number>;
  sentences: number;
  incidents: number;
  claims: number;
  /** RSS before the document (after the warm-up) and the process's peak RSS (VmHWM), MiB. */
  rssBeforeMiB: number;
  peakRssMiB: number;
}

const USAGE = 'usage: npm run bench:doc-length -- [--sizes 0.25,0.5,1,2,4] [--shape paragraphs|single-line|both] [--json]';

function usage(msg: string): never {
  return benchUsage('doc-length-bench', USAGE, msg);
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Peak resident set (VmHWM) in MiB; the current RSS where /proc is not available. */
function peakRssMiB(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage.rss() / MiB;
}

/** Intake and every stage on one text, CPU-timed stage by stage. */
function ingest(text: string): { stages: Record<string, number>; state: ReturnType<typeof newState> } {
  const stages: Record<string, number> = {};
  let t = cpuMs();
  const doc = intakeBuffer(Buffer.from(text), 'scale.txt', 'text');
  let now = cpuMs();
  stages['intake'] = now - t;
  const state = newState(doc);
  for (const s of STAGES) {
    t = now;
    s.run(state, defaultContext());
    now = cpuMs();
    stages[s.name] = now - t;
  }
  return { stages, state };
}

/** One size, in this process (the child side). */
function runOne(mib: number, shape: Shape): SizeRun {
  ingest(syntheticReport(WARMUP_CHARS, shape === 'single-line'));
  const text = syntheticReport(Math.round(mib * MiB), shape === 'single-line');
  const rssBeforeMiB = process.memoryUsage.rss() / MiB;
  const c0 = cpuMs();
  const w0 = performance.now();
  const { stages, state } = ingest(text);
  return {
    shape, mib, bytes: Buffer.byteLength(text), wallMs: performance.now() - w0, cpuMs: cpuMs() - c0, stages,
    sentences: state.ann.sentences.length, incidents: state.incidents.length, claims: state.claims.length,
    rssBeforeMiB, peakRssMiB: peakRssMiB(),
  };
}

/** One size in a fresh process, so that its peak RSS is its own. */
function spawnOne(mib: number, shape: Shape): SizeRun | { shape: Shape; mib: number; error: string } {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(mib), '--shape', shape], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, maxBuffer: 16 * MiB });
  if (r.status !== 0) return { shape, mib, error: r.error ? r.error.message : `exit ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}` };
  return JSON.parse(r.stdout) as SizeRun;
}

function parseSizes(s: string | undefined): number[] {
  if (s === undefined) return DEFAULT_SIZES;
  const sizes = s.split(',').map(Number);
  if (sizes.some((x) => !(x > 0) || x > MAX_SIZE)) usage(`--sizes takes sizes in MiB, above 0 and at most ${MAX_SIZE}`);
  return sizes;
}

function report(runs: ReturnType<typeof spawnOne>[]): string {
  const n = (x: number, d = 2): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const lines: string[] = [];
  for (const shape of ['paragraphs', 'single-line'] as const) {
    const rs = runs.filter((r) => r.shape === shape);
    if (!rs.length) continue;
    lines.push('', `${shape === 'paragraphs' ? 'Paragraphs (blank lines between)' : 'One line (no newline anywhere)'}`);
    lines.push('    MiB    wall s    CPU s   CPU s/MiB   ×time vs ¼ size   peak RSS MiB   incidents   slowest stage (CPU s)');
    for (const r of rs) {
      if ('error' in r) {
        lines.push(`  ${n(r.mib).padStart(5)}   failed: ${r.error}`);
        continue;
      }
      const quarter = rs.find((q): q is SizeRun => !('error' in q) && Math.abs(q.mib * 4 - r.mib) < 1e-9);
      const ratio = quarter ? n(r.cpuMs / quarter.cpuMs, 1) : '';
      const [slowName, slowMs] = Object.entries(r.stages).sort((a, b) => b[1] - a[1])[0]!;
      lines.push(
        `  ${n(r.mib).padStart(5)}  ${n(r.wallMs / 1000).padStart(8)} ${n(r.cpuMs / 1000).padStart(8)}  ${n(r.cpuMs / 1000 / r.mib).padStart(10)}   ${ratio.padStart(15)}   ${n(r.peakRssMiB, 0).padStart(12)}   ${String(r.incidents).padStart(9)}   ${slowName} ${n(slowMs / 1000)}`,
      );
    }
  }
  lines.push('', '×time vs ¼ size: CPU time of this size over CPU time of a quarter of it (4 = linear, 16 = quadratic).');
  return lines.join('\n');
}

function main(): number {
  const values = benchArgs('doc-length-bench', USAGE, { sizes: { type: 'string' }, shape: { type: 'string' }, json: { type: 'boolean' }, child: { type: 'string' } });
  const shapeArg = values.shape ?? 'both';
  if (!['paragraphs', 'single-line', 'both'].includes(shapeArg)) usage('--shape is paragraphs, single-line or both');
  if (values.child !== undefined) {
    process.stdout.write(JSON.stringify(runOne(Number(values.child), shapeArg as Shape)));
    return 0;
  }
  const shapes: Shape[] = shapeArg === 'both' ? ['paragraphs', 'single-line'] : [shapeArg as Shape];
  const runs: ReturnType<typeof spawnOne>[] = [];
  for (const shape of shapes) {
    for (const mib of parseSizes(values.sizes)) {
      runs.push(spawnOne(mib, shape));
      if (!values.json) process.stderr.write(`  ${shape} ${mib} MiB done\n`);
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs }, null, 2)}\n`);
  else process.stdout.write(`Dossier scale benchmark — ${new Date().toISOString()}, node ${process.version}\n${report(runs)}\n`);
  return 0;
}

process.exitCode = main();
