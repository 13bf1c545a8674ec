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
 * Short files share a process (planProcesses in src/testing/test-order.ts): each process pays Node's
 * start and the gazetteer and model loads, which cost the short files more than their tests. A shared
 * process is a small module of imports written under dist/test-groups/ for the run; the reporter still
 * names each test's own file. `--isolate` gives every file its own process again.
 *
 * Twice as many processes run at once as there are cores (PROCESSES_PER_CORE; at least
 * MIN_CONCURRENCY). Much of the suite waits: on Chromium's frames, on child processes that are killed
 * or time out, on PostgreSQL, on recheck. With one process a core, a core sat idle for about a fifth
 * of the run (2026-12-02, SQLite suite on 2 cores: 98.7 s of wall time for 165 s of CPU). Measured
 * then in alternating runs, the SQLite suite took 98.2 and 109.0 s with 2 at once, 90.1, 97.9, 92.5
 * and 96.6 s with 3, and 85.2 and 93.0 s with 4; the whole suite with PostgreSQL 148.0 and 151.8 s
 * with 2, 141.9 and 147.5 s with 4. (On 2026-11-30, before the short files shared processes, a third
 * process had made the suite slower: 196 s against 180 s.)
 *
 * Usage: `node dist/scripts/run-tests.js [--record] [--isolate] [--concurrency N] [FILE…]` (FILE: a built
 * test file, e.g. dist/src/nlp/dates.test.js; none: all of dist/src). The exit status is 1 when a test
 * fails or none ran.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { REPO_ROOT } from '../src/testing/fixtures.js';
import { planProcesses, type TestProcess } from '../src/testing/test-order.js';

/** At least this many at once, whatever the machine. */
const MIN_CONCURRENCY = 2;
/** Processes at once for each core: the suite's files wait for much of their time (see above). */
const PROCESSES_PER_CORE = 2;
const TESTS_DIR = join(REPO_ROOT, 'dist', 'src');
const TIMES_FILE = join(REPO_ROOT, 'scripts', 'test-times.json');
/** This run's shared-process modules; one folder per run, so that two runs never share one. */
const GROUPS_DIR = join(REPO_ROOT, 'dist', 'test-groups', String(process.pid));

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

/** The file node:test starts for each process: the test file itself, or a module importing the group's. */
function entryFiles(plan: readonly TestProcess[]): string[] {
  return plan.map((p, i) => {
    if (p.files.length === 1) return join(TESTS_DIR, p.files[0]!);
    mkdirSync(GROUPS_DIR, { recursive: true });
    const file = join(GROUPS_DIR, `group-${String(i).padStart(2, '0')}.test.js`);
    writeFileSync(file, p.files.map((f) => `import ${JSON.stringify(pathToFileURL(join(TESTS_DIR, f)).href)};\n`).join(''));
    return file;
  });
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { record: { type: 'boolean' }, isolate: { type: 'boolean' }, concurrency: { type: 'string' } },
  });
  const asked = values.concurrency === undefined ? null : Number(values.concurrency);
  if (asked !== null && !(Number.isInteger(asked) && asked >= 1)) {
    process.stderr.write(`run-tests: --concurrency takes a whole number of at least 1, not "${values.concurrency}"\n`);
    process.exit(2);
  }
  const concurrency = asked ?? Math.max(MIN_CONCURRENCY, PROCESSES_PER_CORE * availableParallelism());
  const chosen = positionals.length ? positionals.map((p) => relative(TESTS_DIR, resolve(p))) : testFiles(TESTS_DIR);
  const files = entryFiles(planProcesses(chosen, readTimes(), !values.isolate));
  const tally: Tally = { failed: 0, passed: 0, seconds: new Map() };
  const reporter = run({ files, concurrency }).pipe(tallying(tally)).pipe(new spec());
  reporter.pipe(process.stdout);
  reporter.on('end', () => {
    rmSync(GROUPS_DIR, { recursive: true, force: true });
    if (values.record && !tally.failed) {
      const times = Object.fromEntries([...tally.seconds].sort((a, b) => b[1] - a[1]).map(([f, s]) => [f, Math.round(s * 10) / 10]));
      writeFileSync(TIMES_FILE, JSON.stringify(times, null, 1) + '\n');
    }
    process.exitCode = tally.failed || !tally.passed ? 1 : 0;
  });
}

main();
