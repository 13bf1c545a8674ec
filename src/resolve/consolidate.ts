import { isoOfDate, type DateMention, type IncidentReport } from '../model/index.js';
import { facilityKey } from './facility-places.js';
import { canonicalDocOrder, clusterRow, IncidentFinder, joinable, type ClusterRow } from './candidates.js';
import type { BlockKey, ResolutionPort, StoredReport } from './port.js';
import type { ResolveResources } from './resources.js';
import { searchText } from './words.js';

/**
 * Consolidation: the clusters as a function of the reports, not of their arrival order.
 *
 * Saving a document joins each report to the best incident stored so far (the resolver's online
 * step). That greedy step depends on order, because the merge is not transitive: an undated wire
 * report of the Charlie Hebdo shooting is vetoed by the Hyper Cacher siege two days later, so
 * whether it joins the shooting depends on whether the siege's reports were already in that
 * incident when it came. Several workers commit in an order of their own, so the same documents
 * could end in different clusters.
 *
 * After a batch, consolidation takes each touched incident's component (the incidents holding a
 * report that one of its reports may be the same incident as, closed under that relation), and replays the component's reports in one canonical
 * order (publication date, then document id, then report index) through the same finder and the
 * same join rule, in memory. It then moves the reports whose cluster changed. The canonical order
 * is the order news arrives in, so a store fed in that order is left as it was.
 *
 * A component holding an incident a reviewer acted on is left alone: reviews are the truth.
 *
 * Incident ids stay stable: a replayed cluster keeps the id of the stored incident that held most
 * of its reports (ties: the lower id); an incident left empty is joined into the one that took
 * most of its reports (`joinIncidents`, which records where it went).
 *
 * Tunables:
 */
/**
 * A component larger than this is left as the online step made it: the replay compares every
 * report with the clusters before it, so its cost grows with the square of the component. The merge
 * corpus's largest component is 9 incidents. On ACLED's 3,749 dev notes, in any order, none is larger
 * since components follow only reports that may be the same incident (`IncidentFinder.related`);
 * when they followed shared blocks, a busy country's date windows chained hundreds.
 */
export const MAX_COMPONENT_INCIDENTS = 60;

export interface ConsolidationResult {
  /** Components replayed, and components left alone for their size. */
  components: number;
  tooLarge: number;
  /** Components left alone because a reviewer acted on one of their incidents. */
  reviewed: number;
  /** Reports that moved to another incident. */
  moved: number;
}

/** A stored report as the port gives it. */
type StoredRow = StoredReport;

/** A stored report as the replay sees it. */
interface Member {
  id: string;
  docId: string;
  report: IncidentReport;
  published: string | null;
  incident: number;
  words: string;
  dates: DateMention[];
  text: string;
  facilityKeys: string[];
  dateIso: string | null;
  country: string | null;
  /** For a report of an update (a near copy with new facts): its original's report it was paired with. */
  pairedWith: string | null;
}

/** What the finder asks a port for, answered from the clusters the replay has built so far. */
class MemoryClusters {
  readonly clusters = new Map<number, Member[]>();
  private next = 1;

  constructor(private readonly docWords: Map<string, { text: string; dates: DateMention[] }>) {}

  add(cluster: number, m: Member): void {
    this.clusters.get(cluster)!.push(m);
  }

  newIncident(): Promise<number> {
    const id = this.next++;
    this.clusters.set(id, []);
    return Promise.resolve(id);
  }

  joinIncidents(keep: number, drop: number): Promise<void> {
    this.clusters.get(keep)!.push(...this.clusters.get(drop)!);
    this.clusters.delete(drop);
    return Promise.resolve();
  }

  /** The clusters holding a report inside any block, as the stores' block scans would (no limits). */
  candidates(blocks: readonly BlockKey[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const [id, members] of this.clusters) if (members.some((m) => blocks.some((b) => inBlock(m, b)))) out.add(id);
    return Promise.resolve(out);
  }

  async candidateReports(blocks: readonly BlockKey[], skip?: ReadonlySet<number>): Promise<Map<number, StoredReport[]>> {
    const out = new Map<number, StoredReport[]>();
    for (const id of await this.candidates(blocks)) if (!skip?.has(id)) out.set(id, this.reportsOfIncident(id));
    return out;
  }

  reportsOfIncident(id: number): StoredReport[] {
    const members = [...(this.clusters.get(id) ?? [])].sort((a, b) => cmp(a.docId, b.docId) || a.report.index - b.report.index);
    return members.map((m) => ({ id: m.id, docId: m.docId, report: m.report, published: m.published }));
  }

