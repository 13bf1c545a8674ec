/**
 * How `npm test` lays out its files (scripts/run-tests.ts): which share a process, and in what order
 * the processes start.
 *
 * Order: the longest first, so that the short ones fill in around them instead of one long file
 * running alone at the end (the longest-processing-time rule). A file with no recorded time counts as
 * one of median length.
 *
 * Sharing: every test process pays Node's start, the imports and the gazetteer and model loads before
 * its first test, about 1 s of CPU here, and far more on a machine where fresh memory is slow to touch
 * (measured 2026-11-30: 87 short files, 102 s of CPU as 87 processes, 24 s as one). So files shorter
 * than SHARE_BELOW of the longest run together in processes of about GROUP_SHARE of it each; longer files, whose
 * start is a small part of their time and which hold servers, browsers and child processes, keep a
 * process of their own. No test file sets a top-level beforeEach/afterEach, which would reach into its
 * neighbours' tests; src/testing/code-shape.test.ts keeps it so.
 */

/**
 * A file whose recorded tests take less than this share of the longest file's shares a process with
 * others. As shares, not seconds, so that times recorded on a faster or slower machine give the same
 * plan (here the browser tests are the longest: 30 s on one machine, 78 s on another).
 */
export const SHARE_BELOW = 0.2;
/**
 * A shared process is filled up to this share of the longest file: small enough that the groups still
 * spread over the cores (several groups, not one), large enough that the start-up is paid rarely.
 */
export const GROUP_SHARE = 0.4;

export function longestFirst(files: readonly string[], times: Readonly<Record<string, number>>): string[] {
  const cost = costOf(files, times);
  // Ties by path, so that the order is the same on every run.
  return [...files].sort((a, b) => cost(b) - cost(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** One test process: its files, and their recorded seconds in all. */
export interface TestProcess {
  files: string[];
  seconds: number;
}

/**
 * The processes to start, longest first: each long file alone, the short ones packed in order of
 * length into groups of about GROUP_SHARE of the longest file. `share: false` gives every file its own process, the
 * way to rule out one file disturbing another.
 */
export function planProcesses(files: readonly string[], times: Readonly<Record<string, number>>, share = true): TestProcess[] {
  const cost = costOf(files, times);
  const longest = Math.max(0, ...files.map(cost));
  const [alone, full] = [SHARE_BELOW * longest, GROUP_SHARE * longest];
  const out: TestProcess[] = [];
  let group: TestProcess | null = null;
  for (const f of longestFirst(files, times)) {
    const s = cost(f);
    if (!share || s >= alone) {
      out.push({ files: [f], seconds: s });
      continue;
    }
    if (!group || group.seconds + s > full) out.push((group = { files: [], seconds: 0 }));
    group.files.push(f);
    group.seconds += s;
  }
  return out.sort((a, b) => b.seconds - a.seconds);
}

function costOf(files: readonly string[], times: Readonly<Record<string, number>>): (f: string) => number {
  const known = files.map((f) => times[f]).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)]! : 0;
  return (f) => times[f] ?? median;
}
