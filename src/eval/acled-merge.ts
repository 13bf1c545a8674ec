import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAndSave } from '../pipeline/ingest.js';
import { intakeBuffer } from '../intake/index.js';
import type { IncidentReport } from '../model/index.js';
import { primaryReport } from '../resolve/index.js';
import { openStore } from '../store/index.js';
import { dayAfter } from './acled.js';
import { bcubed, clustersOf, pairwise, type Clustering } from './bcubed.js';
import { csvRecords } from './gtd-csv.js';
import type { Dataset, EvalResult } from './types.js';

/**
 * Merge precision at scale: every ACLED note of a file is ingested as one document (published the
 * day after its event, as in the `acled` eval) into one fresh store, in one batch, and the store's
 * incidents are read back as a clustering of notes. Each ACLED row is its own event, so every
 * incident that holds notes of two events is a wrong join. B-cubed and pairwise precision against
 * the event ids; recall is 1 by construction when nothing joins, and is not the point here.
 */
export async function scoreAcledMerge(records: Record<string, string>[], opts: { keepDb?: string } = {}): Promise<{ clustering: Clustering; gold: Clustering; wrong: { incident: number; events: string[] }[]; stored: number }> {
  // `keepDb`: write the store there and keep it, for scripts/merge-acled.ts to look at the wrong joins.
  const dir = mkdtempSync(join(tmpdir(), 'dossier-acled-merge-'));
  const store = await openStore(opts.keepDb ?? join(dir, 'acled.db'));
  const gold: Clustering = new Map();
  const eventOfDoc = new Map<string, string>();
  try {
    for (const rec of records) {
      const id = rec.event_id_cnty ?? '';
      const doc = intakeBuffer(Buffer.from(`${dayAfter(rec.event_date ?? '')}\n\n${rec.notes ?? ''}\n`), `acled:${id}`, 'text');
      gold.set(id, id);
      if (await store.hasDocument(doc.id)) continue;
      eventOfDoc.set(doc.id, id);
      await processAndSave(store, doc);
    }
    const byDoc = new Map<string, { r: IncidentReport; incident: number }[]>();
    for (const inc of await store.listIncidents()) for (const r of inc.reports) (byDoc.get(r.docId) ?? byDoc.set(r.docId, []).get(r.docId)!).push({ r, incident: inc.id });
    const clustering: Clustering = new Map();
    const members = new Map<number, Set<string>>();
    for (const [docId, event] of eventOfDoc) {
      const list = byDoc.get(docId) ?? [];
      const main = list.length ? primaryReport(list.map((x) => x.r)) : null;
      const incident = main ? list.find((x) => x.r.id === main.id)!.incident : null;
      clustering.set(event, incident === null ? `none:${event}` : `incident:${incident}`);
      // Any report, not only the main one: an incident holding reports of two events is a wrong join.
      for (const x of list) (members.get(x.incident) ?? members.set(x.incident, new Set()).get(x.incident)!).add(event);
    }
    const wrong = [...members].filter(([, evs]) => evs.size > 1).map(([incident, evs]) => ({ incident, events: [...evs] }));
    return { clustering, gold, wrong, stored: (await store.counts()).incidents };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const ACLED_MERGE: Dataset = {
  name: 'acled-merge',
  input: 'file',
  description: 'ACLED notes ingested as one batch: no incident may join two coded events (merge precision)',
  async run(dataPath, options): Promise<EvalResult> {
    const t0 = Date.now();
    let records = csvRecords(readFileSync(dataPath, 'utf8')).filter((r) => (r.notes ?? '').trim() !== '');
    if (options.limit) records = records.slice(0, options.limit);
    const s = await scoreAcledMerge(records);
    const gold = new Map([...s.gold].filter(([k]) => s.clustering.has(k)));
    const b = bcubed(gold, s.clustering);
    const p = pairwise(gold, s.clustering);
    return {
      dataset: 'acled-merge',
      data: dataPath,
      items: records.length,
      rows: [
        { name: 'pairwise (main reports)', precision: p.precision, support: p.predicted },
        { name: 'incidents holding reports of 2+ events', support: s.wrong.length },
        { name: 'stored incidents', support: s.stored },
        { name: 'predicted clusters of notes', support: clustersOf(s.clustering).size },
      ],
      overall: { name: 'b-cubed (main reports)', precision: b.precision, recall: b.recall, f1: b.f1, support: b.items },
      notes: [
        'each ACLED row is its own event: any incident holding notes of two events is a wrong join',
        `wrong joins (first 10): ${s.wrong.slice(0, 10).map((w) => `${w.incident}: ${w.events.join('+')}`).join('; ') || 'none'}`,
      ],
      predictions: Object.fromEntries(s.clustering),
      seconds: (Date.now() - t0) / 1000,
    };
  },
};
