/**
 * Benchmark (not a test): ingest on SQLite in one process, then on PostgreSQL through the queue with
 * 1, 2 and 4 worker processes (issue 11). See docs/benchmarks.md ("Workers on PostgreSQL").
 *
 *   npm run bench:scale -- [--docs 300] [--data ../shared/eval/muc4/train.jsonl] [--workers 1,2,4]
 *                          [--pg postgres://postgres@127.0.0.1:5432/dossier_scale] [--json]
 *
 * The documents are MUC-4 texts (JSONL of {docid, doctext}) written to a temporary folder as .txt
 * files, so every run reads real files through the real CLI: `dossier ingest DIR` on SQLite, then for
 * each worker count a fresh database, `dossier ingest DIR --queue` and `dossier worker --concurrency N
 * --until-idle` timed. Figures are ratios in one run: documents/s against the SQLite process, and each
 * worker process's peak RSS (every process prints its own at exit). With W workers on C cores the
 * speed-up cannot pass min(W, C).
 *
 * Exit codes: 0 the bench ran, 2 usage error or missing data.
 */
import { benchArgs, benchUsage } from './args.js';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recreatePgDatabase } from './bench-db.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const DEFAULT_DATA = resolve(ROOT, '..', 'shared', 'eval', 'muc4', 'train.jsonl');
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/dossier_scale';
const DEFAULT_DOCS = 300;
/** Every node process this bench starts prints its peak RSS when it exits (worker children inherit it). */
const RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nbench-maxrss-kib "+process.resourceUsage().maxRSS+"\\n"))';
const RSS_LINE = /^bench-maxrss-kib (\d+)$/gm;
const WORDS = /\S+/g;

interface Run {
  label: string;
  processes: number;
  seconds: number;
  docsPerSec: number;
  wordsPerSec: number;
  /** Peak RSS of each process, MiB, largest first. */
  peakRssMiB: number[];
}

const USAGE = 'usage: npm run bench:scale -- [--docs N] [--data FILE.jsonl] [--workers 1,2,4] [--pg URL] [--json]';

function usage(msg: string): never {
  return benchUsage('scale-bench', USAGE, msg);
}

/** The first N texts of the JSONL, written as files; returns the folder and the word count. */
function writeCorpus(data: string, n: number): { dir: string; words: number; docs: number } {
  if (!existsSync(data)) usage(`data file not found: ${data} (the MUC-4 texts are not in the repository; pass --data)`);
  const dir = mkdtempSync(join(tmpdir(), 'dossier-scale-'));
  let words = 0;
  const lines = readFileSync(data, 'utf8').split('\n').filter(Boolean).slice(0, n);
  lines.forEach((line, i) => {
    const text = (JSON.parse(line) as { doctext: string }).doctext;
    words += text.match(WORDS)?.length ?? 0;
    writeFileSync(join(dir, `doc-${String(i).padStart(5, '0')}.txt`), text);
  });
  return { dir, words, docs: lines.length };
}

/** Run the CLI with the RSS hook; fail loudly if it fails. */
function cli(args: string[]): { seconds: number; rss: number[] } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`dossier ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = [...r.stderr.matchAll(RSS_LINE)].map((m) => Number(m[1]) / 1024).sort((a, b) => b - a);
  return { seconds, rss };
}

function runOf(label: string, processes: number, t: { seconds: number; rss: number[] }, c: { docs: number; words: number }): Run {
  return { label, processes, seconds: t.seconds, docsPerSec: c.docs / t.seconds, wordsPerSec: c.words / t.seconds, peakRssMiB: t.rss };
}

async function main(): Promise<void> {
  const values = benchArgs('scale-bench', USAGE, { docs: { type: 'string' }, data: { type: 'string' }, workers: { type: 'string' }, pg: { type: 'string' }, json: { type: 'boolean' } });
  const n = values.docs === undefined ? DEFAULT_DOCS : Number(values.docs);
  if (!(Number.isInteger(n) && n > 0)) usage('--docs takes a positive whole number');
  const workers = (values.workers ?? '1,2,4').split(',').map(Number);
  if (workers.some((w) => !(Number.isInteger(w) && w > 0 && w <= 64))) usage('--workers takes a list of process counts, like 1,2,4');
  const corpus = writeCorpus(values.data ?? DEFAULT_DATA, n);
  const pgUrl = values.pg ?? DEFAULT_PG;
  const runs: Run[] = [];
  try {
    const db = join(corpus.dir, 'scale.db');
    runs.push(runOf('SQLite, one process (`dossier ingest`)', 1, cli(['ingest', corpus.dir, '--db', db]), corpus));
    for (const w of workers) {
      await recreatePgDatabase(pgUrl);
      cli(['ingest', corpus.dir, '--queue', '--db', pgUrl]);
      runs.push(runOf(`PostgreSQL, ${w} worker${w === 1 ? '' : 's'}`, w, cli(['worker', '--db', pgUrl, '--concurrency', String(w), '--until-idle']), corpus));
    }
  } finally {
    rmSync(corpus.dir, { recursive: true, force: true });
  }
  report(runs, corpus, values.json === true);
}

function report(runs: Run[], corpus: { docs: number; words: number }, json: boolean): void {
  const base = runs[0]!;
  if (json) {
    process.stdout.write(`${JSON.stringify({ docs: corpus.docs, words: corpus.words, cores: cpus().length, runs }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Workers benchmark — ${corpus.docs} MUC-4 documents, ${corpus.words} words, ${cpus().length} cores\n`);
  process.stdout.write('| run | wall | docs/s | words/s | × SQLite | peak RSS per process |\n|---|---|---|---|---|---|\n');
  for (const r of runs) {
    process.stdout.write(`| ${r.label} | ${r.seconds.toFixed(1)} s | ${r.docsPerSec.toFixed(1)} | ${r.wordsPerSec.toFixed(0)} | ${(r.docsPerSec / base.docsPerSec).toFixed(2)}× | ${r.peakRssMiB.map((x) => x.toFixed(0)).join(', ')} MiB |\n`);
  }
}

await main();
