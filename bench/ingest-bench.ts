/**
 * Benchmark (not a test): ingest plus extraction, end to end, on the MUC-4
 * train documents. See docs/benchmarks.md for what each figure means.
 *
 *   npm run bench -- [--data ../shared/eval/muc4/train.jsonl] [--limit N] [--json]
 *
 * Exit codes: 0 the bench ran (PASS/FAIL against the targets is
 * informational only), 2 usage error or missing data file.
 */
import { benchArgs, benchUsage } from './args.js';
import { readBenchDocs } from './muc4-docs.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intakeBuffer } from '../src/intake/index.js';
import type { Doc } from '../src/model/index.js';
import {
  countWords, defaultContext, INGEST_BATCH_DOCS, newState, PIPELINE_VERSION, processAndSave, runPipeline, saveExtracted, STAGES, type PipelineState,
} from '../src/pipeline/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { tuneCompiler } from '../src/cli/compiler-tuning.js';
import { measure, newAccount, processCpuSeconds, type Account } from './cpu-account.js';

/** Time from process start until this module's body runs (Node boot + imports, gazetteer not yet built). */
const MODULE_LOADED_MS = performance.now();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_DATA = resolve(ROOT, '..', 'shared', 'eval', 'muc4', 'train.jsonl');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** Targets from the issue; informational only. */
const TARGET_WORDS_PER_SEC_PER_CORE = 50_000;
const TARGET_PEAK_RSS_MB = 400;

const WARMUP_DOCS = 20;
const HELP_RUNS = 10;
const INCIDENTS_RUNS = 5;
const SMALL_DB_DOCS = 5;

interface Input {
  docid: string;
  bytes: Buffer;
  words: number;
}

interface RunFigures {
  documents: number;
  words: number;
  seconds: number;
  cpuSeconds: number;
  /** CPU seconds / wall seconds (user + system, all threads of this process). */
  cpuUtilisation: number;
  /** The main thread's own CPU seconds (the rest is V8's compiler and collector threads); null off Linux. */
  mainThreadCpuSeconds: number | null;
  wordsPerSec: number;
  docsPerSec: number;
  /** words/s divided by CPU utilisation = words per CPU-second. */
  wordsPerSecPerCore: number;
}

