import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DossierError } from '../model/index.js';
import { FUZZ_TARGETS, type FuzzCase, type FuzzTarget } from './cases.js';
import { Slot, type SlotOptions, type Verdict } from './runner.js';

/**
 * Saved failures run again, alone (`npm run fuzz -- --replay DIR`): a failure found in a long run on
 * a shared machine may be the machine's, not the input's. A `slow` input of 3 KB that took 2.9 s of
 * CPU while benchmarks ran takes 40–160 ms alone; a 150 KB one that took 6.9 s still does (it was
 * quadratic). Each input runs `repeats` times in one warmed child, as the run ran it.
 */

export interface Replayed {
  /** The .input file. */
  file: string;
  target: FuzzTarget;
  gen: string;
  /** The failure the run recorded: "slow: took 2868 ms of CPU (budget 2000 ms)". */
  recorded: string;
  bytes: number;
  runs: Verdict[];
  /** Why the saved failure could not be read (no record beside it, a record of something else); then no runs. */
  error?: string;
}

/** The .input files under the paths (a folder gives its own, by name), each with its .json beside it. */
export function failureFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new DossierError('E_INPUT_MISSING', 'no such file or folder', p);
    }
    if (st.isDirectory()) out.push(...readdirSync(p).filter((f) => f.endsWith('.input')).sort().map((f) => join(p, f)));
    else out.push(p);
  }
  return out;
}

/** The case a saved failure was, from its .input bytes and .json record. */
export function savedCase(file: string): { c: FuzzCase; recorded: string } {
  const metaFile = file.replace(/\.input$/, '.json');
  let meta: { target?: unknown; gen?: unknown; source?: unknown; format?: unknown; save?: unknown; failure?: { kind?: unknown; message?: unknown } };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as typeof meta;
  } catch (e) {
    throw new DossierError('E_USAGE', `a saved failure needs its record beside it (${(e as Error).message})`, metaFile);
  }
  if (!FUZZ_TARGETS.includes(meta.target as FuzzTarget) || typeof meta.source !== 'string') {
    throw new DossierError('E_USAGE', 'not a fuzz failure record (no target or source)', metaFile);
  }
  const c: FuzzCase = {
    target: meta.target as FuzzTarget,
    gen: String(meta.gen ?? 'replay'),
    source: meta.source,
    bytes: new Uint8Array(readFileSync(file)),
    ...(typeof meta.format === 'string' ? { format: meta.format as FuzzCase['format'] } : {}),
    ...(meta.save === true ? { save: true } : {}),
  };
  return { c, recorded: `${String(meta.failure?.kind ?? '?')}: ${String(meta.failure?.message ?? '')}` };
}

/** Run each saved failure `repeats` times in one child; an unreadable one is listed with its error. */
export async function replayFailures(files: readonly string[], repeats: number, slot: SlotOptions): Promise<Replayed[]> {
  const s = new Slot(slot);
  const out: Replayed[] = [];
  try {
    for (const file of files) {
      let saved;
      try {
        saved = savedCase(file);
      } catch (e) {
        // One unreadable record does not stop the others.
        out.push({ file, target: 'intake', gen: '?', recorded: '', bytes: 0, runs: [], error: (e as Error).message });
        continue;
      }
      const { c, recorded } = saved;
      const runs: Verdict[] = [];
      for (let i = 0; i < repeats; i++) runs.push(await s.run(c));
      out.push({ file, target: c.target, gen: c.gen, recorded, bytes: c.bytes.length, runs });
    }
  } finally {
    await s.close();
  }
  return out;
}
