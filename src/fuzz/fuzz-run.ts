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
  /**
   * Inputs of the seed's sequence to pass over before running (a whole number of chunks). A run of
   * `--skip A --runs B` runs inputs A … A+B−1 of the sequence, exactly those a run of A+B would run
   * last, so one long run can be made in contiguous shards (at different times, or on several
   * machines) and the shards add up to the single run.
   */
  skip?: number;
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

/**
 * Where the run's time went. The harness's own cost is `parentCpuMs` (generating and sending the
 * cases, counting) and the children's CPU outside their cases and warm-ups
 * (`childCpuMs - caseCpuMs - warmUpCpuMs`: receiving, copying, collecting garbage between cases).
 */
export interface FuzzTimes {
  /** Wall seconds of the fuzzing phase, which `perSecond` is over. */
  fuzzSeconds: number;
  /** Wall seconds spent minimizing new failures, after the fuzzing phase. */
  minimizeSeconds: number;
  /** CPU milliseconds of this (the parent) process. */
  parentCpuMs: number;
  /** CPU milliseconds of the child processes, as they reported it (a killed child's last case not counted). */
  childCpuMs: number;
  /** CPU milliseconds of the cases themselves (fuzzing phase and minimizing), as the children measured them. */
  caseCpuMs: number;
  /** CPU milliseconds the children spent starting: models, jsdom, the warm-up cases. */
  warmUpCpuMs: number;
}

export interface FuzzSummary {
  /** The seed the run can be repeated with. */
  seed: number;
  inputs: number;
  /** Wall seconds of the whole run (fuzzing and minimizing). */
  seconds: number;
  /** Inputs per wall second of the fuzzing phase. */
  perSecond: number;
  times: FuzzTimes;
  byTarget: Partial<Record<FuzzTarget, TargetCounts>>;
  /** Rejections by error code. */
  byCode: Record<string, number>;
  failures: FailureRecord[];
  maxCpuMs: number;
  maxWallMs: number;
  /** The input that took the most CPU time. */
  slowest: { gen: string; target: FuzzTarget; bytes: number; cpuMs: number } | null;
  childStarts: number;
  /** Inputs over the CPU budget once and under it when run again at once (confirmSlow): the machine's, not theirs. */
  slowOnce: number;
}

/** Inputs sampled per chunk; a chunk goes to one target. */
export const FUZZ_CHUNK = 100;
const CHUNK = FUZZ_CHUNK;
/** Chunks per target in a round of --target all: intake runs most, as it is many times faster. */
const ROUND: Record<FuzzTarget, number> = { intake: 6, pipeline: 3, feeds: 1 };

/** The target of chunk `k`. */
function targetOf(targets: FuzzTarget[], k: number): FuzzTarget {
  if (targets.length === 1) return targets[0]!;
  const round = targets.flatMap((t) => Array<FuzzTarget>(ROUND[t]).fill(t));
  return round[k % round.length]!;
}

