/**
 * The fuzzing harness (issue 13): random and mutated inputs through intake, the whole pipeline and
 * the feed reader, each in a child process that is killed if it hangs. See docs/fuzzing.md.
 *
 *   npm run fuzz -- --runs N [--seed S] [--skip N] [--target intake|pipeline|feeds|all] [--out DIR] [--jobs J]
 *                   [--budget-ms 2000] [--kill-ms 20000] [--time-limit SECONDS] [--no-minimize] [--json]
 *   npm run fuzz -- --replay FILE_OR_DIR... [--repeat 3]   (saved failures run again, alone)
 *
 * Exit codes: 0 no failure, 1 failures found (written under --out), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureFiles, fuzz, FUZZ_CHUNK, FUZZ_TARGETS, replayFailures, type FuzzSummary, type FuzzTarget } from '../src/fuzz/index.js';

const USAGE = 'usage: npm run fuzz -- --runs N [--seed S] [--skip N] [--target intake|pipeline|feeds|all] [--out DIR] [--jobs J] [--budget-ms MS] [--kill-ms MS] [--time-limit S] [--no-minimize] [--json]\n       npm run fuzz -- --replay FILE_OR_DIR... [--repeat 3] [--budget-ms MS]';

function usage(msg: string): never {
  process.stderr.write(`fuzz: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function int(name: string, v: string | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min) usage(`--${name} must be a whole number ≥ ${min} (got "${v}")`);
  return Number(v);
}

function line(s: FuzzSummary): string {
  const t = Object.entries(s.byTarget).map(([k, c]) => `${k} ${c.inputs} (ok ${c.ok}, rejected ${c.rejected}, failed ${c.failures})`).join('; ');
  return `[fuzz] seed ${s.seed}: ${s.inputs} inputs in ${s.seconds.toFixed(0)} s, ${s.perSecond.toFixed(1)}/s; ${t}; max CPU ${Math.round(s.maxCpuMs)} ms, max wall ${Math.round(s.maxWallMs)} ms; ${s.slowOnce} slow once, not again; ${s.failures.length} distinct failures`;
}

async function main(): Promise<void> {
  let a;
  try {
    a = parseArgs({
      options: {
        runs: { type: 'string' }, seed: { type: 'string' }, skip: { type: 'string' }, target: { type: 'string' }, out: { type: 'string' }, jobs: { type: 'string' },
        'budget-ms': { type: 'string' }, 'kill-ms': { type: 'string' }, 'time-limit': { type: 'string' }, 'minimize-ms': { type: 'string' },
        'no-minimize': { type: 'boolean' }, json: { type: 'boolean' }, replay: { type: 'boolean' }, repeat: { type: 'string' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    usage((e as Error).message);
  }
  const budget = int('budget-ms', a.values['budget-ms'], 2000, 1);
  if (a.values.replay) return replay(a.positionals, int('repeat', a.values.repeat, 3, 1), budget);
  if (a.positionals.length) usage(`unexpected argument "${a.positionals[0]}" (saved failures are run again with --replay)`);
  await run(a.values, budget);
}

/** The fuzzing run itself. */
async function run(a: Record<string, string | boolean | undefined>, budgetMs: number): Promise<void> {
  const str = (k: string): string | undefined => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
  const target = str('target') ?? 'all';
  if (target !== 'all' && !FUZZ_TARGETS.includes(target as FuzzTarget)) usage(`--target must be intake, pipeline, feeds or all (got "${target}")`);
  const targets: FuzzTarget[] = target === 'all' ? [...FUZZ_TARGETS] : [target as FuzzTarget];
  const skip = int('skip', str('skip'), 0, 0);
  if (skip % FUZZ_CHUNK !== 0) usage(`--skip must be a multiple of ${FUZZ_CHUNK} (got ${skip})`);
  const summary = await fuzz({
    runs: int('runs', str('runs'), 1000, 1),
    seed: int('seed', str('seed'), Date.now() % 1_000_000, 0),
    skip,
    targets,
    out: str('out') ?? 'fuzz-failures',
    jobs: int('jobs', str('jobs'), 1, 1),
    budgetMs,
    killMs: int('kill-ms', str('kill-ms'), Math.max(20_000, budgetMs * 10), 1),
    minimize: !a['no-minimize'],
    minimizeMs: int('minimize-ms', str('minimize-ms'), 120_000, 0),
    timeLimitS: str('time-limit') === undefined ? null : int('time-limit', str('time-limit'), 0, 1),
    onProgress: a.json ? undefined : (s) => process.stderr.write(`${line(s)}; next input ${skip + s.inputs}\n`),
  });
  if (a.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    process.stdout.write(line(summary) + '\n');
    process.stdout.write(`rejections by code: ${JSON.stringify(summary.byCode)}\n`);
    if (summary.slowest) process.stdout.write(`slowest input: ${JSON.stringify(summary.slowest)}\n`);
    const t = summary.times;
    const overhead = t.parentCpuMs + Math.max(0, t.childCpuMs - t.caseCpuMs - t.warmUpCpuMs);
    process.stdout.write(`time: fuzzing ${t.fuzzSeconds.toFixed(0)} s, minimizing ${t.minimizeSeconds.toFixed(0)} s; CPU: cases ${(t.caseCpuMs / 1000).toFixed(1)} s, child start-ups ${(t.warmUpCpuMs / 1000).toFixed(1)} s, harness ${(overhead / 1000).toFixed(1)} s (parent ${(t.parentCpuMs / 1000).toFixed(1)} s)\n`);
    for (const f of summary.failures) process.stdout.write(`FAILURE ${f.target} ${f.kind} (${f.gen}, ${f.originalBytes} → ${f.minimizedBytes} bytes, ${f.repeats} repeats): ${f.message}\n  ${f.file}\n`);
  }
  process.exitCode = summary.failures.length ? 1 : 0;
}

