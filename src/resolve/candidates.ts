import type { DateMention, IncidentReport } from '../model/index.js';
import { facilityKey } from './facility-places.js';
import { dateBlock, exactDay, properWords, RECENT_DAYS, sameIncident, sentenceDays, type MergeContext, type MergeDecision, type SentenceDay } from './merge.js';
import { primaryReport } from './headline.js';
import { localitiesOf } from './localities.js';
import type { BlockKey, ResolutionPort, StoredReport } from './port.js';

/** What finding a report's incident reads: a store's port, or the clusters a consolidation replays in memory. */
export type FinderPort = Pick<ResolutionPort, 'candidateReports' | 'documentsWords' | 'incidentWords'>;
import type { ResolveResources } from './resources.js';
import type { Gazetteer } from '../nlp/gazetteer/index.js';

/**
 * Which stored incident a new report joins. Candidates come from blocking keys (facility name;
 * country and date window; publication dates for undated reports), so the cost grows with the
 * candidates, not with the store; src/resolve/merge.ts then decides each pair.
 *
 * Tunables: candidates read per block (a block past these is a city at war; the nearest dates come first).
 */
const LIMIT_FACILITY = 200;
const LIMIT_DAYS = 500;
const LIMIT_PERIOD = 200;
const LIMIT_UNDATED = 200;
/** Stored reports whose words (days, localities) are cached before the cache is dropped: about 200 bytes each. */
const REPORT_CACHE_MAX = 200_000;
const DAY = 86_400_000;

/** A stored report of a candidate incident, as the merge compares it. */
export interface ClusterRow {
  docId: string;
  report: IncidentReport;
  published: string | null;
  /** For an undated report, the days its own sentence names (see `sentenceDays`). */
  days: SentenceDay[];
  /** Whether its date is a calendar day written in its own sentence (see `exactDay`). */
  exact: boolean;
  /** The localities its own sentence names (see `localitiesOf`). */
  localities: string[];
}

/** What the merge knows of two reports' documents (see MergeContext). */
export const contextOf = (a: ClusterRow, b: ClusterRow): MergeContext => ({
  publishedA: a.published, publishedB: b.published, sentenceDaysA: a.days, sentenceDaysB: b.days, exactA: a.exact, exactB: b.exact,
  localitiesA: a.localities, localitiesB: b.localities,
});

/** A report as the merge compares it, with what its document's date mentions say of its date. */
export function clusterRow(docId: string, report: IncidentReport, published: string | null, dates: readonly DateMention[], text: string): ClusterRow {
  return {
    docId, report, published, days: report.date.value.precision === 'unknown' ? sentenceDays(report, dates, published) : [], exact: exactDay(report, dates),
    localities: localitiesOf(text.slice(report.anchor.start, report.anchor.end)),
  };
}

/** What a stored report's own words say of it (cached by IncidentFinder). */
type ReportWords = Pick<ClusterRow, 'days' | 'exact' | 'localities'>;

/** A candidate incident that matches only weakly (MergeDecision.weak), with its reports. */
interface WeakMatch {
  id: number;
  reason: string;
  score: number;
  why: NonNullable<MergeDecision['weak']>;
  rows: ClusterRow[];
}

export interface IncidentMatch {
  id: number;
  reason: string;
  /** Every stored incident the report matches, with its reports (the caller joins those that may be one). */
  matched: Map<number, ClusterRow[]>;
}

/**
 * How report `r` matches a stored incident: its best match among the incident's reports (a strong one
 * before a weak one), or null when none matches or any of them vetoes `r` (an undated report must not
 * bridge two incidents of one city a few days apart).
 */
function bestMatchIn(me: ClusterRow, rows: readonly ClusterRow[], res: ResolveResources): { score: number; reason: string; weak: WeakMatch['why'] | undefined } | null {
  let top: { score: number; reason: string; weak: WeakMatch['why'] | undefined } | null = null;
  for (const row of rows) {
    const dec = sameIncident(me.report, row.report, res, contextOf(me, row));
    if (dec.veto) return null;
    if (dec.same && (!top || (top.weak && !dec.weak) || dec.score > top.score)) top = { score: dec.score, reason: dec.reasons.join('; '), weak: dec.weak };
  }
  return top;
}

