import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DossierError, type Doc } from '../model/index.js';
import { intakeFile, listInputs } from '../intake/index.js';
import { PIPELINE_VERSION, runPipeline } from '../pipeline/index.js';
import { findPlacements } from '../resolve/index.js';
import type { SaveResult, Store } from '../store/index.js';

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
 * Ingest files and folders into the store, one document per transaction.
 * A bad input is reported and skipped; the batch goes on.
 */
export function ingestPaths(store: Store, paths: string[], onEvent: (e: IngestEvent, done: number, total: number) => void): IngestSummary {
  const t0 = process.hrtime.bigint();
  const { files, errors } = listInputs(paths);
  const total = files.length + errors.length;
  const sum: IngestSummary = { files: total, stored: 0, duplicates: 0, reposts: 0, updates: 0, failed: 0, incidents: 0, words: 0, seconds: 0 };
  let done = 0;
  for (const e of errors) {
    sum.failed++;
    onEvent({ path: e.path, status: 'failed', incidents: 0, error: e.error, words: 0 }, ++done, total);
  }
  for (const path of files) {
    let ev: IngestEvent;
    try {
      const doc = intakeFile(path);
      const words = countWords(doc.text);
      if (store.hasDocument(doc.id)) {
        ev = { path, status: 'duplicate', incidents: 0, words };
        sum.duplicates++;
      } else {
        const res = processAndSave(store, doc);
        ev = {
          path, status: res.status, incidents: res.incidentIds.length, words,
          ...(res.repostOf ? { repostOf: res.repostOf.source } : {}), ...(res.updateOf ? { updateOf: res.updateOf.source } : {}),
          ...(res.mergedInto ? { merged: res.mergedInto.length } : {}),
        };
        if (res.status === 'stored') sum.stored++;
        else if (res.status === 'update') sum.updates++;
        else if (res.status === 'repost') sum.reposts++;
        else sum.duplicates++;
        sum.incidents += res.incidentIds.length;
      }
      sum.words += words;
    } catch (err) {
      // A store that is damaged or cannot be written fails every document alike: stop, and say so once.
      if (err instanceof DossierError && STORE_FATAL.has(err.code)) throw err;
      const error = err instanceof DossierError ? err : new DossierError('E_STORE', `unexpected failure: ${(err as Error).message}`, path);
      ev = { path, status: 'failed', incidents: 0, error, words: 0 };
      sum.failed++;
    }
    onEvent(ev, ++done, total);
    if (process.memoryUsage().heapUsed > HEAP_SOFT_LIMIT) collectGarbage();
  }
  sum.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return sum;
}

/** Run the pipeline on a document and save everything it yields: the one path every ingest takes (CLI, demo, bench). */
export function processAndSave(store: Store, doc: Doc): SaveResult {
  const st = runPipeline(doc);
  return store.saveDocument(doc, st.ann, st.incidents, PIPELINE_VERSION, {
    placements: findPlacements(doc, st.ann),
    claims: st.claims,
    quotes: st.quotes,
    relations: st.relations,
  });
}

export function countWords(text: string): number {
  let n = 0;
  const re = /\S+/g;
  while (re.exec(text)) n++;
  return n;
}
