import { DossierError, isoOfDate, type Doc } from '../model/index.js';
import { intakeBuffer } from '../intake/index.js';
import { searchText } from '../resolve/resolver.js';
import type { ResolutionPort, StoredSide } from '../resolve/port.js';
import type { Store } from '../store/index.js';
import { extract, forgetResolver, saveResolved } from './ingest.js';
import { PIPELINE_VERSION } from './version.js';

/**
 * `dossier reprocess`: run the current pipeline again on stored documents, from their raw bytes
 * (kept since migration 11), without fetching anything.
 *
 * Reviews are keyed by incident id, so a reprocess must keep incident ids. Decision: each document is
 * replaced in one transaction: its old reports (with their incidents) are read, the document and all
 * that hangs off it deleted, and the new extraction saved with `previous` set, so the resolver pairs
 * each new report with the old report whose anchor sentence it shares (the pairing an update of an
 * article gets) and puts it in that incident. A new report with no old partner is resolved as any
 * new report is (it may join another incident or start one). An old incident that loses all its
 * reports is kept as an empty row, not deleted: listings skip it, and its reviews stay attached to
 * its id, where a reviewer can find them. Every incident the document's reports left or joined is
 * rebuilt from the reports it holds now (search words, date order, changes feed, conflicts flag). The document keeps its first ingest time and the other
 * places it was found (reposts).
 *
 * Idempotent: a document already at the current PIPELINE_VERSION is skipped (unless forced), and one
 * reprocessed twice pairs with itself, so its incidents stay the same.
 */

export interface ReprocessOptions {
  /**
   * Only documents stored by this pipeline version or by one that first appeared after it (versions are
   * hashes, so they are ordered by when the store first saw each).
   */
  sinceVersion?: number;
  /** Reprocess documents already at the current version too. */
  force?: boolean;
  onEvent?: (e: ReprocessEvent, done: number, total: number) => void;
}

export interface ReprocessEvent {
  docId: string;
  source: string;
  status: 'reprocessed' | 'skipped' | 'failed';
  /** Incidents the document reports now; how many of them it reported before. */
  incidents: number;
  kept: number;
  reason?: string;
  error?: DossierError;
}

export interface ReprocessSummary {
  considered: number;
  reprocessed: number;
  skipped: number;
  failed: number;
  /** Incidents reported before and after, and those kept across. */
  incidentsBefore: number;
  incidentsAfter: number;
  incidentsKept: number;
  seconds: number;
}

/** The documents to reprocess: not at the current version, or (with sinceVersion) from that version on. */
export async function selectForReprocess(store: Store, opts: ReprocessOptions, current: number): Promise<{ id: string; hasRaw: boolean }[]> {
  const docs = await store.webState().documentVersions();
  let keep = (v: number): boolean => opts.force === true || v !== current;
  if (opts.sinceVersion !== undefined) {
    const firstSeen = new Map<number, string>();
    for (const d of docs) if (!firstSeen.has(d.pipelineVersion)) firstSeen.set(d.pipelineVersion, d.ingestedAt);
    const from = firstSeen.get(opts.sinceVersion);
    if (from === undefined) {
      throw new DossierError('E_USAGE', `no stored document has pipeline version ${opts.sinceVersion}; the store has ${[...firstSeen.keys()].join(', ') || 'none'}`);
    }
    const base = keep;
    keep = (v) => base(v) && firstSeen.get(v)! >= from;
  }
  return docs.filter((d) => keep(d.pipelineVersion)).map((d) => ({ id: d.id, hasRaw: d.hasRaw }));
}

