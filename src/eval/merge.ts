import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAndSave } from '../pipeline/ingest.js';
import { intakeFile, INPUT_EXTENSIONS } from '../intake/index.js';
import { DossierError, type IncidentReport } from '../model/index.js';
import { primaryReport } from '../resolve/headline.js';
import { openStore } from '../store/index.js';
import { bcubed, clustersOf, pairwise, type Clustering } from './bcubed.js';
import type { Dataset, EvalResult, EvalRow } from './types.js';

/**
 * Cross-document incident merging ("one incident, many reports"): every report
 * file of a folder is ingested through the real path (intake → pipeline →
 * store) into a fresh temporary SQLite store, and the store's incidents are
 * read back as a clustering of documents. Each document belongs to the stored
 * incident holding its main report (its most detailed report, as
 * `primaryReport` picks the incident's headline report). Scored with B-cubed
 * over documents against gold.json, once in the order given and once
 * reversed: merging must not depend on the order documents arrive in.
 *
 * Folder layout: `reports/*.{txt,md,html}` and `gold.json` =
 * `{"incidents": [{"id", "label", "reports": [file, ...]}], "reposts": [[file, file], ...]}`.
 */

export interface MergeGold {
  incidents: { id: string; label?: string; reports: string[] }[];
  reposts?: [string, string][];
}

export interface MergeRun {
  /** file → predicted cluster label. */
  clustering: Clustering;
  /** Distinct stored incidents in the store after ingest (all of them, in-passing ones included). */
  storedIncidents: number;
  /** Files that yielded no report of their own, or failed. */
  noReport: string[];
  failed: { file: string; error: string }[];
}

export function readGold(dataPath: string): MergeGold {
  const p = join(dataPath, 'gold.json');
  if (!existsSync(p)) throw new DossierError('E_INPUT_MISSING', 'no gold.json in the data folder', p);
  const g = JSON.parse(readFileSync(p, 'utf8')) as MergeGold;
  if (!Array.isArray(g.incidents)) throw new DossierError('E_USAGE', 'gold.json has no "incidents" list', p);
  const seen = new Set<string>();
  for (const inc of g.incidents) {
    for (const f of inc.reports) {
      if (seen.has(f)) throw new DossierError('E_USAGE', `report "${f}" is in more than one gold incident`, p);
      seen.add(f);
    }
  }
  return g;
}

export function goldClustering(g: MergeGold, files?: string[]): Clustering {
  const keep = files ? new Set(files) : null;
  const c: Clustering = new Map();
  for (const inc of g.incidents) for (const f of inc.reports) if (!keep || keep.has(f)) c.set(f, inc.id);
  return c;
}

/** The report files of the folder, in name order. */
export function reportFiles(dataPath: string): string[] {
  const dir = join(dataPath, 'reports');
  if (!existsSync(dir)) throw new DossierError('E_INPUT_MISSING', 'no reports/ folder in the data folder', dir);
  return readdirSync(dir)
    .filter((f) => INPUT_EXTENSIONS.some((e) => f.toLowerCase().endsWith(e)))
    .sort();
}

/** The stored document a save result says this one repeats, if any (`repostOf.id`, or an older `duplicateOf`). */
export function repostTarget(res: unknown): string | null {
  const r = res as { repostOf?: { id?: unknown } | null; duplicateOf?: unknown };
  if (r.repostOf && typeof r.repostOf.id === 'string') return r.repostOf.id;
  if (typeof r.duplicateOf === 'string') return r.duplicateOf;
  return null;
}

/** A document's own main report: its most detailed one, in-passing mentions last. */
export function mainReportOf(reports: IncidentReport[]): IncidentReport | null {
  return reports.length ? primaryReport(reports) : null;
}

/**
 * Ingest `files` (names under `<dataPath>/reports`) in the given order into a
 * fresh store and read back the predicted clustering of files.
 */
