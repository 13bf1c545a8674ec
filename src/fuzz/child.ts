import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultContext } from '../pipeline/index.js';
import { openStore, type Store } from '../store/index.js';
import type { FuzzCase } from './cases.js';
import { dossierFeedReader } from './feed-probe.js';
import { loadSeeds } from './mutate.js';
import { FuzzFailure, runCase, setFeedParser, type CaseResult, type FailureKind } from './oracle.js';

/**
 * The process that runs fuzz cases, one at a time, for the runner (runner.ts) that can kill it: a
 * hang is detected by the runner's watchdog, not waited on. It answers each case with its result
 * or failure and the CPU and wall time it took.
 */

/** `freshStore`: save into a new, empty store (a saved case's second look: its own first run stored its document). */
export type ToChild = { type: 'case'; id: number; case: FuzzCase; freshStore?: boolean };
/**
 * `totalCpuMs` is the child's CPU time since it started (at ready: what loading and the warm-up
 * took), so the runner can tell the cases' own time from the child's overhead.
 */
export type FromChild =
  | { type: 'ready'; totalCpuMs?: number }
  | { type: 'result'; id: number; result?: CaseResult; failure?: { kind: FailureKind; message: string; detail?: string }; cpuMs: number; wallMs: number; totalCpuMs?: number };

/** A fresh store after this many saves, so saving costs the same at the millionth input as at the first. */
const SAVES_PER_STORE = 500;

const ctx = defaultContext();
const storeDir = process.env['DOSSIER_FUZZ_STORE_DIR'] ?? '';
let store: Store | null = null;
let saves = 0;
let generation = 0;

/**
 * A fresh store when the current one is full, none is open, or `force` asks (a saved case's second
 * look). Called before a saving case is timed: closing a store of 500 documents and creating the
 * next took up to 3 s of a niced child's CPU, charged to whichever small case saved next (37 "slow
 * once" cases of 1–3 KB in shard 12, 6–18 ms when run again).
 */
async function rotateIfDue(force = false): Promise<void> {
  if (store && saves < SAVES_PER_STORE && !force) return;
  if (store) await store.close();
  const dir = join(storeDir, String(generation++));
  rmSync(join(storeDir, String(generation - 2)), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  store = await openStore(join(dir, 'fuzz.db'));
  saves = 0;
}

async function currentStore(): Promise<Store> {
  await rotateIfDue();
  saves++;
  return store!;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function handle(msg: ToChild): Promise<FromChild> {
  const c = { ...msg.case, bytes: new Uint8Array(msg.case.bytes) };
  if (c.save && storeDir) {
    try {
      await rotateIfDue(msg.freshStore === true);
    } catch {
      // The case's own save opens the store again and reports the failure as the case's.
    }
  }
  const cpu0 = cpuNow();
  const t0 = performance.now();
  const env = storeDir ? { ctx, store: currentStore } : { ctx };
  try {
    const result = await runCase(c, env);
    const cpu1 = cpuNow();
    return { type: 'result', id: msg.id, result, cpuMs: cpu1 - cpu0, wallMs: performance.now() - t0, totalCpuMs: cpu1 };
  } catch (e) {
    const f = e instanceof FuzzFailure ? e : new FuzzFailure('uncoded', `harness: ${(e as Error).message}`, (e as Error).stack);
    const failure = { kind: f.kind, message: f.message, ...(f.detail ? { detail: f.detail } : {}) };
    const cpu1 = cpuNow();
    return { type: 'result', id: msg.id, failure, cpuMs: cpu1 - cpu0, wallMs: performance.now() - t0, totalCpuMs: cpu1 };
  }
}

/** Load the models and jsdom before the first timed case, so no case pays for them. */
async function warmUp(): Promise<void> {
  const seed = loadSeeds().find((s) => s.name.endsWith('.html')) ?? loadSeeds()[0];
  if (!seed) return;
  await runCase({ target: 'pipeline', gen: 'warm-up', source: seed.name, bytes: seed.bytes }, { ctx });
  // Saved too, when the runner gives a store: a case's first save otherwise paid for opening the store
  // and the resolver's first run (a 3 KB page saved first took 0.16 s alone, against 0.04 s after).
  const save = storeDir !== '';
  await runCase({ target: 'pipeline', gen: 'warm-up', source: 'warm.txt', save, bytes: new TextEncoder().encode('At least 3 people were killed in Kabul on Friday, police said.') }, save ? { ctx, store: currentStore } : { ctx });
}

async function main(): Promise<void> {
  setFeedParser(await dossierFeedReader());
  await warmUp();
  // One case at a time: the runner sends the next only after this answer.
  process.on('message', (m: ToChild) => {
    void handle(m).then((r) => process.send!(r));
  });
  process.on('disconnect', () => {
    void (store?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
  process.send!({ type: 'ready', totalCpuMs: cpuNow() } satisfies FromChild);
}

void main();
