/**
 * Benchmark (not a test): two builds of Dossier, end to end as `dossier ingest` runs, against each other
 * and against the wink-nlp reference, in one process, interleaved batch by batch (issue 11).
 *
 *   node dist/bench/ingest-ab.js OLD_DIST NEW_DIST [--data FILE.jsonl]
 *
 * OLD_DIST and NEW_DIST are build folders (a copy of an older dist/ and this one): each keeps its own
 * module instances, gazetteer and models, and saves into its own fresh SQLite store. For every batch of
 * INGEST_BATCH_DOCS documents it times, in CPU seconds: each build's end-to-end batch (read, ask the
 * store which documents it holds as that build's `dossier ingest` does, extract, save in one
 * transaction), the reference's tokenize-and-tag pass, and each build's pipeline alone, in that order
 * (a build's end-to-end pass always reads a batch first, as a real ingest does); which build goes
 * first alternates every batch. Before 2026-12-02 the whole order was reversed every other batch, so
 * in half the batches each build's end-to-end pass came after its pipeline-only pass had read the same
 * documents, and found their words in its caches: its end-to-end figure was low. On a machine shared
 * with other jobs the load changes by the minute, and `ingest-bench` times its passes one after
 * another, so its ratios moved by a fifth between runs; interleaved, each batch's load falls on all
 * five alike. Since 2026-12-02 (later) each step is also charged the background work it started: V8
 * compiles hot functions on threads of its own, and what was still compiling when a step ended was
 * counted in the next one, mostly the reference's, which read 3.5–3.6× where it now reads 3.9–4.1×
 * (cpu-account.ts). A copy of a build folder keeps
 * working where it is when it sits two levels under the repository (e.g. out/dist-old, with out/data
 * and out/models linked to ../data and ../models) so that it finds the data files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measure, newAccount } from './cpu-account.js';
import { readBenchDocs } from './muc4-docs.js';
import { tuneCompiler } from '../src/cli/compiler-tuning.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WARMUP_DOCS = 20;
const USAGE = 'usage: node dist/bench/ingest-ab.js OLD_DIST NEW_DIST [--data FILE.jsonl]';

interface Input {
  id: string;
  bytes: Buffer;
  text: string;
}

interface Build {
  batch(inputs: readonly Input[]): Promise<void>;
  pipeline(inputs: readonly Input[]): void;
  close(): Promise<void>;
  batchDocs: number;
}

/** The modules a build is used through, typed as far as this bench reads them. */
type Mod = Record<string, (...a: never[]) => unknown>;

async function load(dist: string, db: string, warm: readonly Input[]): Promise<Build> {
  const imp = async (p: string): Promise<Mod> => (await import(pathToFileURL(join(resolve(dist), p)).href)) as Mod;
  const intakeMod = await imp('src/intake/index.js');
  const pipe = await imp('src/pipeline/index.js');
  const storeMod = await imp('src/store/index.js');
  const intakeBuffer = intakeMod['intakeBuffer'] as unknown as (b: Buffer, name: string, kind: string) => { id: string };
  const runPipeline = pipe['runPipeline'] as unknown as (d: unknown) => unknown;
  const saveExtracted = pipe['saveExtracted'] as unknown as (s: unknown, d: unknown, st: unknown) => Promise<unknown>;
  const batchDocs = (pipe as unknown as { INGEST_BATCH_DOCS: number }).INGEST_BATCH_DOCS;
  type Store = {
    hasDocument(id: string): Promise<boolean>;
    /** Since 2026-12-02: `dossier ingest` asks once per batch; an older build asks per document. */
    storedDocuments?(ids: readonly string[]): Promise<Set<string>>;
    transaction<T>(f: () => Promise<T>): Promise<T>;
    close(): Promise<void>;
  };
  const store = (await (storeMod['openStore'] as unknown as (t: string) => Promise<Store>)(db));
  const intake = (i: Input): { id: string } => intakeBuffer(i.bytes, `muc4:${i.id}`, 'text');
  for (const i of warm) runPipeline(intake(i));
  return {
    batchDocs,
    async batch(inputs) {
      const extracted: [unknown, unknown][] = [];
      const docs = inputs.map(intake);
      const known = store.storedDocuments ? await store.storedDocuments(docs.map((d) => d.id)) : null;
      for (const d of docs) if (!(known ? known.has(d.id) : await store.hasDocument(d.id))) extracted.push([d, runPipeline(d)]);
      await store.transaction(async () => {
        for (const [d, st] of extracted) await saveExtracted(store, d, st);
      });
    },
    pipeline(inputs) {
      for (const i of inputs) runPipeline(intake(i));
    },
    close: () => store.close(),
  };
}