/** The blocks where report `r`'s incident may already be stored. */
export function blocksOf(r: IncidentReport, published: string | null, gaz: Gazetteer): BlockKey[] {
  const out: BlockKey[] = [];
  for (const f of r.facilities ?? []) {
    const key = facilityKey(f.value, gaz);
    if (key) out.push({ kind: 'facility', key, limit: LIMIT_FACILITY });
  }
  const block = dateBlock(r);
  const countries = [...new Set(r.locations.map((l) => l.value.place.countryCode))];
  if (block) {
    for (const c of countries) {
      out.push({ kind: 'country-days', country: c, lo: block.lo, hi: block.hi, limit: LIMIT_DAYS });
      for (const coarse of [block.month, block.year]) if (coarse) out.push({ kind: 'country-period', country: c, period: coarse, limit: LIMIT_PERIOD });
    }
    // A report that names no place: candidates of any country on its days (merge.ts still needs a
    // same-day match); a report that does: stored reports that name no place, on its days.
    if (countries.length) out.push({ kind: 'country-days', country: null, lo: block.lo, hi: block.hi, limit: LIMIT_DAYS });
    else out.push({ kind: 'any-days', lo: block.lo, hi: block.hi, limit: LIMIT_DAYS });
  }
  const fmt = (t: number): string => new Date(t).toISOString().slice(0, 10);
  const pub = published ? Date.parse(`${published.slice(0, 10)}T00:00:00Z`) : NaN;
  const d = r.date.value;
  // Stored undated reports in the report's countries, from documents published within RECENT_DAYS
  // after its date (or around its own publication when it is undated too): arrival order must not
  // decide whether an undated report can be joined.
  let undated: [string, string] | null = null;
  if (d.precision === 'day' && d.year !== null && d.month !== null && d.day !== null) {
    const t = Date.UTC(d.year, d.month - 1, d.day);
    undated = [fmt(t), fmt(t + RECENT_DAYS * DAY)];
  } else if (d.precision === 'unknown' && !Number.isNaN(pub)) undated = [fmt(pub - RECENT_DAYS * DAY), fmt(pub + RECENT_DAYS * DAY)];
  if (undated) for (const c of countries) out.push({ kind: 'undated-published', country: c, lo: undated[0], hi: undated[1], limit: LIMIT_UNDATED });
  // An undated report: candidates in its countries dated in the days before its publication.
  if (!block && !Number.isNaN(pub)) {
    const lo = fmt(pub - RECENT_DAYS * DAY);
    const hi = fmt(pub);
    for (const c of countries) {
      out.push({ kind: 'country-days', country: c, lo, hi, limit: LIMIT_DAYS });
      out.push({ kind: 'country-period', country: c, period: hi.slice(0, 7), limit: LIMIT_PERIOD });
    }
  }
  return out;
}

/**
 * Finds a report's stored incident through the port. It caches what a stored report's words say of
 * it (its days, written day, localities), by report id: a report's anchor and date never change once
 * stored, and reading its document's text and date layer again for every candidate doubled the time
 * of a batch. A report saved through this finder's resolver is cached as it is saved (`remember`), so
 * its document is read back only by another process, or after the cache was dropped.
 */
export class IncidentFinder {
  private readonly words = new Map<string, ReportWords>();

  constructor(private readonly res: ResolveResources) {}

  /** What a report just saved says of itself: the same words its stored document would give. */
  remember(reportId: string, row: ClusterRow): void {
    if (this.words.size >= REPORT_CACHE_MAX) this.words.clear();
    this.words.set(reportId, { days: row.days, exact: row.exact, localities: row.localities });
  }

