import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SRC_DIR, type RegexVerdict } from './redos.js';

/**
 * What the ReDoS check allows. Exponential backtracking is never allowed. The polynomial patterns
 * (an attack of n characters costs n² to n⁴ steps) the first full check found and that are not yet
 * rewritten are listed in redos-baseline.json: most read a sentence (at most 4 000 characters) or a
 * short window of one, where n² stays small, but none has been proven bounded one by one yet. A
 * vulnerable pattern not in the list fails the check, so no new one gets in; a rewritten one is
 * dropped from the list with `npm run redos -- --write-baseline`.
 */
export const BASELINE_FILE = join(SRC_DIR, 'fuzz', 'redos-baseline.json');

export interface BaselineEntry {
  where: string;
  complexity: string;
  flags: string;
  source: string;
}

export function readBaseline(): BaselineEntry[] {
  try {
    return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as BaselineEntry[];
  } catch {
    return [];
  }
}

export function writeBaseline(verdicts: readonly RegexVerdict[]): number {
  const entries: BaselineEntry[] = verdicts
    .filter((v) => v.status === 'vulnerable' && v.complexity.startsWith('polynomial'))
    .map((v) => ({ where: v.where.replace(/:\d+$/, ''), complexity: v.complexity, flags: v.flags, source: v.source }))
    .sort((a, b) => (a.where + a.source < b.where + b.source ? -1 : 1));
  writeFileSync(BASELINE_FILE, JSON.stringify(entries, null, 1) + '\n');
  return entries.length;
}

/** Import the modules that hold rule tables and run the pipeline over the samples, so the patterns they build are recorded. */
export async function loadPipelineRegexes(): Promise<void> {
  const { loadSeeds } = await import('./mutate.js');
  const { intakeBuffer } = await import('../intake/index.js');
  const { runPipeline } = await import('../pipeline/index.js');
  await import('../export/index.js');
  await import('../classify/index.js');
  for (const s of loadSeeds()) {
    try {
      runPipeline(intakeBuffer(s.bytes, s.name));
    } catch {
      // A seed intake refuses still loaded the modules.
    }
  }
}

export interface Judged {
  /** Exponential anywhere, or polynomial and not in the baseline. */
  failing: RegexVerdict[];
  /** Polynomial and in the baseline. */
  known: RegexVerdict[];
  /** recheck gave up (timeout): neither proven safe nor shown vulnerable. */
  unknown: RegexVerdict[];
}

export function judgeVerdicts(verdicts: readonly RegexVerdict[], baseline: readonly BaselineEntry[] = readBaseline()): Judged {
  const known = new Set(baseline.map((b) => `${b.flags}/${b.source}`));
  const out: Judged = { failing: [], known: [], unknown: [] };
  for (const v of verdicts) {
    if (v.status === 'unknown') out.unknown.push(v);
    if (v.status !== 'vulnerable') continue;
    if (v.complexity.startsWith('polynomial') && known.has(`${v.flags}/${v.source}`)) out.known.push(v);
    else out.failing.push(v);
  }
  return out;
}