/** wink-nlp's readDoc and each token's part of speech, as ingest-bench's reference pass. */
async function wink(): Promise<(text: string) => void> {
  const names = ['wink-nlp', 'wink-eng-lite-web-model'];
  const [nlpMod, modelMod] = (await Promise.all(names.map((n) => import(n)))) as { default: unknown }[];
  type Wink = { readDoc(t: string): { tokens(): { out(f: unknown): unknown } }; its: { pos: unknown } };
  const nlp = (nlpMod!.default as (m: unknown) => Wink)(modelMod!.default);
  return (text) => {
    nlp.readDoc(text).tokens().out(nlp.its.pos);
  };
}

/** A step's CPU seconds, every thread, the background work it started included. */
async function cpuOf(f: () => unknown): Promise<number> {
  const a = newAccount();
  await measure(a, f);
  return a.cpuSeconds;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { data: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 2) throw new Error(USAGE);
  // One folder twice is one set of module instances: the second build would read every batch through
  // the first one's caches. Compare a build with itself through a copy of its folder.
  if (resolve(positionals[0]!) === resolve(positionals[1]!)) throw new Error(`ingest-ab: OLD_DIST and NEW_DIST are the same folder (${resolve(positionals[0]!)}): copy it (e.g. to out/dist-a) to compare a build with itself`);
  const data = values.data ? resolve(values.data) : resolve(ROOT, '..', 'shared', 'eval', 'muc4', 'train.jsonl');
  // Both builds run in this one process, under this build's compiler settings, as `dossier` runs (compiler-tuning.ts).
  const flags = tuneCompiler();
  process.stdout.write(`V8 flags: ${flags.join(' ') || '(none)'}\n`);
  const inputs: Input[] = readBenchDocs('ingest-ab', USAGE, data).map((d) => ({ id: d.docid, bytes: Buffer.from(d.doctext), text: d.doctext }));
  const tmp = mkdtempSync(join(tmpdir(), 'dossier-ab-'));
  try {
    const warm = inputs.slice(0, WARMUP_DOCS);
    const tag = await wink();
    for (const i of warm) tag(i.text);
    const builds = [await load(positionals[0]!, join(tmp, 'old.db'), warm), await load(positionals[1]!, join(tmp, 'new.db'), warm)];
    const cpu = { old: 0, new: 0, oldPipe: 0, newPipe: 0, wink: 0 };
    const n = builds[1]!.batchDocs;
    for (let s = 0, k = 0; s < inputs.length; s += n, k++) {
      const b = inputs.slice(s, s + n);
      // Each build reads a batch end to end before its pipeline-only pass reads it again: a second pass
      // over the same text finds its words in the build's caches (stems, each model's word rows), and
      // a real ingest reads each document once. Only the builds' order alternates.
      const [first, second] = k % 2 ? [1, 0] : [0, 1];
      const name = (i: number, pipe: boolean): keyof typeof cpu => (i === 0 ? (pipe ? 'oldPipe' : 'old') : pipe ? 'newPipe' : 'new');
      const steps: [keyof typeof cpu, () => unknown][] = [
        [name(first, false), () => builds[first]!.batch(b)], [name(second, false), () => builds[second]!.batch(b)],
        ['wink', () => b.forEach((i) => tag(i.text))],
        [name(first, true), () => builds[first]!.pipeline(b)], [name(second, true), () => builds[second]!.pipeline(b)],
      ];
      // Each step keeps the compiling and collecting it started (cpu-account.ts).
      for (const [key, f] of steps) cpu[key] += await cpuOf(f);
    }
    for (const b of builds) await b.close();
    const x = (v: number): string => `${v.toFixed(2)} s (${(v / cpu.wink).toFixed(2)}×)`;
    process.stdout.write(
      `${inputs.length} documents, CPU seconds (× the reference)\n  wink-nlp reference ${cpu.wink.toFixed(2)} s\n` +
        `  old: end to end ${x(cpu.old)}, pipeline only ${x(cpu.oldPipe)}\n  new: end to end ${x(cpu.new)}, pipeline only ${x(cpu.newPipe)}\n` +
        `  new / old: end to end ${(cpu.new / cpu.old).toFixed(3)}, pipeline only ${(cpu.newPipe / cpu.oldPipe).toFixed(3)}\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