  /**
   * The words of these stored reports, by report id: from the cache, or (those not cached) from their
   * documents, read in one lookup. Returned whole, so a cache dropped half way loses none of them.
   */
  private async wordsOf(port: FinderPort, stored: readonly StoredReport[]): Promise<Map<string, ReportWords>> {
    const out = new Map<string, ReportWords>();
    const missing: StoredReport[] = [];
    for (const x of stored) {
      const w = this.words.get(x.id);
      if (w) out.set(x.id, w);
      else missing.push(x);
    }
    if (!missing.length) return out;
    const docs = await port.documentsWords([...new Set(missing.map((x) => x.docId))]);
    for (const x of missing) {
      const { text, dates } = docs.get(x.docId) ?? { text: '', dates: [] };
      const row = clusterRow(x.docId, x.report, x.published, dates, text);
      out.set(x.id, { days: row.days, exact: row.exact, localities: row.localities });
      this.remember(x.id, row);
    }
    return out;
  }

  /** Stored reports as the merge compares them (their words from the cache or their documents). */
  async rowsOf(port: FinderPort, stored: readonly StoredReport[]): Promise<ClusterRow[]> {
    const said = await this.wordsOf(port, stored);
    return stored.map((x): ClusterRow => ({ docId: x.docId, report: x.report, published: x.published, ...said.get(x.id)! }));
  }

  /**
   * The stored incidents, other than those in `skip`, that hold a report of another document which
   * `me` may be the same incident as, or which may be the same incident as `me` (sameIncident's
   * `same`, strong or weak, either way round). Only such incidents can change where `me` goes: `find`
   * passes over a candidate none of whose reports is the same as `me`, whatever else it holds; and
   * every stored incident is a chain of such pairs, since a report joins a cluster only through one.
   * So these are consolidation's neighbours (src/resolve/consolidate.ts), where sharing a block was
   * before: a busy country's days chained hundreds of incidents that no report could join.
   */
  async related(port: FinderPort, me: ClusterRow, skip: ReadonlySet<number>): Promise<number[]> {
    const cands = await port.candidateReports(blocksOf(me.report, me.published, this.res.gazetteer), skip);
    const ids = [...cands.keys()].filter((id) => !skip.has(id)).sort((a, b) => a - b);
    const said = await this.wordsOf(port, ids.flatMap((id) => cands.get(id)!));
    const same = (x: StoredReport): boolean => {
      if (x.docId === me.docId) return false;
      const row: ClusterRow = { docId: x.docId, report: x.report, published: x.published, ...said.get(x.id)! };
      return sameIncident(me.report, row.report, this.res, contextOf(me, row)).same || sameIncident(row.report, me.report, this.res, contextOf(row, me)).same;
    };
    return ids.filter((id) => cands.get(id)!.some(same));
  }

  /**
   * The stored incident this report describes, if any, and the other stored incidents it also
   * matches (each with its reports, for the caller to join).
   */
  async find(port: FinderPort, me: ClusterRow, taken: Set<number>, words: string, seen?: SeenRows): Promise<IncidentMatch | null> {
    let best: { id: number; reason: string; score: number } | null = null;
    const weak: WeakMatch[] = [];
    const matched = new Map<number, ClusterRow[]>();
    const cands = await port.candidateReports(blocksOf(me.report, me.published, this.res.gazetteer), taken);
    const ids = [...cands.keys()].filter((id) => !taken.has(id)).sort((a, b) => a - b);
    const said = await this.wordsOf(port, ids.flatMap((id) => cands.get(id)!));
    for (const id of ids) {
      const rows = cands.get(id)!.map((x): ClusterRow => ({ docId: x.docId, report: x.report, published: x.published, ...said.get(x.id)! }));
      if (seen) for (const x of rows) seen.add(x.docId, x.published);
      if (rows.some((x) => x.docId === me.docId)) continue;
      const top = bestMatchIn(me, rows, this.res);
      if (!top) continue;
      if (top.weak) {
        weak.push({ id, score: top.score, reason: top.reason, why: top.weak, rows });
        continue;
      }
      matched.set(id, rows);
      if (!best || top.score > best.score) best = { id, score: top.score, reason: top.reason };
    }
    // Weak matches stand only when nothing else could be meant (MergeDecision.weak). Each that
    // stands counts: the best of them when nothing matched strongly, and every one is offered to the
    // caller to join with the strong match (an undated wire report of an attack in Paris, and a
    // placeless report of the same day naming the magazine, both stored before the dated report).
    // Arrival order must not decide which of them gets joined.
    const picks = weak.length ? await resolveWeak(port, me, weak, words, this.res) : [];
    for (const p of picks) {
      if (!best) best = p;
      if (!matched.has(p.id)) matched.set(p.id, weak.find((w) => w.id === p.id)!.rows);
    }
    return best ? { id: best.id, reason: best.reason, matched } : null;
  }
}

