import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DossierError, type Doc } from '../model/index.js';
import { intakeFile, languageNotice, listInputs } from '../intake/index.js';
import { newState, runPipeline, type PipelineState } from './stages.js';
import { PIPELINE_VERSION } from './version.js';
import { Resolver, type SaveInput, type SaveResult } from '../resolve/resolver.js';
import { defaultContext } from './context.js';
import type { Store } from '../store/index.js';

export interface IngestEvent {
  path: string;
  status: 'stored' | 'update' | 'duplicate' | 'repost' | 'failed';
  incidents: number;
  error?: DossierError;
  words: number;
  /** For a repost, the stored document it repeats; for an update, the one it revises. */
  repostOf?: string;
  updateOf?: string;
  /** Incidents already in the store that this document reported too. */
  merged?: number;
  /** Why nothing was extracted, when the reason is not "no incident": `language ru: no extraction yet`. */
  notice?: string;
  /** What intake or the pipeline did not read in full (a page too large for Readability, reports past the cap). */
  notices?: string[];
}

export interface IngestSummary {
  files: number;
  stored: number;
  duplicates: number;
  reposts: number;
  updates: number;
  failed: number;
  incidents: number;
  words: number;
  seconds: number;
}

const STORE_FATAL = new Set<string>(['E_STORE_CORRUPT', 'E_STORE_READONLY']);

/**
 * Past this much heap in use, a long batch collects its garbage before the next document. The live
 * set of a batch is about 180 MB (gazetteer, models, the store's caches); left to itself V8 lets
 * the heap grow to 600 MB of garbage between full collections (1,000 HTML pages peaked at 913 MB
 * RSS), which is memory a batch job must not take. A collection at this mark kept 1,000 pages at a
 * 387 MB peak (473 MB at 260 MB, 406 MB at 210 MB), for about as many seconds as no collection.
 */
export const HEAP_SOFT_LIMIT = 190 * 1024 * 1024;

let collector: (() => void) | null | undefined;
/** V8's full collection, made callable without starting node with --expose-gc. */
function collectGarbage(): void {
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as () => void;
    } catch {
      collector = null;
    }
  }
  collector?.();
}

/**
 * Documents committed per transaction while ingesting. A kill loses at most the open batch, which a
 * re-run then stores (each document is recognised by its content, so nothing is stored twice).
 * Issue 11: 100 documents per transaction cut the store's CPU by about a quarter.
 */
export const INGEST_BATCH_DOCS = 100;
/** A batch also closes at this much text, so the extractions it holds until its commit stay small. */
const INGEST_BATCH_CHARS = 4 * 1024 * 1024;

/** A document read and extracted, waiting for its batch's commit; or an input already settled (unchanged, failed). */
interface Pending {
  path: string;
  words: number;
  doc?: Doc;
  st?: PipelineState;
  settled?: IngestEvent;
}

/**
 * Ingest files and folders into the store, `batch` documents per transaction (the extraction runs
 * outside it). A bad input is reported and skipped; the batch goes on. Each document's event is
 * reported once its batch is committed: "stored" means stored.
 */
export async function ingestPaths(store: Store, paths: string[], onEvent: (e: IngestEvent, done: number, total: number) => void, batch = INGEST_BATCH_DOCS): Promise<IngestSummary> {
  const t0 = process.hrtime.bigint();
  const { files, errors } = listInputs(paths);
  const total = files.length + errors.length;
  const sum: IngestSummary = { files: total, stored: 0, duplicates: 0, reposts: 0, updates: 0, failed: 0, incidents: 0, words: 0, seconds: 0 };
  let done = 0;
  const report = (ev: IngestEvent, words: number): void => {
    count(sum, ev);
    if (ev.status !== 'failed') sum.words += words;
    onEvent(ev, ++done, total);
  };
  for (const e of errors) report({ path: e.path, status: 'failed', incidents: 0, error: e.error, words: 0 }, 0);
  let pending: Pending[] = [];
  let chars = 0;
  const flush = async (): Promise<void> => {
    await extractNew(store, pending);
    for (const [ev, p] of await commitBatch(store, pending)) report(ev, p.words);
    pending = [];
    chars = 0;
  };
  for (const path of files) {
    const p = readOne(path);
    pending.push(p);
    chars += p.doc?.text.length ?? 0;
    if (pending.length >= batch || chars >= INGEST_BATCH_CHARS) await flush();
  }
  await flush();
  sum.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return sum;
}

