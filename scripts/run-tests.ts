/**
 * `npm test`: every test file of the build, through node:test, the slowest started first (issue 11).
 *
 * Why not `node --test dist/src/`: that starts the files in path order, so a long file late in the
 * alphabet (the browser tests, `server/web.e2e.test.js`, 30 s alone) starts when the rest is nearly
 * done and runs on one core while the other waits. Starting the longest files first (the classic
 * longest-processing-time rule) lets the short ones fill in around them. The files' durations come from
 * scripts/test-times.json, written by the last `--record` run; a file it does not know yet starts
 * with the files of median length.
 *
 * Several files wait much of their time (for Chromium, for PostgreSQL, for child processes), so one
 * more file runs than there are cores (CONCURRENCY_OVER_CORES).
 *
 * Usage: `node dist/scripts/run-tests.js [--record] [--concurrency N] [FILE…]` (FILE: a built test
 * file, e.g. dist/src/nlp/dates.test.js; none: all of dist/src). The exit status is 1 when a test fails
 * or none ran.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { REPO_ROOT } from '../src/testing/fixtures.js';
import { longestFirst } from '../src/testing/test-order.js';

/** Files run at once beyond the number of cores (see above). */
const CONCURRENCY_OVER_CORES = 1;
/** At least this many at once, whatever the machine. */
const MIN_CONCURRENCY = 2;
const TESTS_DIR = join(REPO_ROOT, 'dist', 'src');
const TIMES_FILE = join(REPO_ROOT, 'scripts', 'test-times.json');

/** Every built test file under `dir`, relative to TESTS_DIR. */
function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(p));
    else if (e.name.endsWith('.test.js')) out.push(relative(TESTS_DIR, p));
  }
  return out;
}

function readTimes(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(TIMES_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

interface Tally {
  failed: number;
  passed: number;
  /** Seconds per file: the sum of its top-level tests' durations. */
  seconds: Map<string, number>;
}

/** Passes every event on to the reporter, counting results and each file's time as they go by. */
function tallying(t: Tally): Transform {
  return new Transform({
    objectMode: true,
    transform(ev: { type: string; data: { nesting: number; file?: string; details?: { duration_ms?: number; type?: string } } }, _enc, done) {
      const d = ev.data;
      if ((ev.type === 'test:pass' || ev.type === 'test:fail') && d.nesting === 0 && d.file) {
        const f = relative(TESTS_DIR, d.file);
        t.seconds.set(f, (t.seconds.get(f) ?? 0) + (d.details?.duration_ms ?? 0) / 1000);
      }
      if (ev.type === 'test:fail' && d.details?.type !== 'suite') t.failed++;
      if (ev.type === 'test:pass' && d.details?.type !== 'suite') t.passed++;
      done(null, ev);
    },
  });
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { record: { type: 'boolean' }, concurrency: { type: 'string' } } });
  const asked = values.concurrency === undefined ? null : Number(values.concurrency);
  if (asked !== null && !(Number.isInteger(asked) && asked >= 1)) {
    process.stderr.write(`run-tests: --concurrency takes a whole number of at least 1, not "${values.concurrency}"\n`);
    process.exit(2);
  }
  const concurrency = asked ?? Math.max(MIN_CONCURRENCY, availableParallelism() + CONCURRENCY_OVER_CORES - 1);
  const chosen = positionals.length ? positionals.map((p) => relative(TESTS_DIR, resolve(p))) : testFiles(TESTS_DIR);
  const files = longestFirst(chosen, readTimes()).map((f) => join(TESTS_DIR, f));
  const tally: Tally = { failed: 0, passed: 0, seconds: new Map() };
  const reporter = run({ files, concurrency }).pipe(tallying(tally)).pipe(new spec());
  reporter.pipe(process.stdout);
  reporter.on('end', () => {
    if (values.record && !tally.failed) {
      const times = Object.fromEntries([...tally.seconds].sort((a, b) => b[1] - a[1]).map(([f, s]) => [f, Math.round(s * 10) / 10]));
      writeFileSync(TIMES_FILE, JSON.stringify(times, null, 1) + '\n');
    }
    process.exitCode = tally.failed || !tally.passed ? 1 : 0;
  });
}

main();
