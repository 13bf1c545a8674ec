/**
 * The fuzzing harness (issue 13): random and mutated inputs through intake, the whole pipeline and
 * the feed reader, each in a child process that is killed if it hangs. See docs/fuzzing.md.
 *
 *   npm run fuzz -- --runs N [--seed S] [--skip N] [--target intake|pipeline|feeds|all] [--out DIR] [--jobs J]
 *                   [--budget-ms 2000] [--kill-ms 20000] [--time-limit SECONDS] [--no-minimize] [--json]
 *
 * Exit codes: 0 no failure, 1 failures found (written under --out), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { fuzz, FUZZ_CHUNK, FUZZ_TARGETS, type FuzzSummary, type FuzzTarget } from '../src/fuzz/index.js';

const USAGE = 'usage: npm run fuzz -- --runs N [--seed S] [--skip N] [--target intake|pipeline|feeds|all] [--out DIR] [--jobs J] [--budget-ms MS] [--kill-ms MS] [--time-limit S] [--no-minimize] [--json]';

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
  return `[fuzz] seed ${s.seed}: ${s.inputs} inputs in ${s.seconds.toFixed(0)} s, ${s.perSecond.toFixed(1)}/s; ${t}; max CPU ${Math.round(s.maxCpuMs)} ms, max wall ${Math.round(s.maxWallMs)} ms; ${s.failures.length} distinct failures`;
}

async function main(): Promise<void> {
  let a;
  try {
    a = parseArgs({
      options: {
        runs: { type: 'string' }, seed: { type: 'string' }, skip: { type: 'string' }, target: { type: 'string' }, out: { type: 'string' }, jobs: { type: 'string' },
        'budget-ms': { type: 'string' }, 'kill-ms': { type: 'string' }, 'time-limit': { type: 'string' }, 'minimize-ms': { type: 'string' },
        'no-minimize': { type: 'boolean' }, json: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }
  const target = a.target ?? 'all';
  if (target !== 'all' && !FUZZ_TARGETS.includes(target as FuzzTarget)) usage(`--target must be intake, pipeline, feeds or all (got "${target}")`);
  const targets: FuzzTarget[] = target === 'all' ? [...FUZZ_TARGETS] : [target as FuzzTarget];
  const budgetMs = int('budget-ms', a['budget-ms'], 2000, 1);
  const skip = int('skip', a.skip, 0, 0);
  if (skip % FUZZ_CHUNK !== 0) usage(`--skip must be a multiple of ${FUZZ_CHUNK} (got ${skip})`);
  const summary = await fuzz({
    runs: int('runs', a.runs, 1000, 1),
    seed: int('seed', a.seed, Date.now() % 1_000_000, 0),
    skip,
    targets,
    out: a.out ?? 'fuzz-failures',
    jobs: int('jobs', a.jobs, 1, 1),
    budgetMs,
    killMs: int('kill-ms', a['kill-ms'], Math.max(20_000, budgetMs * 10), 1),
    minimize: !a['no-minimize'],
    minimizeMs: int('minimize-ms', a['minimize-ms'], 120_000, 0),
    timeLimitS: a['time-limit'] === undefined ? null : int('time-limit', a['time-limit'], 0, 1),
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

void main();