export async function reprocess(store: Store, opts: ReprocessOptions = {}): Promise<ReprocessSummary> {
  const t0 = process.hrtime.bigint();
  const current = PIPELINE_VERSION();
  const todo = await selectForReprocess(store, opts, current);
  const sum: ReprocessSummary = { considered: todo.length, reprocessed: 0, skipped: 0, failed: 0, incidentsBefore: 0, incidentsAfter: 0, incidentsKept: 0, seconds: 0 };
  // The resolver caches stored reports' words by report id; reprocessing rewrites them.
  forgetResolver(store);
  let done = 0;
  for (const d of todo) {
    const ev = d.hasRaw ? await reprocessOne(store, d.id, current) : { docId: d.id, source: d.id, status: 'skipped' as const, incidents: 0, kept: 0, reason: 'no raw bytes (stored before raw bytes were kept): ingest it again' };
    if (ev.status === 'reprocessed') sum.reprocessed++;
    else if (ev.status === 'skipped') sum.skipped++;
    else sum.failed++;
    opts.onEvent?.(ev, ++done, todo.length);
  }
  forgetResolver(store);
  sum.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return sum;

  async function reprocessOne(s: Store, id: string, version: number): Promise<ReprocessEvent> {
    const meta = await s.getDocumentMeta(id);
    const source = meta?.meta.source ?? id;
    try {
      const rec = await s.webState().getIntake(id);
      if (!meta || !rec) throw new DossierError('E_NOT_FOUND', 'the document or its raw bytes are gone', id);
      const doc = intakeBuffer(rec.raw, meta.meta.source, meta.meta.format, { charset: rec.charset });
      if (doc.id !== id) throw new DossierError('E_STORE_CORRUPT', 'the kept raw bytes do not hash to the document id', id);
      // A date the feed gave (the page has none) is kept.
      doc.meta.published ??= meta.meta.published;
      doc.meta.url = meta.meta.url ?? doc.meta.url;
      const st = extract(doc);
      const r = await s.transaction(() => replace(s, doc, st, version));
      sum.incidentsBefore += r.before.size;
      sum.incidentsAfter += r.after.size;
      const kept = [...r.after].filter((x) => r.before.has(x)).length;
      sum.incidentsKept += kept;
      return { docId: id, source, status: 'reprocessed', incidents: r.after.size, kept };
    } catch (e) {
      if (e instanceof DossierError && (e.code === 'E_STORE_READONLY' || e.code === 'E_STORE_CORRUPT' && e.input !== id)) throw e;
      const error = e instanceof DossierError ? e : new DossierError('E_STORE', `reprocess failed: ${(e as Error).message}`, id);
      return { docId: id, source, status: 'failed', incidents: 0, kept: 0, error };
    }
  }
}

/**
 * The incidents the document's reports left or joined, made again from the reports they hold now:
 * search words, date order, and (through the port) the changes feed and the conflicts flag. An
 * incident left empty keeps its row and id (see above).
 */
async function rebuild(port: ResolutionPort, ids: readonly number[]): Promise<void> {
  const texts = new Map<string, string>();
  for (const id of ids) {
    const rows = [];
    for (const x of await port.reportsOfIncident(id)) {
      let text = texts.get(x.docId);
      if (text === undefined) texts.set(x.docId, (text = (await port.documentWords(x.docId)).text));
      rows.push({ words: searchText({ text } as Doc, x.report), dateIso: isoOfDate(x.report.date.value) });
    }
    await port.rebuildIncident(id, rows);
  }
}

/** Inside one transaction: read the old side, remove the document, save the new extraction paired with it, mend what survives. */
async function replace(store: Store, doc: Doc, st: ReturnType<typeof extract>, version: number): Promise<{ before: Set<number>; after: Set<number> }> {
  const web = store.webState();
  const previous: StoredSide | null = await store.write((port) => port.storedSide(doc.id));
  if (!previous) throw new DossierError('E_NOT_FOUND', 'the document is not stored', doc.id);
  const kept = await web.detachDocument(doc.id);
  if (!kept) throw new DossierError('E_NOT_FOUND', 'the document is not stored', doc.id);
  const res = await saveResolved(store, {
    doc, ann: st.ann, reports: st.incidents, pipelineVersion: version, previous,
    extras: { placements: st.placements, claims: st.claims, quotes: st.quotes, relations: st.relations },
  });
  const before = new Set(previous.reports.map((x) => x.incident));
  const after = new Set(res.incidentIds);
  await web.reattachDocument(doc.id, kept);
  await store.write((port) => rebuild(port, [...new Set([...before, ...after])]));
  return { before, after };
}