export async function ingestAndCluster(dataPath: string, files: string[], target?: string): Promise<MergeRun> {
  // `target`: an empty store to use instead of a temporary SQLite file (the PostgreSQL conformance run).
  const dir = mkdtempSync(join(tmpdir(), 'dossier-merge-'));
  const store = await openStore(target ?? join(dir, 'merge.db'));
  const docOf = new Map<string, string>(); // file → doc id
  const dupOf = new Map<string, string>(); // file → doc id the store says it duplicates
  const failed: { file: string; error: string }[] = [];
  try {
    for (const f of files) {
      try {
        const doc = intakeFile(join(dataPath, 'reports', f));
        docOf.set(f, doc.id);
        if (await store.hasDocument(doc.id)) {
          dupOf.set(f, doc.id);
          continue;
        }
        const res = await processAndSave(store, doc);
        // A store that recognises reposts (near-identical text) says which stored
        // document this one repeats; the file then goes with that document.
        const other = repostTarget(res);
        if (other) dupOf.set(f, other);
        else if ((res.status as string) !== 'stored') dupOf.set(f, doc.id);
      } catch (e) {
        failed.push({ file: f, error: e instanceof Error ? e.message : String(e) });
      }
    }
    const incidents = await store.listIncidents();
    const incidentOfReport = new Map<string, number>();
    const reportsOfDoc = new Map<string, IncidentReport[]>();
    for (const inc of incidents) {
      for (const r of inc.reports) {
        incidentOfReport.set(r.id, inc.id);
        let l = reportsOfDoc.get(r.docId);
        if (!l) reportsOfDoc.set(r.docId, (l = []));
        // The same report may be listed under more than one incident by a store that links them; keep one.
        if (!l.some((x) => x.id === r.id)) l.push(r);
      }
    }
    const labelOfDoc = (docId: string): string | null => {
      const main = mainReportOf(reportsOfDoc.get(docId) ?? []);
      return main ? `incident:${incidentOfReport.get(main.id)}` : null;
    };
    const clustering: Clustering = new Map();
    const noReport: string[] = [];
    for (const f of files) {
      const id = docOf.get(f);
      let label = id ? labelOfDoc(dupOf.get(f) ?? id) : null;
      // A duplicate whose original yielded nothing, or a file with no report: its own singleton.
      if (!label) {
        if (id) noReport.push(f);
        label = `unmerged:${f}`;
      }
      clustering.set(f, label);
    }
    return { clustering, storedIncidents: incidents.length, noReport, failed };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const row = (name: string, p: number | undefined, r: number | undefined, f: number | undefined, support: number): EvalRow => ({
  name,
  ...(p === undefined ? {} : { precision: p }),
  ...(r === undefined ? {} : { recall: r }),
  ...(f === undefined ? {} : { f1: f }),
  support,
});

/** Share of gold repost pairs whose two files land in the same predicted incident. */
function repostAccuracy(pairs: [string, string][], c: Clustering): { ok: number; n: number } {
  let ok = 0;
  let n = 0;
  for (const [a, b] of pairs) {
    if (!c.has(a) || !c.has(b)) continue;
    n++;
    if (c.get(a) === c.get(b)) ok++;
  }
  return { ok, n };
}

/**
 * `targets`: two empty stores (given order, reverse order) to use instead of temporary SQLite files:
 * the PostgreSQL conformance run scores the merge corpus on its backend.
 */
export async function scoreMerge(dataPath: string, limit?: number, targets?: [string, string]): Promise<EvalResult> {
  const t0 = Date.now();
  const gold = readGold(dataPath);
  let files = reportFiles(dataPath);
  const inGold = goldClustering(gold);
  const notInGold = files.filter((f) => !inGold.has(f));
  const missing = [...inGold.keys()].filter((f) => !files.includes(f));
  if (missing.length) throw new DossierError('E_INPUT_MISSING', `gold.json names report(s) not in reports/: ${missing.join(', ')}`, dataPath);
  files = files.filter((f) => inGold.has(f));
  if (limit) files = files.slice(0, limit);
  const g = goldClustering(gold, files);

  const fwd = await ingestAndCluster(dataPath, files, targets?.[0]);
  const rev = await ingestAndCluster(dataPath, [...files].reverse(), targets?.[1]);
  const bf = bcubed(g, fwd.clustering);
  const br = bcubed(g, rev.clustering);
  const pf = pairwise(g, fwd.clustering);
  const pr = pairwise(g, rev.clustering);
  // Order independence: the forward clustering scored against the reverse one.
  const agree = bcubed(fwd.clustering, rev.clustering);
  const reposts = repostAccuracy(gold.reposts ?? [], fwd.clustering);
  const nGold = clustersOf(g).size;
  const nFwd = clustersOf(fwd.clustering).size;
  const nRev = clustersOf(rev.clustering).size;

  const rows: EvalRow[] = [
    row('b-cubed (reverse order)', br.precision, br.recall, br.f1, br.items),
    row('pairwise merges (given order)', pf.precision, pf.recall, pf.f1, pf.gold),
    row('pairwise merges (reverse order)', pr.precision, pr.recall, pr.f1, pr.gold),
    row('given vs reverse order (b-cubed)', agree.precision, agree.recall, agree.f1, agree.items),
    { name: 'reposts placed with their original', accuracy: reposts.n ? reposts.ok / reposts.n : 0, support: reposts.n },
    { name: `predicted incidents (given order), gold ${nGold}`, support: nFwd },
    { name: `predicted incidents (reverse order), gold ${nGold}`, support: nRev },
  ];
  const notes = [
    'B-cubed (Bagga & Baldwin 1998) over documents, each weighted equally; a document belongs to the stored incident holding its main (most detailed, non-in-passing) report',
    `pairwise: correct/predicted and correct/gold pairs of documents put in one incident; given order ${pf.correct}/${pf.predicted} of ${pf.gold} gold pairs, reverse ${pr.correct}/${pr.predicted}` +
      (pf.predicted === 0 ? '; precision is undefined when nothing is merged' : ''),
    `store after ingest: ${fwd.storedIncidents} stored incident(s) (given order), ${rev.storedIncidents} (reverse), in-passing ones included`,
  ];
  if (fwd.noReport.length) notes.push(`${fwd.noReport.length} document(s) yielded no report and count as singletons: ${fwd.noReport.join(', ')}`);
  if (fwd.failed.length) notes.push(`${fwd.failed.length} document(s) failed ingest and count as singletons: ${fwd.failed.map((x) => `${x.file} (${x.error})`).join('; ')}`);
  if (notInGold.length) notes.push(`${notInGold.length} file(s) in reports/ not in gold.json were skipped: ${notInGold.join(', ')}`);

  const predictions: Record<string, string> = {};
  for (const [f, label] of fwd.clustering) predictions[f] = label;
  return {
    dataset: 'merge',
    data: dataPath,
    items: files.length,
    rows,
    overall: row('b-cubed (given order)', bf.precision, bf.recall, bf.f1, bf.items),
    notes,
    predictions,
    seconds: (Date.now() - t0) / 1000,
  };
}

export const MERGE: Dataset = {
  name: 'merge',
  input: 'folder',
  description: 'Cross-document incident merging: documents clustered into stored incidents vs. gold (B-cubed P/R/F1, both ingest orders)',
  run(dataPath, options): Promise<EvalResult> {
    return scoreMerge(dataPath, options.limit);
  },
};
