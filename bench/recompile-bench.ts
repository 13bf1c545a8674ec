/**
 * Benchmark (not a test): how much of V8's compiling in a cold ingest is compiling again, and where
 * the deoptimisations behind it are (issue 11).
 *
 *   npm run bench:recompiles -- [--data ../shared/eval/muc4/train.jsonl] [--limit N] [--top N] [--json]
 *
 * It runs itself again under `node --trace-opt --trace-deopt-verbose`. The child warms the pipeline on
 * the first WARMUP_DOCS documents, as ingest-bench does, prints a marker, then ingests every document
 * end to end into a fresh SQLite store, INGEST_BATCH_DOCS per transaction, as `dossier ingest` does.
 * The parent reads V8's trace after the marker: each optimised compile (the function and V8's own
 * milliseconds for it, on its compiler thread) and each deoptimisation (its reason and source
 * position). A function's compiles after its first are recompiles, and the positions are where to
 * look. Why it matters: V8's compiling was a quarter of a cold ingest's CPU, and a recompile is a
 * whole function's compile again (docs/benchmarks.md, "Fifteenth pass").
 *
 * V8's compile times are wall times on a shared machine: compare runs of one build, not single runs.
 * Exit codes: 0 the bench ran, 1 the traced ingest failed (its error is printed), 2 usage error or a
 * missing or malformed data file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, benchUsage } from './args.js';
import { readBenchDocs } from './muc4-docs.js';
import { intakeBuffer } from '../src/intake/index.js';
import { INGEST_BATCH_DOCS, runPipeline, saveExtracted } from '../src/pipeline/index.js';
import { openStore } from '../src/store/index.js';
import { tuneCompiler } from '../src/cli/compiler-tuning.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_DATA = resolve(ROOT, '..', 'shared', 'eval', 'muc4', 'train.jsonl');
const USAGE = 'usage: npm run bench:recompiles -- [--data FILE.jsonl] [--limit N] [--top N] [--json]';
/** As ingest-bench: the first documents warm the pipeline before anything is counted. */
const WARMUP_DOCS = 20;
/** The line the child prints when the counted part starts. */
const MARKER = '@@dossier-recompile-bench: timed';
const DEFAULT_TOP = 20;
/** V8's verbose deoptimisation trace of a whole ingest is a few megabytes. */
const MAX_TRACE_BYTES = 512 * 1024 * 1024;

interface Doc {
  id: string;
  bytes: Buffer;
}

function loadDocs(path: string, limit: number | null): Doc[] {
  return readBenchDocs('recompile-bench', USAGE, path, limit).map((d) => ({ id: d.docid, bytes: Buffer.from(d.doctext) }));
}

