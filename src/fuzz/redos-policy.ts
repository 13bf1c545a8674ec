import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SRC_DIR, type RegexVerdict } from './redos.js';

/**
 * What the ReDoS check allows. Exponential backtracking is never allowed. The polynomial patterns
 * (an attack of n characters costs n² to n⁴ steps, by recheck's rating) that are not rewritten are
 * listed in redos-baseline.json, each with why it cannot be driven far (BaselineEntry.why). A
 * vulnerable pattern not in the list fails the check, so no new one gets in; a rewritten one is
 * dropped from the list with `npm run redos -- --write-baseline`.
 */
export const BASELINE_FILE = join(SRC_DIR, 'fuzz', 'redos-baseline.json');

export interface BaselineEntry {
  where: string;
  complexity: string;
  flags: string;
  source: string;
  /**
   * Why the pattern cannot be driven far in Dossier, checked one by one: the window its callers cut
   * (a quadratic pattern on at most 90 characters), or its time on recheck's own attack string at
   * three sizes (`npm run redos -- --measure`), linear in V8 where recheck's rating is not.
   * Empty for a pattern not yet looked at: the tests refuse that.
   */
  why: string;
}

export function readBaseline(): BaselineEntry[] {
  try {
    return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as BaselineEntry[];
  } catch {
    return [];
  }
}

export function writeBaseline(verdicts: readonly RegexVerdict[]): number {
  // A pattern still listed keeps the reason written for it.
  const whys = new Map(readBaseline().map((b) => [`${b.flags}/${b.source}`, b.why ?? '']));
  const entries: BaselineEntry[] = verdicts
    .filter((v) => v.status === 'vulnerable' && v.complexity.startsWith('polynomial'))
    .map((v) => ({ where: v.where.replace(/:\d+$/, ''), complexity: v.complexity, flags: v.flags, source: v.source, why: whys.get(`${v.flags}/${v.source}`) ?? '' }))
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

/** Sizes of recheck's attack string (pumps repeated this often) that `npm run redos -- --measure` times. */
export const MEASURE_PUMPS = [500, 2_000, 8_000] as const;

export interface Growth {
  entry: BaselineEntry;
  /** Characters and milliseconds of one global scan, per size; empty when recheck gives no attack. */
  runs: { chars: number; ms: number }[];
}

interface Attack {
  prefix: string;
  pumps: { prefix: string; pump: string }[];
  suffix: string;
}

/**
 * Each baseline pattern on recheck's own attack string, pumped to three sizes, timed in V8: a pattern
 * whose time grows as its input (×4 the characters, about ×4 the time) is linear here whatever its
 * rating. A benchmark for the record (docs/fuzzing.md), not a test.
 */
export async function measureBaseline(check: (s: string, f: string, p: object) => Promise<{ attack?: Attack }>): Promise<Growth[]> {
  const out: Growth[] = [];
  for (const entry of readBaseline()) {
    const d = await check(entry.source, entry.flags.replace(/[^dgimsuvy]/g, ''), { timeout: 30_000 });
    const runs: Growth['runs'] = [];
    const a = d.attack;
    if (a) {
      const re = new RegExp(entry.source, entry.flags.includes('g') ? entry.flags : `${entry.flags}g`);
      for (const n of MEASURE_PUMPS) {
        const s = a.prefix + a.pumps.map((p) => p.prefix + p.pump.repeat(n)).join('') + a.suffix;
        const t = performance.now();
        re.lastIndex = 0;
        while (re.exec(s) && re.lastIndex !== 0) {
          // Every match of a global scan, as the pipeline runs its rules.
        }
        runs.push({ chars: s.length, ms: performance.now() - t });
      }
    }
    out.push({ entry, runs });
  }
  return out;
}