/**
 * The latest document, in consolidation's canonical order (publication date, undated last, then
 * id), among the stored reports a save compared its reports with. A document that comes after all
 * of them arrived in order, and consolidating after it would change nothing.
 */
export class SeenRows {
  latest: { docId: string; published: string | null } | null = null;

  add(docId: string, published: string | null): void {
    if (!this.latest || canonicalDocOrder({ docId, published }, this.latest) > 0) this.latest = { docId, published };
  }
}

/** Consolidation's canonical order of documents: publication date (undated last), then id. */
export function canonicalDocOrder(a: { docId: string; published: string | null }, b: { docId: string; published: string | null }): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;
}

/** Whether two stored incidents may become one: no document in both, and no report of one vetoing a report of the other. */
export function joinable(a: readonly ClusterRow[], b: readonly ClusterRow[], res: ResolveResources): boolean {
  if (a.some((x) => b.some((y) => x.docId === y.docId))) return false;
  return !a.some((x) => b.some((y) => sameIncident(x.report, y.report, res, contextOf(x, y)).veto));
}

/**
 * The weak matches (MergeDecision.weak) that stand, because nothing else could be meant:
 * - 'undated' and 'region': the one candidate that matches best, by a clear margin ("the siege" in
 *   Paris is the Hyper Cacher siege, of its kind, not the Charlie Hebdo shooting two days before);
 * - 'no-place' and 'late': a distinctive proper name in both reports' words, and in no other candidate's.
 * At most one of each; the first is the better match.
 */
async function resolveWeak(port: FinderPort, me: ClusterRow, weak: WeakMatch[], words: string, res: ResolveResources): Promise<{ id: number; reason: string; score: number }[]> {
  const out: { id: number; reason: string; score: number }[] = [];
  // Ranked by the best match among a candidate's reports, then by the match with its primary report
  // (what it mainly is): a stray report of another kind inside a cluster (a hostage-taking mentioned
  // in a report of the Charlie Hebdo shooting) must not make it the Hyper Cacher siege's equal.
  const byName = (w: WeakMatch): boolean => w.why === 'no-place' || w.why === 'late';
  const undated = weak.filter((w) => !byName(w)).map((w) => {
    const main = primaryReport(w.rows.map((x) => x.report));
    const row = w.rows.find((x) => x.report === main)!;
    const dec = sameIncident(me.report, main, res, contextOf(me, row));
    return { ...w, main: dec.same ? dec.score : 0 };
  }).sort((a, b) => b.score - a.score || b.main - a.main);
  const [first, second] = undated;
  if (first && (!second || first.score > second.score || first.main > second.main)) out.push({ ...first, reason: `${first.reason}; the one such incident there in those days` });
  const noPlace = weak.filter(byName);
  if (!noPlace.length) return out;
  const mine = properWords(words, true, res);
  const bodies = new Map<number, Set<string>>();
  for (const w of noPlace) bodies.set(w.id, properWords((await port.incidentWords(w.id)).join('\n'), true, res));
  const ok = noPlace.flatMap((w) => {
    const shared = [...mine].filter((x) => bodies.get(w.id)!.has(x) && ![...bodies].some(([id, b]) => id !== w.id && b.has(x)));
    return shared.length ? [{ ...w, reason: `${w.reason}; both name ${shared.join(', ')}` }] : [];
  });
  if (ok.length === 1) out.push(ok[0]!);
  return out.sort((a, b) => b.score - a.score);
}