/** `--replay`: saved failures run again, alone, each `repeat` times; exit code 1 when one still fails, 2 when one cannot be read. */
async function replay(paths: string[], repeat: number, budgetMs: number): Promise<void> {
  if (!paths.length) usage('--replay needs failure files or folders (the .input files a run wrote)');
  let files: string[];
  try {
    files = failureFiles(paths);
  } catch (e) {
    usage((e as Error).message);
  }
  const results = await replayFailures(files, repeat, { budgetMs, killMs: Math.max(20_000, budgetMs * 10), storeDir: join(tmpdir(), `dossier-replay-${process.pid}`) });
  let still = 0;
  const unreadable = results.filter((r) => r.error);
  for (const r of unreadable) process.stdout.write(`UNREADABLE  ${r.file}: ${r.error}\n`);
  for (const r of results.filter((x) => !x.error)) {
    // As the run judges (confirmSlow): any other failure, or slow twice in a row.
    const fails = r.runs.filter((v, i) => v.failure && (v.failure.kind !== 'slow' || r.runs[i + 1]?.failure?.kind === 'slow'));
    if (fails.length) still++;
    const runs = r.runs.map((v) => `${Math.round(v.cpuMs)} ms${v.failure ? ` ${v.failure.kind}` : ''}`).join(', ');
    process.stdout.write(`${fails.length ? 'STILL FAILS' : 'passes    '}  ${r.target} ${r.gen} (${r.bytes} bytes): ${runs}\n  recorded: ${r.recorded}\n  ${r.file}\n`);
  }
  const read = results.length - unreadable.length;
  process.stdout.write(`${read} saved failures run ${repeat} times each: ${still} still fail, ${read - still} pass${unreadable.length ? `; ${unreadable.length} unreadable` : ''}\n`);
  process.exitCode = unreadable.length ? 2 : still ? 1 : 0;
}

void main();
