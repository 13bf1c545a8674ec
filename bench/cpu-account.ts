/**
 * CPU accounting for benches that time several kinds of work in one process, one after another
 * (issue 11: ingest against the wink-nlp reference, one build against another).
 *
 * `process.cpuUsage()` counts every thread of the process. Besides the main thread, V8 runs its
 * optimising compiler and its collector's helpers on threads of their own; a hot function found while
 * one part is timed may still be compiling when the next part starts, and its cost would land there.
 * In a cold 1 300-document ingest those threads used 1.5–1.8 s of 4.8–5.9 s (docs/benchmarks.md), so
 * what spills over moves a ratio. `measure` times a part and then waits until the other threads are
 * quiet before it reads the clock: each part keeps the background work it started.
 */

import { readFileSync } from 'node:fs';

/** This process's CPU seconds so far, every thread (user + system; microsecond resolution). */
export function processCpuSeconds(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

/**
 * Clock ticks per second in /proc's CPU times: USER_HZ, 100 on every Linux that Node runs on
 * (proc(5); the kernel converts for user space whatever its own tick rate).
 */
const USER_HZ = 100;

/** The main thread's CPU seconds so far (user + system), from /proc, to 10 ms; null off Linux. */
export function mainThreadCpuSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / USER_HZ;
  } catch {
    return null;
  }
}

/** How long one look at the other threads lasts. */
const QUIET_WINDOW_MS = 5;
/** CPU in one window below which the process counts as quiet: the main thread asleep in a timer uses a few µs. */
const QUIET_CPU_MS = 0.25;
/** Quiet windows in a row that end the wait. */
const QUIET_WINDOWS = 2;
/** The longest wait: a collector's helper that never goes quiet must not hang the bench. */
const MAX_SETTLE_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (asleep, using no CPU of its own to speak of) until the process's other threads stop using CPU. */
export async function settle(): Promise<void> {
  const until = performance.now() + MAX_SETTLE_MS;
  let quiet = 0;
  while (quiet < QUIET_WINDOWS && performance.now() < until) {
    const c0 = processCpuSeconds();
    await sleep(QUIET_WINDOW_MS);
    quiet = (processCpuSeconds() - c0) * 1000 < QUIET_CPU_MS ? quiet + 1 : 0;
  }
}

/** One kind of work's running totals. */
export interface Account {
  /** Wall seconds of the work itself (the waits in `settle` not counted). */
  seconds: number;
  /** CPU seconds, every thread, the background work each part started included. */
  cpuSeconds: number;
  /** The main thread's share of cpuSeconds; null off Linux. */
  mainThreadCpuSeconds: number | null;
}

export function newAccount(): Account {
  return { seconds: 0, cpuSeconds: 0, mainThreadCpuSeconds: 0 };
}

/** Runs `work`, waits for the other threads to go quiet, and adds its wall and CPU time to `into`. */
export async function measure<T>(into: Account, work: () => T | Promise<T>): Promise<T> {
  const m0 = mainThreadCpuSeconds();
  const c0 = processCpuSeconds();
  const t0 = performance.now();
  const out = await work();
  into.seconds += (performance.now() - t0) / 1000;
  await settle();
  into.cpuSeconds += processCpuSeconds() - c0;
  const m1 = mainThreadCpuSeconds();
  into.mainThreadCpuSeconds = into.mainThreadCpuSeconds === null || m0 === null || m1 === null ? null : into.mainThreadCpuSeconds + (m1 - m0);
  return out;
}