  documentsWords(docIds: readonly string[]): Promise<Map<string, { text: string; dates: DateMention[] }>> {
    const out = new Map<string, { text: string; dates: DateMention[] }>();
    for (const id of docIds) out.set(id, this.docWords.get(id) ?? { text: '', dates: [] });
    return Promise.resolve(out);
  }

  incidentWords(id: number): Promise<string[]> {
    return Promise.resolve((this.clusters.get(id) ?? []).map((m) => m.words));
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether a report falls in a block: the same tests the SQL block scans make (src/store/sql/sql-port.ts). */
function inBlock(m: Member, b: BlockKey): boolean {
  switch (b.kind) {
    case 'facility':
      return m.facilityKeys.includes(b.key);
    case 'country-days':
      return m.country === (b.country === null ? null : b.country.toUpperCase()) && m.dateIso !== null && m.dateIso >= b.lo && m.dateIso <= b.hi;
    case 'any-days':
      return m.dateIso !== null && m.dateIso >= b.lo && m.dateIso <= b.hi;
    case 'country-period':
      return m.country === b.country.toUpperCase() && m.dateIso === b.period;
    case 'undated-published':
      return m.dateIso === null && m.country === b.country.toUpperCase() && m.published !== null && m.published >= b.lo && m.published <= b.hi;
  }
}

/** Canonical order: the documents' (canonicalDocOrder), then report index. */
function canonical(a: Member, b: Member): number {
  return canonicalDocOrder(a, b) || a.report.index - b.report.index;
}

export class Consolidator {
  constructor(
    private readonly res: ResolveResources,
    private readonly finder: IncidentFinder = new IncidentFinder(res),
    private readonly maxComponent = MAX_COMPONENT_INCIDENTS,
  ) {}

  /** Replay the components of these incidents; see the file comment. */
  async consolidate(port: ResolutionPort, seeds: Iterable<number>): Promise<ConsolidationResult> {
    const out: ConsolidationResult = { components: 0, tooLarge: 0, reviewed: 0, moved: 0 };
    const seen = new Set<number>();
    for (const seed of [...new Set(seeds)].sort((a, b) => a - b)) {
      if (seen.has(seed)) continue;
      const rows = await this.component(port, seed, seen);
      if (!rows) {
        out.tooLarge++;
        continue;
      }
      const ids = [...rows.keys()].sort((a, b) => a - b);
      // A lone incident needs a replay only when it holds reports of several documents.
      if (ids.length < 2 && new Set(rows.get(ids[0]!)!.map((r) => r.docId)).size < 2) continue;
      // A reviewer's merges, splits and corrections are the truth from then on: a replay could undo them.
      if (await port.underReview(ids)) {
        out.reviewed++;
        continue;
      }
      out.components++;
      out.moved += await this.replay(port, rows);
    }
    return out;
  }

  /**
   * The incidents reachable from `seed` through reports that may be the same incident
   * (`IncidentFinder.related`), each with the reports read on the way (the replay uses them as they
   * are); null past the size limit.
   */
  private async component(port: ResolutionPort, seed: number, seen: Set<number>): Promise<Map<number, StoredRow[]> | null> {
    const ids = new Map<number, StoredRow[]>();
    const queue = [seed];
    seen.add(seed);
    while (queue.length) {
      const id = queue.shift()!;
      const rows = await port.reportsOfIncident(id);
      ids.set(id, rows);
      for (const me of await this.finder.rowsOf(port, rows)) {
        for (const c of await this.finder.related(port, me, seen)) {
          seen.add(c);
          queue.push(c);
          if (ids.size + queue.length > this.maxComponent) return null;
        }
      }
    }
    return ids;
  }

  /** Replay one component in canonical order and move what changed; returns the reports moved. */
  private async replay(port: ResolutionPort, rows: Map<number, StoredRow[]>): Promise<number> {
    const { members, docWords } = await this.load(port, rows);
    const mem = new MemoryClusters(docWords);
    const byDoc = new Map<string, Member[]>();
    // An update's reports stay with the original's reports they were paired with (the resolver
    // pairs them by content); they are placed last, once their partners have their clusters.
    const pinned = members.filter((m) => m.pairedWith !== null);
    for (const m of members.filter((x) => x.pairedWith === null).sort(canonical)) byDoc.set(m.docId, [...(byDoc.get(m.docId) ?? []), m]);
    for (const docMembers of byDoc.values()) {
      const taken = new Set<number>();
      for (const m of docMembers) {
        const me: ClusterRow = clusterRow(m.docId, m.report, m.published, m.dates, m.text);
        const match = await this.finder.find(mem, me, taken, m.words);
        let id: number;
        if (match) {
          id = match.id;
          let rows = match.matched.get(id)!;
          for (const [other, otherRows] of match.matched) {
            if (other === id || !mem.clusters.has(other) || !joinable(rows, otherRows, this.res)) continue;
            await mem.joinIncidents(id, other);
            rows = rows.concat(otherRows);
          }
        } else id = await mem.newIncident();
        taken.add(id);
        mem.add(id, m);
      }
    }
    for (const m of pinned) {
      const home = [...mem.clusters].find(([, ms]) => ms.some((x) => x.id === m.pairedWith));
      mem.add(home ? home[0] : await mem.newIncident(), m);
    }
    return this.writeBack(port, members, mem.clusters);
  }

  private async load(port: ResolutionPort, rows: Map<number, StoredRow[]>): Promise<{ members: Member[]; docWords: Map<string, { text: string; dates: DateMention[] }> }> {
    const members: Member[] = [];
    const docWords = new Map<string, { text: string; dates: DateMention[] }>();
    for (const [incident, stored] of [...rows].sort((a, b) => a[0] - b[0])) {
      for (const r of stored) {
        let w = docWords.get(r.docId);
        if (!w) docWords.set(r.docId, (w = await port.documentWords(r.docId)));
        const loc = r.report.locations[0]?.value.place;
        members.push({
          id: r.id, docId: r.docId, report: r.report, published: r.published, incident, words: searchText({ text: w.text }, r.report),
          dates: w.dates, text: w.text, dateIso: isoOfDate(r.report.date.value), country: loc?.countryCode ? loc.countryCode.toUpperCase() : null,
          pairedWith: null,
          facilityKeys: [...new Set((r.report.facilities ?? []).map((f) => facilityKey(f.value, this.res.gazetteer)).filter((k): k is string => !!k))],
        });
      }
    }
    await pairUpdates(port, members);
    return { members, docWords };
  }

  /**
   * Give each replayed cluster a stored incident id (the one holding most of its reports, ties to
   * the lower id; a new incident when all are taken), move the reports whose incident changed, and
   * join each incident left empty into the one that took most of its reports.
   */
  private async writeBack(port: ResolutionPort, members: Member[], clusters: Map<number, Member[]>): Promise<number> {
    const groups = [...clusters.values()].filter((g) => g.length).sort((a, b) => b.length - a.length || cmp(minId(a), minId(b)));
    const used = new Set<number>();
    const target = new Map<Member[], number>();
    for (const g of groups) {
      const votes = new Map<number, number>();
      for (const m of g) votes.set(m.incident, (votes.get(m.incident) ?? 0) + 1);
      const best = [...votes].filter(([id]) => !used.has(id)).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      const id = best ? best[0] : await port.newIncident();
      used.add(id);
      target.set(g, id);
    }
    let moved = 0;
    const changed = new Set<number>();
    for (const [g, id] of target) {
      for (const m of g) {
        if (m.incident === id) continue;
        await port.moveReport(m.id, id);
        changed.add(m.incident).add(id);
        moved++;
      }
    }
    if (!moved) return 0;
    for (const id of changed) {
      if (!used.has(id)) continue;
      const g = [...target].find(([, t]) => t === id)![0];
      await port.rebuildIncident(id, g.map((m) => ({ words: m.words, dateIso: m.dateIso })));
    }
    for (const old of new Set(members.map((m) => m.incident))) {
      if (used.has(old)) continue;
      const taken = new Map<number, number>();
      for (const [g, id] of target) taken.set(id, g.filter((m) => m.incident === old).length);
      const keep = [...taken].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
      // Its words left with its reports; what it keeps is its links, and where it went.
      await port.rebuildIncident(old, []);
      await port.joinIncidents(keep, old);
    }
    return moved;
  }
}

const minId = (g: Member[]): string => g.reduce((lo, m) => (m.id < lo ? m.id : lo), g[0]!.id);

/**
 * Mark each report of an update with the report of its original that shares its stored incident
 * (the pairing the resolver made when the update came): consolidation keeps that pair together.
 */
async function pairUpdates(port: ResolutionPort, members: Member[]): Promise<void> {
  // Every member document's origin in one read, not one per document.
  const rows = await port.sketchesOf([...new Set(members.map((m) => m.docId))]);
  for (const m of members) {
    const from = rows.get(m.docId)?.derivedFrom;
    if (!from) continue;
    const partner = members.find((x) => x.docId === from && x.incident === m.incident);
    if (partner) m.pairedWith = partner.id;
  }
}