function count(sum: IngestSummary, ev: IngestEvent): void {
  if (ev.status === 'stored') sum.stored++;
  else if (ev.status === 'update') sum.updates++;
  else if (ev.status === 'repost') sum.reposts++;
  else if (ev.status === 'duplicate') sum.duplicates++;
  else sum.failed++;
  sum.incidents += ev.incidents;
}

/** Read one input (outside any transaction); extractNew extracts it if it is new. */
function readOne(path: string): Pending {
  try {
    const doc = intakeFile(path);
    return { path, words: countWords(doc.text), doc };
  } catch (err) {
    return { path, words: 0, settled: failed(path, err) };
  }
}

/**
 * Settle a batch's documents the store already holds as unchanged, with one query for the batch, and
 * extract the others (outside any transaction). A store that cannot answer fails the batch's
 * documents, each by name; a damaged one stops the run (failed).
 */
async function extractNew(store: Store, batch: Pending[]): Promise<void> {
  const open = batch.filter((p) => p.doc && !p.settled);
  if (!open.length) return;
  // Settled: its event is known now, and its text need not be held until the commit.
  const settle = (p: Pending, ev: IngestEvent): void => {
    p.doc = undefined;
    p.settled = ev;
  };
  let stored: Set<string>;
  try {
    stored = await store.storedDocuments(open.map((p) => p.doc!.id));
  } catch (err) {
    for (const p of open) settle(p, failed(p.path, err));
    return;
  }
  for (const p of open) {
    if (stored.has(p.doc!.id)) settle(p, { path: p.path, status: 'duplicate', incidents: 0, words: p.words });
    else {
      try {
        p.st = extract(p.doc!);
      } catch (err) {
        settle(p, failed(p.path, err));
      }
    }
    if (process.memoryUsage().heapUsed > HEAP_SOFT_LIMIT) collectGarbage();
  }
}

/** A file's bytes, kept so `dossier reprocess` can read it again after it has moved or changed. */
async function keepRawFile(store: Store, doc: Doc, path: string): Promise<void> {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch {
    return;
  }
  if (createHash('sha256').update(raw).digest('hex') !== doc.id) return;
  await store.webState().putIntake({ docId: doc.id, raw, contentType: null, charset: null, url: null, finalUrl: null, publishedFrom: doc.meta.published ? 'page' : null });
}

function failed(path: string, err: unknown): IngestEvent {
  // A store that is damaged or cannot be written fails every document alike: stop, and say so once.
  if (err instanceof DossierError && STORE_FATAL.has(err.code)) throw err;
  const error = err instanceof DossierError ? err : new DossierError('E_STORE', `unexpected failure: ${(err as Error).message}`, path);
  return { path, status: 'failed', incidents: 0, error, words: 0 };
}

/** Save a batch in one transaction; a document that fails rolls back alone. Events in input order. */
async function commitBatch(store: Store, pending: Pending[]): Promise<[IngestEvent, Pending][]> {
  if (!pending.some((p) => p.doc)) return pending.map((p) => [p.settled!, p]);
  try {
    return await store.transaction(async () => {
      const out: [IngestEvent, Pending][] = [];
      for (const p of pending) out.push([p.settled ?? (await saveOne(store, p)), p]);
      return out;
    });
  } catch (err) {
    // The whole batch failed to commit (another writer kept the lock for minutes): nothing of it is stored.
    return pending.map((p) => [p.settled ?? failed(p.path, err), p]);
  }
}

/**
 * The pipeline's state for a document, or an empty one for a language the rules do not read: English
 * rules on a Russian text find nothing true, and could find something false.
 */
export function extract(doc: Doc): PipelineState {
  return languageNotice(doc.meta.language) ? newState(doc) : runPipeline(doc);
}

