import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzCase } from './cases.js';
import type { FromChild, ToChild } from './child.js';
import type { CaseResult, FailureKind } from './oracle.js';

/**
 * One child process that runs cases, watched from outside: a case that takes longer than
 * `killMs` of wall time is a hang, and the child is killed and replaced (it cannot be trusted to
 * stop on its own: a catastrophic regular expression never yields). A case that finishes over
 * `budgetMs` of CPU time is slow. CPU time, not wall time, is the budget, because this machine is
 * shared and a niced run waits for the CPU; the wall-clock watchdog is the backstop.
 */

export interface Verdict {
  result?: CaseResult;
  failure?: { kind: FailureKind; message: string; detail?: string };
  cpuMs: number;
  wallMs: number;
}

export interface SlotOptions {
  /** CPU milliseconds one input may take. */
  budgetMs: number;
  /** Wall milliseconds after which the child is killed. */
  killMs: number;
  /** Folder for this child's temporary SQLite stores. */
  storeDir: string;
  /** The child's script (the harness's tests give one that hangs or crashes on purpose); default child.js. */
  childPath?: string;
}

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
/**
 * A child that used less than COMPUTING_SHARE of the watch's wall time in CPU by the time the
 * watchdog fires was waiting for a core, not hanging: a niced run beside a CI run "hung" on an 85 KB
 * page with 0 ms of CPU, and on a 24 KB one with 3.3 s in 20 s (0.9 s cold alone, 0.09 s warm). Its
 * watch is extended by `killMs` at a time, up to STARVED_EXTENSIONS times in all, and the case is
 * judged by its CPU time when it answers (slow or not); a child that computes most of the time, as a
 * case that never ends does on a free core, is killed at the first firing, as before.
 */
const STARVED_EXTENSIONS = 5;
const COMPUTING_SHARE = 0.5;
/** Clock ticks per second of /proc/PID/stat's CPU fields (USER_HZ, 100 on Linux). */
const PROC_TICKS_PER_S = 100;

/** CPU milliseconds a process has used (user + system), from /proc; null where /proc cannot say. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / PROC_TICKS_PER_S;
  } catch {
    return null;
  }
}

/** A child's heap limit: a case that needs more is a crash, not a machine out of memory. */
const CHILD_HEAP_MB = 2048;
/** How long the models' warm-up may take on a loaded machine. */
const READY_TIMEOUT_MS = 180_000;

export class Slot {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private stderrTail = '';
  private nextId = 0;
  /** Children started, the first included. */
  starts = 0;
  /** CPU milliseconds children spent starting (loading the models and jsdom, the warm-up). */
  warmUpCpuMs = 0;
  /** CPU milliseconds of the children that have exited, as last reported; and of the live one. */
  private exitedCpuMs = 0;
  private liveCpuMs = 0;

  constructor(private readonly opts: SlotOptions) {}

  private start(): Promise<void> {
    mkdirSync(this.opts.storeDir, { recursive: true });
    const child = fork(this.opts.childPath ?? CHILD, [], {
      serialization: 'advanced',
      execArgv: [`--max-old-space-size=${CHILD_HEAP_MB}`],
      env: { ...process.env, DOSSIER_FUZZ_STORE_DIR: join(this.opts.storeDir, `c${this.starts}`) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.starts++;
    this.stderrTail = '';
    child.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-4000);
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fuzz child did not start')), READY_TIMEOUT_MS);
      child.once('message', (m: FromChild) => {
        clearTimeout(timer);
        this.warmUpCpuMs += m.totalCpuMs ?? 0;
        this.liveCpuMs = m.totalCpuMs ?? 0;
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`fuzz child exited while starting (code ${code}): ${this.stderrTail}`));
      });
    });
  }

  /**
   * CPU milliseconds all this slot's children took, as they reported it (a killed child's time
   * after its last answer is not known: a lower bound after a hang).
   */
  get childCpuMs(): number {
    return this.exitedCpuMs + this.liveCpuMs;
  }

  private retire(): void {
    this.exitedCpuMs += this.liveCpuMs;
    this.liveCpuMs = 0;
  }

  private kill(): void {
    this.retire();
    const c = this.child;
    this.child = null;
    this.ready = null;
    if (c && c.exitCode === null) c.kill('SIGKILL');
  }

  /** Run one case in the child, starting one if needed. */
  async run(c: FuzzCase, freshStore = false): Promise<Verdict> {
    this.ready ??= this.start();
    await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    const t0 = performance.now();
    return new Promise<Verdict>((resolve) => {
      const done = (v: Verdict): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(v);
      };
      const onMessage = (m: FromChild): void => {
        if (m.type !== 'result' || m.id !== id) return;
        this.liveCpuMs = m.totalCpuMs ?? this.liveCpuMs;
        const v: Verdict = { cpuMs: m.cpuMs, wallMs: m.wallMs, ...(m.result ? { result: m.result } : {}), ...(m.failure ? { failure: m.failure } : {}) };
        if (!v.failure && m.cpuMs > this.opts.budgetMs) v.failure = { kind: 'slow', message: `took ${Math.round(m.cpuMs)} ms of CPU (budget ${this.opts.budgetMs} ms)` };
        done(v);
      };
      const onExit = (code: number | null, signal: string | null): void => {
        this.retire();
        this.child = null;
        this.ready = null;
        done({ failure: { kind: 'crash', message: `the child exited (code ${code}, signal ${signal})`, detail: this.stderrTail }, cpuMs: 0, wallMs: performance.now() - t0 });
      };
      const cpuAtSend = processCpuMs(child.pid);
      let extensions = 0;
      const watch = (): void => {
        const used = cpuAtSend === null ? null : (processCpuMs(child.pid) ?? cpuAtSend) - cpuAtSend;
        if (used !== null && used < this.opts.killMs * COMPUTING_SHARE && extensions < STARVED_EXTENSIONS) {
          extensions++;
          timer = setTimeout(watch, this.opts.killMs);
          return;
        }
        child.off('exit', onExit);
        this.kill();
        const cpu = used === null ? '' : ` (${Math.round(used)} ms of CPU)`;
        done({ failure: { kind: 'hang', message: `no answer after ${this.opts.killMs * (extensions + 1)} ms of wall time${cpu}; the child was killed` }, cpuMs: used ?? 0, wallMs: performance.now() - t0 });
      };
      let timer = setTimeout(watch, this.opts.killMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'case', id, case: c, ...(freshStore ? { freshStore } : {}) } satisfies ToChild);
    });
  }

  /** Let the child close its store and exit; killed if it takes more than a few seconds. */
  async close(): Promise<void> {
    this.retire();
    const c = this.child;
    this.child = null;
    this.ready = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    if (c.connected) c.disconnect();
    await exited;
    clearTimeout(timer);
  }
}