/** Cases in order, chunk after chunk, from input `skip` until `runs` have been made. */
export function* fuzzCases(opts: Pick<FuzzOptions, 'seed' | 'skip' | 'runs' | 'targets'>): Generator<FuzzCase> {
  const arbs = new Map<FuzzTarget, fc.Arbitrary<FuzzCase>>();
  let made = 0;
  for (let k = (opts.skip ?? 0) / CHUNK; made < opts.runs; k++) {
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
  const times: FuzzTimes = { fuzzSeconds: 0, minimizeSeconds: 0, parentCpuMs: 0, childCpuMs: 0, caseCpuMs: 0, warmUpCpuMs: 0 };
  return { seed, inputs: 0, seconds: 0, perSecond: 0, times, byTarget: {}, byCode: {}, failures: [], maxCpuMs: 0, maxWallMs: 0, slowest: null, childStarts: 0, slowOnce: 0 };
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

/** Write a failing input: `<target>-<kind>-<hash>.input` and a `.json` beside it; the files' base path. */
function writeFailure(opts: FuzzOptions, c: FuzzCase, v: Verdict, bytes: Uint8Array): string {
  mkdirSync(opts.out, { recursive: true });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const base = join(opts.out, `${c.target}-${v.failure!.kind}-${hash}`);
  writeFileSync(`${base}.input`, bytes);
  const meta = { target: c.target, gen: c.gen, source: c.source, format: c.format ?? null, save: c.save ?? false, failure: v.failure, cpuMs: v.cpuMs, wallMs: v.wallMs, originalBytes: c.bytes.length, minimizedBytes: bytes.length, seed: opts.seed };
  writeFileSync(`${base}.json`, JSON.stringify(meta, null, 2) + '\n');
  return base;
}

/** A new failure, written as found (so a run stopped early keeps it), to be minimized after the fuzzing phase. */
interface Found {
  rec: FailureRecord;
  c: FuzzCase;
  v: Verdict;
  base: string;
}

function record(opts: FuzzOptions, c: FuzzCase, v: Verdict): Found {
  const base = writeFailure(opts, c, v, c.bytes);
  const rec: FailureRecord = { target: c.target, gen: c.gen, kind: v.failure!.kind, message: v.failure!.message, file: `${base}.input`, originalBytes: c.bytes.length, minimizedBytes: c.bytes.length, repeats: 0 };
  return { rec, c, v, base };
}

/**
 * Whether a repeat of a `slow` failure took more CPU than the input kept for it. Repeats share a
 * signature (the message with its numbers blanked), so without this the kept input was the first of
 * them, not the worst: a run counted one signature 22 times, once at 7.95 s, and kept a 2.4-s input.
 */
export function slowerThan(v: Verdict, kept: Verdict): boolean {
  return v.failure?.kind === 'slow' && kept.failure?.kind === 'slow' && v.cpuMs > kept.cpuMs;
}

/** Keep this input for a known failure in place of the one written before. */
function keepInstead(opts: FuzzOptions, f: Found, c: FuzzCase, v: Verdict): void {
  rmSync(`${f.base}.input`, { force: true });
  rmSync(`${f.base}.json`, { force: true });
  f.base = writeFailure(opts, c, v, c.bytes);
  f.c = c;
  f.v = v;
  Object.assign(f.rec, { gen: c.gen, message: v.failure!.message, file: `${f.base}.input`, originalBytes: c.bytes.length, minimizedBytes: c.bytes.length });
}

/**
 * A slow input is run again at once, in the same child, and is slow only if it is slow twice; the
 * slower run is kept. One run alone can be slow for reasons of the machine's: the budget is CPU time,
 * which a core's other hyperthread, a major collection of a child's grown heap (its helper threads
 * count) or a child's first large input after a restart inflate. The 1M run's shard 7 kept a 95 KB
 * page at 3.7 s that takes 0.3–0.5 s warm alone, and 3 KB ones at 2.9–3.7 s that take 0.03–0.2 s. A
 * quadratic input does the same work every time, so it is still caught (finding 28 took 3.5 s each run).
 */
export async function confirmSlow(slot: Slot, c: FuzzCase, v: Verdict, s: FuzzSummary, keep?: (c: FuzzCase, first: Verdict, again: Verdict) => void): Promise<Verdict> {
  if (v.failure?.kind !== 'slow') return v;
  // A saved case's first run stored its document, so run again into the same store it would only find it
  // there ("unchanged", milliseconds): the second look saves into a new, empty store.
  const again = await slot.run(c, c.save === true);
  if (!again.failure) {
    s.slowOnce++;
    keep?.(c, v, again);
    return again;
  }
  return again.failure.kind === 'slow' && again.cpuMs > v.cpuMs ? again : v;
}

/**
 * An input slow once and not again is no failure, but it is kept under `slow-once/` with both times,
 * to be run again alone (`--replay`): a run's largest single CPU time (10.8 s in shard 11) is worth a look.
 */
function keepSlowOnce(opts: FuzzOptions, c: FuzzCase, first: Verdict, again: Verdict): void {
  const base = writeFailure({ ...opts, out: join(opts.out, 'slow-once') }, c, first, c.bytes);
  writeFileSync(`${base}.again.json`, JSON.stringify({ cpuMs: again.cpuMs, wallMs: again.wallMs }) + '\n');
}

/** Minimize a found failure in `slot` and write the minimized input in place of the original. */
async function minimizeFound(opts: FuzzOptions, slot: Slot, f: Found, caseCpu: { ms: number }): Promise<void> {
  const sig = signature(f.c, f.v);
  const same = async (b: Uint8Array): Promise<boolean> => {
    const r = await slot.run({ ...f.c, bytes: b });
    caseCpu.ms += r.cpuMs;
    return r.failure !== undefined && signature(f.c, r) === sig;
  };
  const slowKind = f.v.failure!.kind === 'slow' || f.v.failure!.kind === 'hang';
  const bytes = (await minimize(f.c.bytes, same, { maxTries: slowKind ? 40 : 400, maxMs: opts.minimizeMs })).bytes;
  if (bytes.length === f.c.bytes.length) return;
  rmSync(`${f.base}.input`, { force: true });
  rmSync(`${f.base}.json`, { force: true });
  f.rec.file = `${writeFailure(opts, f.c, f.v, bytes)}.input`;
  f.rec.minimizedBytes = bytes.length;
}

/**
 * Run the fuzzer; resolves with the summary when `runs` inputs (or the time limit) are done. New
 * failures are minimized after the fuzzing phase, every slot taking one in turn: minimizing a slow
 * input runs it up to 40 times, and done inline it held a slot for up to --minimize-ms while the
 * other inputs waited (six findings held one of two slots for about 12 of a 30-minute run's minutes).
 */
export async function fuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const s = emptySummary(opts.seed);
  const cpu0 = process.cpuUsage();
  const storeRoot = mkdtempSync(join(tmpdir(), 'dossier-fuzz-'));
  const slots = Array.from({ length: opts.jobs }, (_, i) => new Slot({ budgetMs: opts.budgetMs, killMs: opts.killMs, storeDir: join(storeRoot, `s${i}`) }));
  const seen = new Map<string, Found>();
  const gen = fuzzCases(opts);
  const t0 = performance.now();
  const deadline = opts.timeLimitS === null ? Infinity : t0 + opts.timeLimitS * 1000;
  let lastReport = t0;
  const worker = async (slot: Slot): Promise<void> => {
    for (let next = gen.next(); !next.done && performance.now() < deadline; next = gen.next()) {
      const c = next.value;
      const v = await confirmSlow(slot, c, await slot.run(c), s, (x, first, again) => keepSlowOnce(opts, x, first, again));
      count(s, c, v);
      if (v.failure) {
        const sig = signature(c, v);
        const prior = seen.get(sig);
        if (prior) {
          prior.rec.repeats++;
          if (slowerThan(v, prior.v)) keepInstead(opts, prior, c, v);
        } else {
          const found = record(opts, c, v);
          seen.set(sig, found);
          s.failures.push(found.rec);
        }
      }
      if (opts.onProgress && performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        opts.onProgress(finish(s, t0, slots, cpu0));
      }
    }
  };
  const minimizeCpu = { ms: 0 };
  try {
    await Promise.all(slots.map(worker));
    s.times.fuzzSeconds = (performance.now() - t0) / 1000;
    s.perSecond = s.inputs / Math.max(s.times.fuzzSeconds, 1e-9);
    if (opts.minimize) {
      const queue = [...seen.values()];
      await Promise.all(slots.map(async (slot) => {
        for (let f = queue.shift(); f; f = queue.shift()) await minimizeFound(opts, slot, f, minimizeCpu);
      }));
    }
  } finally {
    await Promise.all(slots.map((sl) => sl.close()));
    rmSync(storeRoot, { recursive: true, force: true });
  }
  const out = finish(s, t0, slots, cpu0);
  out.times.minimizeSeconds = out.seconds - out.times.fuzzSeconds;
  out.times.caseCpuMs += minimizeCpu.ms;
  return out;
}

function finish(s: FuzzSummary, t0: number, slots: Slot[], cpu0: NodeJS.CpuUsage): FuzzSummary {
  s.seconds = (performance.now() - t0) / 1000;
  if (!s.times.fuzzSeconds) s.perSecond = s.inputs / Math.max(s.seconds, 1e-9);
  s.childStarts = slots.reduce((n, sl) => n + sl.starts, 0);
  const cpu = process.cpuUsage(cpu0);
  const caseCpuMs = Object.values(s.byTarget).reduce((n, t) => n + t.cpuMs, 0);
  s.times = {
    ...s.times,
    parentCpuMs: (cpu.user + cpu.system) / 1000,
    childCpuMs: slots.reduce((n, sl) => n + sl.childCpuMs, 0),
    caseCpuMs,
    warmUpCpuMs: slots.reduce((n, sl) => n + sl.warmUpCpuMs, 0),
  };
  return s;
}