/** What intake and the pipeline did not read in full (a page too large for Readability, reports past the cap), in that order. */
export function readingNotices(doc: Doc, st: PipelineState): string[] {
  return [...(doc.notices ?? []), ...(st.notices ?? [])];
}

/**
 * Every notice a document's ingest gives, for the paths that show one list (the API's upload, the
 * queue's workers): why nothing was extracted ("language ru: no extraction yet") first, then
 * readingNotices. `dossier ingest` shows the first in place of its incident count instead.
 */
export function ingestNotices(doc: Doc, st: PipelineState): string[] {
  const notice = languageNotice(doc.meta.language);
  return [...(notice ? [notice] : []), ...readingNotices(doc, st)];
}

async function saveOne(store: Store, p: Pending): Promise<IngestEvent> {
  try {
    const res = await saveExtracted(store, p.doc!, p.st!);
    if (res.status === 'stored' || res.status === 'update') await keepRawFile(store, p.doc!, p.path);
    const notice = languageNotice(p.doc!.meta.language);
    const notices = readingNotices(p.doc!, p.st!);
    return {
      ...(notice ? { notice } : {}),
      ...(notices.length ? { notices } : {}),
      path: p.path, status: res.status, incidents: res.incidentIds.length, words: p.words,
      ...(res.repostOf ? { repostOf: res.repostOf.source } : {}), ...(res.updateOf ? { updateOf: res.updateOf.source } : {}),
      ...(res.mergedInto ? { merged: res.mergedInto.length } : {}),
    };
  } catch (err) {
    return failed(p.path, err);
  }
}

/** What saving a document gave, with the notices of its ingest (ingestNotices; empty when it was read in full). */
export type ProcessResult = SaveResult & { notices: string[] };

/** Run the pipeline on a document and save everything it yields: the one path every ingest takes (CLI, demo, worker, bench). */
export async function processAndSave(store: Store, doc: Doc, raw?: Uint8Array): Promise<ProcessResult> {
  const st = extract(doc);
  const notices = ingestNotices(doc, st);
  if (!raw) return { ...(await saveExtracted(store, doc, st)), notices };
  // With its bytes: kept beside the document, in the same transaction, for `dossier reprocess`.
  return store.transaction(async () => {
    const res = await saveExtracted(store, doc, st);
    if (res.status === 'stored' || res.status === 'update') {
      await store.webState().putIntake({ docId: doc.id, raw: Buffer.from(raw), contentType: null, charset: null, url: null, finalUrl: null, publishedFrom: doc.meta.published ? 'page' : null });
    }
    return { ...res, notices };
  });
}

/** One resolver per store: it caches what stored reports' words say of them (see IncidentFinder). */
const resolvers = new WeakMap<Store, Resolver>();

/** Resolve and save one document, as the pipeline extracted it, in one write (a savepoint inside a batch). */
export function saveExtracted(store: Store, doc: Doc, st: PipelineState): Promise<SaveResult> {
  return saveResolved(store, {
    doc, ann: st.ann, reports: st.incidents, pipelineVersion: PIPELINE_VERSION(),
    extras: { placements: st.placements, claims: st.claims, quotes: st.quotes, relations: st.relations },
  });
}

/**
 * Drop a store's resolver, and with it what it cached of stored reports: a reprocess replaces reports
 * under the same ids, which the cache takes to be immutable.
 */
export function forgetResolver(store: Store): void {
  resolvers.delete(store);
}

/** Resolve and save what a document yields (reports made elsewhere too: the merge benchmark's synthetic ones). */
export function saveResolved(store: Store, input: SaveInput): Promise<SaveResult> {
  let resolver = resolvers.get(store);
  // The shipped gazetteer and actor lexicon: the same the pipeline's default context reads.
  if (!resolver) resolvers.set(store, (resolver = new Resolver(defaultContext())));
  const r = resolver;
  return store.write((port) => r.saveAndConsolidate(port, input));
}

export function countWords(text: string): number {
  let n = 0;
  const re = /\S+/g;
  while (re.exec(text)) n++;
  return n;
}