/** The child: warm-up, the marker, then one cold end-to-end ingest. */
async function child(path: string, limit: number | null): Promise<void> {
  tuneCompiler();
  const docs = loadDocs(path, limit);
  const intake = (d: Doc) => intakeBuffer(d.bytes, `muc4:${d.id}`, 'text');
  for (const d of docs.slice(0, WARMUP_DOCS)) runPipeline(intake(d));
  process.stdout.write(`${MARKER}\n`);
  const tmp = mkdtempSync(join(tmpdir(), 'dossier-recompile-'));
  try {
    const store = await openStore(join(tmp, 'bench.db'));
    for (let i = 0; i < docs.length; i += INGEST_BATCH_DOCS) {
      const extracted = docs.slice(i, i + INGEST_BATCH_DOCS).map((d) => {
        const doc = intake(d);
        return [doc, runPipeline(doc)] as const;
      });
      await store.transaction(async () => {
        for (const [doc, st] of extracted) await saveExtracted(store, doc, st);
      });
    }
    await store.close();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface FunctionFigures {
  name: string;
  compiles: number;
  /** V8's compile milliseconds for the compiles after this function's first (in the whole run). */
  recompileMs: number;
  recompiles: number;
  deopts: string[];
}

interface RecompileFigures {
  compiles: number;
  compileMs: number;
  recompiles: number;
  recompileMs: number;
  deopts: number;
  functions: FunctionFigures[];
}

const COMPILED = /completed compiling .*?<JSFunction (\S*) \(sfi = (\w+)\)>.*? took [\d.]+, ([\d.]+), [\d.]+ ms/;
const BAILOUT = /\[bailout \(kind: [^,]*, reason: ([^)]*)\).*?<JSFunction (\S*) \(sfi = (\w+)\)>/;
const DEOPT_AT = /deoptimize at <([^>]*)>/;

/**
 * V8's trace read: the compiles and deoptimisations after the marker, by function (its shared
 * function info: one function, whatever its closures). A function compiled before the marker counts
 * every compile after it as a recompile.
 */
function readTrace(trace: string, root = ROOT): RecompileFigures {
  const byFn = new Map<string, FunctionFigures & { before: boolean }>();
  const fn = (name: string, sfi: string) => {
    let f = byFn.get(sfi);
    if (!f) byFn.set(sfi, (f = { name: name || '(anonymous)', compiles: 0, recompiles: 0, recompileMs: 0, deopts: [], before: false }));
    return f;
  };
  const lines = trace.split('\n');
  const fileUrl = `file://${root}/`;
  let timed = false;
  const totals = { compiles: 0, compileMs: 0, deopts: 0 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === MARKER) timed = true;
    const c = COMPILED.exec(line);
    if (c) {
      const f = fn(c[1]!, c[2]!);
      if (!timed) f.before = true;
      else {
        const ms = Number(c[3]);
        totals.compiles++;
        totals.compileMs += ms;
        if (f.before || f.compiles > 0) {
          f.recompiles++;
          f.recompileMs += ms;
        }
        f.compiles++;
      }
      continue;
    }
    const b = timed ? BAILOUT.exec(line) : null;
    if (!b) continue;
    totals.deopts++;
    const at = lines.slice(i + 1, i + 40).map((l) => DEOPT_AT.exec(l)?.[1]).find((x) => x !== undefined) ?? '?';
    fn(b[2]!, b[3]!).deopts.push(`${b[1]} at ${at.split(fileUrl).join('')}`);
  }
  const functions = [...byFn.values()].filter((f) => f.recompiles > 0 || f.deopts.length > 0).map(({ before: _, ...f }) => f);
  functions.sort((a, b) => b.recompileMs - a.recompileMs || b.deopts.length - a.deopts.length);
  const recompiles = functions.reduce((n, f) => n + f.recompiles, 0);
  const recompileMs = functions.reduce((n, f) => n + f.recompileMs, 0);
  return { ...totals, recompiles, recompileMs, functions };
}

function print(r: RecompileFigures, top: number): void {
  const n = (x: number): string => x.toFixed(0);
  const lines = [
    'Dossier recompile bench: one cold end-to-end ingest after the warm-up, under --trace-opt --trace-deopt-verbose',
    `  optimised compiles          ${r.compiles}, ${n(r.compileMs)} ms of V8's compile time`,
    `  of which compiled again     ${r.recompiles}, ${n(r.recompileMs)} ms`,
    `  deoptimisations             ${r.deopts}`,
    '',
    `The functions compiled again, most compile time first (${Math.min(top, r.functions.length)} of ${r.functions.length}):`,
    ...r.functions.slice(0, top).map((f) => `  ${n(f.recompileMs).padStart(5)} ms  ${String(f.recompiles).padStart(2)}×  ${f.name}${f.deopts.length ? `  — ${f.deopts.join('; ')}` : ''}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const values = benchArgs('recompile-bench', USAGE, {
    data: { type: 'string' }, limit: { type: 'string' }, top: { type: 'string' }, json: { type: 'boolean' }, child: { type: 'boolean' },
  });
  const whole = (v: string | undefined, flag: string): number | null => {
    if (v === undefined) return null;
    if (!/^\d+$/.test(v) || Number(v) < 1) benchUsage('recompile-bench', USAGE, `${flag} takes a positive whole number`);
    return Number(v);
  };
  const limit = whole(values.limit, '--limit');
  const top = whole(values.top, '--top') ?? DEFAULT_TOP;
  const data = values.data ? resolve(values.data) : DEFAULT_DATA;
  if (!existsSync(data)) {
    process.stderr.write(`recompile-bench: data file not found: ${data}\n${USAGE}\n`);
    return 2;
  }
  if (values.child) {
    await child(data, limit);
    return 0;
  }
  // Read here first, so that a bad file is a usage error of this process, not a failure of the child.
  loadDocs(data, limit);
  const args = ['--trace-opt', '--trace-deopt-verbose', fileURLToPath(import.meta.url), '--child', '--data', data, ...(limit ? ['--limit', String(limit)] : [])];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: MAX_TRACE_BYTES });
  if (run.error) throw run.error;
  if (run.status !== 0) {
    process.stderr.write(`recompile-bench: the traced ingest exited ${run.status ?? run.signal}:\n${run.stderr.slice(-2000)}`);
    return 1;
  }
  const r = readTrace(run.stdout);
  if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else print(r, top);
  return 0;
}

process.exitCode = await main();