interface ColdStart {
  command: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const MB = 1024 * 1024;

const USAGE = 'usage: npm run bench -- [--data FILE.jsonl] [--limit N] [--json]';

function usage(msg: string): never {
  return benchUsage('ingest-bench', USAGE, msg);
}

function loadInputs(path: string, limit: number | null): Input[] {
  return readBenchDocs('ingest-bench', USAGE, path, limit).map((d) => ({ docid: d.docid, bytes: Buffer.from(d.doctext), words: countWords(d.doctext) }));
}

function intake(inp: Input): Doc {
  return intakeBuffer(inp.bytes, `muc4:${inp.docid}`, 'text');
}

let peakRssSampled = 0;
/**
 * process.memoryUsage.rss() is the same figure as process.memoryUsage().rss
 * without the heap statistics; the full call costs ~0.25 ms, which would
 * show in the timed runs when taken every document.
 */
function sampleRss(): void {
  const rss = process.memoryUsage.rss();
  if (rss > peakRssSampled) peakRssSampled = rss;
}

/** VmHWM (peak resident set) from /proc, in bytes; null off Linux. */
function vmHwm(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** RunFigures from one kind of work's totals. */
function figures(a: Account, documents: number, words: number): RunFigures {
  const cpuUtilisation = a.cpuSeconds / a.seconds;
  const wordsPerSec = words / a.seconds;
  return {
    documents,
    words,
    seconds: a.seconds,
    cpuSeconds: a.cpuSeconds,
    cpuUtilisation,
    mainThreadCpuSeconds: a.mainThreadCpuSeconds,
    wordsPerSec,
    docsPerSec: documents / a.seconds,
    wordsPerSecPerCore: wordsPerSec / cpuUtilisation,
  };
}

interface Passes {
  endToEnd: RunFigures;
  pipelineOnly: RunFigures;
  /** null without wink-nlp. */
  reference: RunFigures | null;
  stored: number;
  duplicates: number;
  incidentReports: number;
}

interface BatchResult {
  stored: number;
  duplicates: number;
  incidentReports: number;
}

/**
 * One batch the way `dossier ingest` takes it (ingestPaths in src/pipeline/ingest.ts): the documents
 * are read, checked against the store in one question and extracted outside any transaction, and
 * the batch is saved in one transaction.
 */
async function endToEndBatch(store: Store, batch: readonly Input[]): Promise<BatchResult> {
  const out: BatchResult = { stored: 0, duplicates: 0, incidentReports: 0 };
  const extracted: [Doc, PipelineState][] = [];
  const docs = batch.map(intake);
  const known = await store.storedDocuments(docs.map((d) => d.id));
  for (const doc of docs) {
    if (known.has(doc.id)) out.duplicates++;
    else extracted.push([doc, runPipeline(doc)]);
    sampleRss();
  }
  await store.transaction(async () => {
    for (const [doc, st] of extracted) {
      const res = await saveExtracted(store, doc, st);
      if (res.status === 'stored') out.stored++;
      else out.duplicates++;
      out.incidentReports += res.incidentIds.length;
    }
  });
  return out;
}

/**
 * The three timed passes, interleaved batch by batch: each batch of INGEST_BATCH_DOCS end to end
 * (intake, pipeline, SQLite save), then the reference over the same text, then the pipeline alone
 * over it again (its second reading: some words are in its caches by then, as they were when this
 * pass ran after the whole end-to-end pass). Until 2026-12-02 the three ran one after another, each
 * over every document; on a machine shared with other jobs, whose speed changes by the minute, the
 * end-to-end ratio moved from 3.53× to 4.75× between runs of one build. Interleaved, a change of
 * speed falls on all three alike. Each part keeps the compiling and collecting it started
 * (cpu-account.ts).
 */
async function interleavedPasses(store: Store, inputs: readonly Input[], tag: TagPass | null): Promise<Passes> {
  const acc = { endToEnd: newAccount(), pipelineOnly: newAccount(), reference: newAccount() };
  const total: BatchResult = { stored: 0, duplicates: 0, incidentReports: 0 };
  for (let i = 0; i < inputs.length; i += INGEST_BATCH_DOCS) {
    const batch = inputs.slice(i, i + INGEST_BATCH_DOCS);
    const r = await measure(acc.endToEnd, () => endToEndBatch(store, batch));
    total.stored += r.stored;
    total.duplicates += r.duplicates;
    total.incidentReports += r.incidentReports;
    if (tag) {
      const texts = batch.map((inp) => inp.bytes.toString('utf8'));
      await measure(acc.reference, () => texts.forEach(tag));
    }
    await measure(acc.pipelineOnly, () => {
      for (const inp of batch) runPipeline(intake(inp));
    });
    sampleRss();
  }
  const words = inputs.reduce((s, inp) => s + inp.words, 0);
  return {
    ...total,
    endToEnd: figures(acc.endToEnd, inputs.length, words),
    pipelineOnly: figures(acc.pipelineOnly, inputs.length, words),
    reference: tag ? figures(acc.reference, inputs.length, words) : null,
  };
}

/** A bare tokenize-and-tag pass: wink-nlp's readDoc and each token's part of speech. */
type TagPass = (text: string) => void;

/**
 * wink-nlp with its English lite model, when both are installed (devDependencies): the reference the
 * issue measures ingest against, warmed up on the first few texts as the pipeline is. null when either
 * is missing, so the bench runs without them. The specifiers are variables so that TypeScript does not
 * need their types.
 */
async function winkPass(warm: readonly Input[]): Promise<TagPass | null> {
  const names = ['wink-nlp', 'wink-eng-lite-web-model'];
  let pass: TagPass;
  try {
    const [nlpMod, modelMod] = (await Promise.all(names.map((n) => import(n)))) as { default: unknown }[];
    type Wink = { readDoc(t: string): { tokens(): { out(f: unknown): unknown } }; its: { pos: unknown } };
    const nlp = (nlpMod!.default as (m: unknown) => Wink)(modelMod!.default);
    pass = (text) => {
      nlp.readDoc(text).tokens().out(nlp.its.pos);
    };
  } catch {
    return null;
  }
  for (const inp of warm) pass(inp.bytes.toString('utf8'));
  return pass;
}

/** This process's CPU time so far (user + system, every thread), ms. */
const cpuNowMs = (): number => processCpuSeconds() * 1000;

function coldStart(label: string, args: string[], runs: number): ColdStart {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`\`${label}\` exited ${r.status}: ${r.stderr || r.stdout}`);
  }
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { command: label, runs, medianMs: median, minMs: s[0]!, maxMs: s[s.length - 1]! };
}

