import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { caseArb, type FuzzCase, type FuzzTarget } from './cases.js';
import { minimize } from './minimize.js';
import type { FailureKind } from './oracle.js';
import { Slot, type Verdict } from './runner.js';

/**
 * The fuzzing loop behind `npm run fuzz`: generate cases in chunks (each chunk sampled from its
 * target's arbitrary with its own seed, so a run is reproducible from --seed), run them in child
 * processes, count the outcomes, and write each new failure, minimized, under --out.
 */

export interface FuzzOptions {
  runs: number;
  seed: number;
  targets: FuzzTarget[];
  out: string;
  jobs: number;
  budgetMs: number;
  killMs: number;
  minimize: boolean;
  minimizeMs: number;
  /** Stop after this many seconds even if fewer than `runs` inputs ran. */
  timeLimitS: number | null;
  onProgress?: (s: FuzzSummary) => void;
}

export interface TargetCounts {
  inputs: number;
  ok: number;
  rejected: number;
  failures: number;
  cpuMs: number;
  bytes: number;
}

export interface FailureRecord {
  target: FuzzTarget;
  gen: string;
  kind: FailureKind;
  message: string;
  /** The files the minimized input and its description were written to. */
  file: string;
  originalBytes: number;
  minimizedBytes: number;
  /** How many more inputs failed the same way. */
  repeats: number;
}

export interface FuzzSummary {
  /** The seed the run can be repeated with. */
  seed: number;
  inputs: number;
  seconds: number;
  perSecond: number;
  byTarget: Partial<Record<FuzzTarget, TargetCounts>>;
  /** Rejections by error code. */
  byCode: Record<string, number>;
  failures: FailureRecord[];
  maxCpuMs: number;
  maxWallMs: number;
  /** The input that took the most CPU time. */
  slowest: { gen: string; target: FuzzTarget; bytes: number; cpuMs: number } | null;
  childStarts: number;
}

/** Inputs sampled per chunk; a chunk goes to one target. */
const CHUNK = 100;
/** Chunks per target in a round of --target all: intake runs most, as it is many times faster. */
const ROUND: Record<FuzzTarget, number> = { intake: 6, pipeline: 3, feeds: 1 };

/** The target of chunk `k`. */
function targetOf(targets: FuzzTarget[], k: number): FuzzTarget {
  if (targets.length === 1) return targets[0]!;
  const round = targets.flatMap((t) => Array<FuzzTarget>(ROUND[t]).fill(t));
  return round[k % round.length]!;
}

/** Cases in order, chunk after chunk, until `runs`. */
function* cases(opts: FuzzOptions): Generator<FuzzCase> {
  const arbs = new Map<FuzzTarget, fc.Arbitrary<FuzzCase>>();
  let made = 0;
  for (let k = 0; made < opts.runs; k++) {
    const t = targetOf(opts.targets, k);
    if (!arbs.has(t)) arbs.set(t, caseArb(t));
    const n = Math.min(CHUNK, opts.runs - made);
    for (const c of fc.sample(arbs.get(t)!, { seed: opts.seed + k, numRuns: n })) yield c;
    made += n;
  }
}

function signature(c: FuzzCase, v: Verdict): string {
  const f = v.failure!;
  return `${c.target}|${f.kind}|${f.message.replace(/\d+/g, '#').slice(0, 100)}`;
}

function emptySummary(seed: number): FuzzSummary {
  return { seed, inputs: 0, seconds: 0, perSecond: 0, byTarget: {}, byCode: {}, failures: [], maxCpuMs: 0, maxWallMs: 0, slowest: null, childStarts: 0 };
}