async function main(): Promise<number> {
  // As the `dossier` binary runs ingest (compiler-tuning.ts); the reference runs under the same settings.
  const compilerFlags = tuneCompiler();
  const values = benchArgs('ingest-bench', USAGE, { data: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
  const dataPath = values.data ? resolve(values.data) : DEFAULT_DATA;
  let limit: number | null = null;
  if (values.limit !== undefined) {
    if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1) usage('--limit takes a positive whole number');
    limit = Number(values.limit);
  }
  if (!existsSync(dataPath)) {
    process.stderr.write(
      `ingest-bench: data file not found: ${dataPath}\n` +
        'The MUC-4 documents are not part of the repository; pass --data PATH to a JSONL file of {docid, doctext, extracts}.\n',
    );
    return 2;
  }
  if (!existsSync(CLI)) usage(`the CLI is not built (${CLI}); run npm run build`);

  const inputs = loadInputs(dataPath, limit);
  if (!inputs.length) usage(`${dataPath} holds no documents`);
  sampleRss();

  // 1. Warm-up: the first document pays for the lazy gazetteer build and JIT.
  const warm = inputs.slice(0, Math.min(WARMUP_DOCS, inputs.length));
  const f0 = performance.now();
  runPipeline(intake(warm[0]!));
  const firstDocMs = performance.now() - f0;
  // Process CPU so far: Node's start, the imports and every resource the first document loaded.
  const startupCpuMs = cpuNowMs();
  // The default context is the one runPipeline and ingest use: its gazetteer was loaded by the first document.
  const gaz = defaultContext().loads.get('gazetteer') ?? null;
  sampleRss();
  const w0 = performance.now();
  for (const inp of warm.slice(1)) {
    runPipeline(intake(inp));
    sampleRss();
  }
  const warmRestMs = performance.now() - w0;

  const tmp = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  try {
    // 2. End to end (intake + pipeline + store, INGEST_BATCH_DOCS documents per transaction, as
    // `dossier ingest` does), the reference (wink-nlp tokenize and tag, when it is installed) and the
    // pipeline alone, interleaved batch by batch (interleavedPasses).
    const tag = await winkPass(warm);
    const store = await openStore(join(tmp, 'bench.db'));
    let passes: Passes;
    try {
      passes = await interleavedPasses(store, inputs, tag);
    } finally {
      await store.close();
    }
    const { endToEnd, pipelineOnly, reference, stored, duplicates, incidentReports } = passes;

    // 3. Where the time goes: intake and each stage, run as runPipeline does
    // (a separate pass, not counted above). CPU time (process.cpuUsage), so
    // other load on the machine does not inflate a stage.
    const stageMs = new Map<string, number>([['intake', 0]]);
    for (const s of STAGES) stageMs.set(s.name, 0);
    for (const inp of inputs) {
      let t = cpuNowMs();
      const doc = intake(inp);
      let now = cpuNowMs();
      stageMs.set('intake', stageMs.get('intake')! + now - t);
      const state: PipelineState = newState(doc);
      for (const s of STAGES) {
        t = now;
        s.run(state, defaultContext());
        now = cpuNowMs();
        stageMs.set(s.name, stageMs.get(s.name)! + now - t);
      }
    }
    const storeMs = Math.max(0, endToEnd.seconds - pipelineOnly.seconds) * 1000;
    const storeCpuMs = Math.max(0, endToEnd.cpuSeconds - pipelineOnly.cpuSeconds) * 1000;

    const hwm = vmHwm();
    const peakRssBytes = Math.max(peakRssSampled, hwm ?? 0);

    // 4. CLI cold start, each a fresh `node` process.
    const small = join(tmp, 'small.db');
    const sm = await openStore(small);
    try {
      for (const inp of inputs.slice(0, SMALL_DB_DOCS)) {
        const doc = intake(inp);
        await processAndSave(sm, doc);
      }
    } finally {
      await sm.close();
    }
    const cli = [
      coldStart('dossier help', ['help'], HELP_RUNS),
      coldStart(`dossier incidents --db <${Math.min(SMALL_DB_DOCS, inputs.length)}-doc db>`, ['incidents', '--db', small], INCIDENTS_RUNS),
    ];

    const pass = {
      wordsPerSecPerCore: endToEnd.wordsPerSecPerCore >= TARGET_WORDS_PER_SEC_PER_CORE,
      peakRss: peakRssBytes / MB < TARGET_PEAK_RSS_MB,
    };
    const stageTotal = [...stageMs.values()].reduce((a, b) => a + b, 0);
    const result = {
      date: new Date().toISOString(),
      data: dataPath,
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      pipelineVersion: PIPELINE_VERSION(),
      compilerFlags,
      moduleLoadMs: MODULE_LOADED_MS,
      warmup: {
        documents: warm.length,
        firstDocumentMs: firstDocMs,
        gazetteerBuildMs: gaz?.ms ?? null,
        gazetteerHeapMB: gaz ? gaz.heapBytes / MB : null,
        remainingWarmupDocsMs: warmRestMs,
      },
      startupCpuMs,
      endToEnd: { ...endToEnd, batchDocs: INGEST_BATCH_DOCS, stored, duplicates, incidentReports },
      pipelineOnly,
      reference: reference && {
        tool: 'wink-nlp readDoc + tokens().out(its.pos)',
        ...reference,
        endToEndCpuRatio: endToEnd.cpuSeconds / reference.cpuSeconds,
        pipelineCpuRatio: pipelineOnly.cpuSeconds / reference.cpuSeconds,
      },
      storeShare: {
        wallMs: storeMs,
        wallFraction: storeMs / (endToEnd.seconds * 1000),
        cpuMs: storeCpuMs,
        cpuFraction: storeCpuMs / (endToEnd.cpuSeconds * 1000),
      },
      stagesCpuMs: Object.fromEntries([...stageMs].map(([k, v]) => [k, v])),
      memory: { peakRssSampledMB: peakRssSampled / MB, vmHwmMB: hwm === null ? null : hwm / MB, peakRssMB: peakRssBytes / MB },
      cliColdStart: cli,
      targets: {
        wordsPerSecPerCore: { target: TARGET_WORDS_PER_SEC_PER_CORE, measured: endToEnd.wordsPerSecPerCore, pass: pass.wordsPerSecPerCore },
        peakRssMB: { target: TARGET_PEAK_RSS_MB, measured: peakRssBytes / MB, pass: pass.peakRss },
      },
    };

    if (values.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }

    const n = (x: number, d = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
    const row = (k: string, v: string): string => `  ${k.padEnd(34)} ${v}`;
    const threadsRow = (r: RunFigures): string =>
      row('  main thread / other threads', r.mainThreadCpuSeconds === null ? 'n/a' : `${n(r.mainThreadCpuSeconds, 2)} / ${n(r.cpuSeconds - r.mainThreadCpuSeconds, 2)}`);
    const runRows = (r: RunFigures): string[] => [
      row('documents', n(r.documents)),
      row('words (whitespace tokens)', n(r.words)),
      row('wall seconds', n(r.seconds, 2)),
      row('CPU seconds (user+system)', `${n(r.cpuSeconds, 2)}  (utilisation ${n(r.cpuUtilisation * 100, 0)}% of one core)`),
      threadsRow(r),
      row('words/s (wall)', n(r.wordsPerSec)),
      row('docs/s (wall)', n(r.docsPerSec, 1)),
      row('words/s/core (CPU-normalised)', n(r.wordsPerSecPerCore)),
    ];
    const lines = [
      `Dossier ingest benchmark — ${result.date}`,
      `  data ${dataPath}`,
      `  node ${process.version}, ${result.cpus} cores (${result.cpuModel ?? '?'}), pipeline v${PIPELINE_VERSION()}`,
      `  V8 flags ${compilerFlags.length ? compilerFlags.join(' ') : '(none: DOSSIER_V8_DEFAULTS=1)'} (src/cli/compiler-tuning.ts)`,
      '',
      'Start-up (not counted below)',
      row('process start → bench module run', `${n(MODULE_LOADED_MS, 0)} ms`),
      row('first document (incl. gazetteer)', `${n(firstDocMs, 0)} ms`),
      row('process CPU until then', `${n(startupCpuMs, 0)} ms`),
      row('  of which gazetteer build', gaz ? `${n(gaz.ms, 0)} ms, ~${n(gaz.heapBytes / MB, 0)} MB heap` : 'n/a (already built?)'),
      row(`next ${warm.length - 1} warm-up documents`, `${n(warmRestMs, 0)} ms`),
      '',
      `End to end: intake + pipeline + SQLite save (fresh temp db, ${INGEST_BATCH_DOCS} documents per transaction)`,
      ...runRows(endToEnd),
      row('stored / duplicate documents', `${n(stored)} / ${n(duplicates)}`),
      row('incident reports produced', n(incidentReports)),
      '',
      'Pipeline only: intake + pipeline, no store',
      ...runRows(pipelineOnly),
      row('store share of end-to-end wall', `${n(storeMs, 0)} ms (${n(result.storeShare.wallFraction * 100, 1)}%)`),
      row('store share of end-to-end CPU', `${n(storeCpuMs, 0)} ms (${n(result.storeShare.cpuFraction * 100, 1)}%)`),
      '',
      'Reference: wink-nlp tokenize and tag, same text (CPU)',
      ...(reference
        ? [
          row('CPU seconds', n(reference.cpuSeconds, 2)),
          threadsRow(reference),
          row('end-to-end CPU / reference CPU', `${n(endToEnd.cpuSeconds / reference.cpuSeconds, 2)}×`),
          row('pipeline-only CPU / reference CPU', `${n(pipelineOnly.cpuSeconds / reference.cpuSeconds, 2)}×`),
        ]
        : [row('wink-nlp', 'not installed (wink-nlp and wink-eng-lite-web-model): no ratio')]),
      '',
      'Where pipeline CPU time goes (separate pass, CPU ms and share)',
      ...[...stageMs].map(([k, v]) => row(k, `${n(v, 0).padStart(7)} ms  ${n((v / stageTotal) * 100, 1).padStart(5)}%`)),
      '',
      'Memory',
      row('peak RSS, sampled per document', `${n(peakRssSampled / MB, 1)} MB`),
      row('peak RSS, /proc VmHWM', hwm === null ? 'n/a' : `${n(hwm / MB, 1)} MB`),
      '',
      'CLI cold start (fresh node process, wall ms)',
      ...cli.map((c) => row(c.command, `median ${n(c.medianMs, 0)}, min ${n(c.minMs, 0)}, max ${n(c.maxMs, 0)} (${c.runs} runs)`)),
      '',
      'Targets (informational; exit code is 0 regardless)',
      row(`end-to-end words/s/core ≥ ${n(TARGET_WORDS_PER_SEC_PER_CORE)}`, `${n(endToEnd.wordsPerSecPerCore)}  ${pass.wordsPerSecPerCore ? 'PASS' : 'FAIL'}`),
      row(`peak RSS < ${TARGET_PEAK_RSS_MB} MB`, `${n(peakRssBytes / MB, 1)} MB  ${pass.peakRss ? 'PASS' : 'FAIL'}`),
      '',
      'words/s is words over wall time. words/s/core divides it by CPU utilisation',
      '(CPU seconds / wall seconds), i.e. words per CPU-second: the pipeline is',
      'single-threaded, so this is what one core does; it is below words/s when',
      'GC/libuv threads add CPU, above it when the process waits (I/O, fsync).',
      'The three passes are interleaved batch by batch (end to end, reference,',
      'pipeline only), so a change in the machine\'s speed falls on all three.',
      'Other threads are mostly V8 compiling hot functions (its optimising compiler',
      'runs beside the main thread); each part is charged the background work it',
      'started. Each batch is read end to end first, which pays most of that',
      'warm-up, so the store share above overstates the store.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