function count(s: FuzzSummary, c: FuzzCase, v: Verdict): void {
  s.inputs++;
  const t = (s.byTarget[c.target] ??= { inputs: 0, ok: 0, rejected: 0, failures: 0, cpuMs: 0, bytes: 0 });
  t.inputs++;
  t.cpuMs += v.cpuMs;
  t.bytes += c.bytes.length;
  if (v.failure) t.failures++;
  else if (v.result?.status === 'rejected') {
    t.rejected++;
    const code = v.result.code ?? '?';
    s.byCode[code] = (s.byCode[code] ?? 0) + 1;
  } else t.ok++;
  s.maxWallMs = Math.max(s.maxWallMs, v.wallMs);
  if (v.cpuMs > s.maxCpuMs) {
    s.maxCpuMs = v.cpuMs;
    s.slowest = { gen: c.gen, target: c.target, bytes: c.bytes.length, cpuMs: Math.round(v.cpuMs) };
  }
}

/** Minimize a failing case (when asked) and write it: `<target>-<kind>-<hash>.input` and a `.json` beside it. */
async function record(opts: FuzzOptions, slot: Slot, c: FuzzCase, v: Verdict): Promise<FailureRecord> {
  const sig = signature(c, v);
  let bytes = c.bytes;
  if (opts.minimize) {
    const same = async (b: Uint8Array): Promise<boolean> => {
      const r = await slot.run({ ...c, bytes: b });
      return r.failure !== undefined && signature(c, r) === sig;
    };
    const slowKind = v.failure!.kind === 'slow' || v.failure!.kind === 'hang';
    bytes = (await minimize(c.bytes, same, { maxTries: slowKind ? 40 : 400, maxMs: opts.minimizeMs })).bytes;
  }
  mkdirSync(opts.out, { recursive: true });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const base = join(opts.out, `${c.target}-${v.failure!.kind}-${hash}`);
  writeFileSync(`${base}.input`, bytes);
  const meta = { target: c.target, gen: c.gen, source: c.source, format: c.format ?? null, save: c.save ?? false, failure: v.failure, cpuMs: v.cpuMs, wallMs: v.wallMs, originalBytes: c.bytes.length, minimizedBytes: bytes.length, seed: opts.seed };
  writeFileSync(`${base}.json`, JSON.stringify(meta, null, 2) + '\n');
  return { target: c.target, gen: c.gen, kind: v.failure!.kind, message: v.failure!.message, file: `${base}.input`, originalBytes: c.bytes.length, minimizedBytes: bytes.length, repeats: 0 };
}

/** Run the fuzzer; resolves with the summary when `runs` inputs (or the time limit) are done. */
export async function fuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const s = emptySummary(opts.seed);
  const storeRoot = mkdtempSync(join(tmpdir(), 'dossier-fuzz-'));
  const slots = Array.from({ length: opts.jobs }, (_, i) => new Slot({ budgetMs: opts.budgetMs, killMs: opts.killMs, storeDir: join(storeRoot, `s${i}`) }));
  const seen = new Map<string, FailureRecord>();
  const gen = cases(opts);
  const t0 = performance.now();
  const deadline = opts.timeLimitS === null ? Infinity : t0 + opts.timeLimitS * 1000;
  let lastReport = t0;
  const worker = async (slot: Slot): Promise<void> => {
    for (let next = gen.next(); !next.done && performance.now() < deadline; next = gen.next()) {
      const c = next.value;
      const v = await slot.run(c);
      count(s, c, v);
      if (v.failure) {
        const sig = signature(c, v);
        const prior = seen.get(sig);
        if (prior) prior.repeats++;
        else {
          const rec = await record(opts, slot, c, v);
          seen.set(sig, rec);
          s.failures.push(rec);
        }
      }
      if (opts.onProgress && performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        opts.onProgress(finish(s, t0, slots));
      }
    }
  };
  try {
    await Promise.all(slots.map(worker));
  } finally {
    await Promise.all(slots.map((sl) => sl.close()));
    rmSync(storeRoot, { recursive: true, force: true });
  }
  return finish(s, t0, slots);
}

function finish(s: FuzzSummary, t0: number, slots: Slot[]): FuzzSummary {
  s.seconds = (performance.now() - t0) / 1000;
  s.perSecond = s.inputs / Math.max(s.seconds, 1e-9);
  s.childStarts = slots.reduce((n, sl) => n + sl.starts, 0);
  return s;
}
