import type { Annotations, Claim, Doc, IncidentReport, Quote } from '../model/index.js';
import type { Gazetteer } from '../nlp/gazetteer/index.js';
import { applyPlacements, facilityKey, type Placement } from './facility-places.js';
import { entityOf, shortFormsInDocument } from './entities.js';
import { hamming, simhash } from './simhash.js';
import { BODY_REGION_KINDS, containment, factsChanged, indexSamples, MIN_CONTAINMENT, pairUpdate, sketch, sketchFromBuffer, sketchToBuffer, type CopySide } from './near-copy.js';
import { canonicalDocOrder, clusterRow, IncidentFinder, joinable, SeenRows, type ClusterRow } from './candidates.js';
import type { EntityMention, ResolutionPort, StoredSide } from './port.js';
import type { ResolveResources } from './resources.js';
import { searchText } from './words.js';
import { Consolidator } from './consolidate.js';

export { searchText };

/**
 * Saving a document is resolving it: is it a copy of one stored (a repost, or an update), which
 * stored incident does each of its reports join, which stored incidents does it show to be one, and
 * which entities do its mentions name. All of that is decided here, against the narrow
 * ResolutionPort; a backend runs it inside one write transaction and only persists and queries.
 *
 * Tunables:
 */
/** Candidates compared on their whole sketch, most shared index samples first. */
const MAX_COPY_CANDIDATES = 8;
/** Surface forms kept per entity. */
export const MAX_ALIASES = 50;

/** A relation between two mentions, as src/extract/relations finds it. */
export interface RelationInput {
  subject: { key: string; text: string; type: string };
  predicate: string;
  object: { key: string; text: string; type: string };
  evidence: { start: number; end: number };
}

/** What else a document brings besides its reports. */
export interface SaveExtras {
  placements?: Placement[];
  claims?: Claim[];
  quotes?: Quote[];
  relations?: RelationInput[];
}

export interface SaveResult {
  /**
   * stored; duplicate (same bytes); repost (a near copy of a stored document that reports the same
   * facts: kept as another location of it); update (a near copy that reports other facts: stored,
   * its reports joined to the original's incidents, counted as the same source).
   */
  status: 'stored' | 'duplicate' | 'repost' | 'update';
  incidentIds: number[];
  /** For a repost: the stored document it repeats (SimHash bits apart, share of shingles shared). */
  repostOf?: { id: string; source: string; distance: number; overlap: number };
  /** For an update: the stored document it revises. */
  updateOf?: { id: string; source: string; overlap: number };
  /** Incidents that already existed and gained a report from this document. */
  mergedInto?: number[];
}

export interface SaveInput {
  doc: Doc;
  ann: Annotations;
  reports: IncidentReport[];
  pipelineVersion: number;
  extras?: SaveExtras;
  /**
   * For `dossier reprocess`: the document as it was stored before (its text and its reports with
   * their incidents), already removed. Its new reports are paired with the old ones by anchor sentence
   * and stay in the incidents they were in, so incident ids (and the reviews keyed by them) survive;
   * and it is stored again even if it now reads as a repost of another document.
   */
  previous?: StoredSide;
}

/** A stored document that a new one nearly copies. */
interface NearCopy {
  id: string;
  source: string;
  overlap: number;
  /** The document itself, or the original it is an update of: what counts as the source. */
  origin: string;
}

/** The body of a document (no title, byline or caption): what reposts share. */
export function bodyText(doc: Pick<Doc, 'text' | 'regions'>): string {
  const parts = doc.regions.filter((r) => BODY_REGION_KINDS.includes(r.kind)).map((r) => doc.text.slice(r.start, r.end));
  return parts.length ? parts.join('\n') : doc.text;
}

/**
 * Resolves and saves documents through a port. One per store: it caches what stored reports' words
 * say of them (see IncidentFinder), which stays true whoever else writes.
 */
export class Resolver {
  private readonly finder: IncidentFinder;
  private readonly consolidator: Consolidator;

  constructor(private readonly res: ResolveResources) {
    this.finder = new IncidentFinder(res);
    this.consolidator = new Consolidator(res, this.finder);
  }

  /**
   * Save a document, then consolidate the incidents it touched (src/resolve/consolidate.ts), in the
   * caller's one write: the clusters come out the same whatever order the documents arrive in.
   */
  async saveAndConsolidate(port: ResolutionPort, input: SaveInput): Promise<SaveResult> {
    const seen = new SeenRows();
    const res = await this.save(port, input, seen);
    if (!res.incidentIds.length) return res;
    // In order (after every document its reports were compared with): the online step already made
    // what a replay would. Documents mostly arrive in publication order, so this is the common case.
    if (!seen.latest || canonicalDocOrder({ docId: input.doc.id, published: input.doc.meta.published }, seen.latest) > 0) return res;
    const done = await this.consolidator.consolidate(port, [...res.incidentIds, ...(res.mergedInto ?? [])]);
    if (!done.moved) return res;
    // Reports moved: say which incidents this document's reports are in now.
    const side = await port.storedSide(input.doc.id);
    const now = new Map((side?.reports ?? []).map((r) => [r.report.index, r.incident]));
    const incidentIds = input.reports.map((r, i) => now.get(r.index) ?? res.incidentIds[i]!);
    return { ...res, incidentIds };
  }

  async save(port: ResolutionPort, input: SaveInput, seen?: SeenRows): Promise<SaveResult> {
    const { doc, reports } = input;
    const extras = input.extras ?? {};
    if (await port.hasDocument(doc.id)) return { status: 'duplicate', incidentIds: [] };
    await placeByKnownFacilities(port, reports, this.res.gazetteer);
    // A repost of a stored document is not stored; an update is, and joins the original's incidents.
    const body = bodyText(doc);
    const sk = sketch(body);
    const { repost, updateOf, derivedFrom, paired } = await this.nearCopyOutcome(port, input, body, sk);
    if (repost) return repost;
    await port.insertDocument({
      doc, pipelineVersion: input.pipelineVersion, sketch: sk.length ? sketchToBuffer(sk) : null, samples: indexSamples(sk), derivedFrom, annotations: input.ann,
    });
    const { ids, merged } = await this.saveReports(port, input, paired, seen);
    await port.insertClaims(doc.id, extras.claims ?? [], extras.quotes ?? []);
    const entityIds = await port.saveEntities(doc.id, entityMentions(input.ann, this.res.gazetteer));
    for (const rel of extras.relations ?? []) await port.insertRelation(doc.id, entityIds.get(rel.subject.key) ?? null, entityIds.get(rel.object.key) ?? null, rel);
    await saveLinks(port, doc, reports, ids, extras.claims ?? []);
    await savePlacements(port, doc, extras.placements ?? [], this.res.gazetteer);
    // One shape for every stored document's result, the fields it lacks undefined: a merge or an
    // update, each first met after V8 had optimised `save`, made it compile `save` again (issue 11).
    return { status: updateOf ? 'update' : 'stored', incidentIds: ids, mergedInto: merged.length ? merged : undefined, updateOf: updateOf ?? undefined };
  }

  /**
   * What a stored near copy makes of a document. A near copy with the same facts makes it a repost:
   * another location of that document, not a new source (`repost`, with the location added). With
   * other facts it is an update (`updateOf`): stored, its reports paired with the original's incidents
   * (`paired`), and counted as the same source (`derivedFrom`). A reprocessed document's reports pair
   * with its previous ones.
   *
   * A method of its own, called for every document, because the paths reposts and updates take are
   * rare and first taken after `save` is optimised. V8 does not inline this method into `save` (its
   * bytecode is over V8's limit for an inlined function, 460 bytes; `--trace-turbo-inlining` says
   * "reason: 5"), so those paths deoptimise it alone, not `save`, which was compiled again once or
   * twice an ingest (issue 11).
   */
  private async nearCopyOutcome(port: ResolutionPort, input: SaveInput, body: string, sk: Uint32Array): Promise<{
    repost: SaveResult | null; updateOf: SaveResult['updateOf'] | null; derivedFrom: string | null; paired: Map<number, { incident: number; reason: string }>;
  }> {
    const { doc, reports } = input;
    const copy = await findNearCopy(port, sk);
    const side = copy ? await port.storedSide(copy.id) : null;
    if (!input.previous && copy && side && !factsChanged({ text: doc.text, regions: doc.regions, reports, claims: input.extras?.claims ?? [] }, copySide(side))) {
      const distance = repostDistance(body, side);
      await port.addLocation(copy.id, doc, distance, copy.overlap);
      return { repost: { status: 'repost', incidentIds: [], repostOf: { id: copy.id, source: copy.source, distance, overlap: copy.overlap } }, updateOf: null, derivedFrom: null, paired: new Map() };
    }
    const paired = input.previous
      ? pairWithPrevious(doc, reports, input.previous)
      : copy && side ? pairWithOriginal(doc, reports, side) : new Map<number, { incident: number; reason: string }>();
    const updateOf = copy ? { id: copy.id, source: copy.source, overlap: copy.overlap } : null;
    return { repost: null, updateOf, derivedFrom: copy ? copy.origin : null, paired };
  }

  private async saveReports(port: ResolutionPort, input: SaveInput, paired: Map<number, { incident: number; reason: string }>, seen?: SeenRows): Promise<{ ids: number[]; merged: number[] }> {
    const { doc, ann } = input;
    const ids: number[] = [];
    const merged: number[] = [];
    const taken = new Set<number>([...paired.values()].map((p) => p.incident));
    for (const r of input.reports) {
      // The same incident reported by another document joins its incident; otherwise this report
      // starts one. Two reports of one document are never joined here: the document told them apart.
      const pair = paired.get(r.index);
      const words = searchText(doc, r);
      const me = clusterRow(doc.id, r, doc.meta.published, ann.dates, doc.text);
      const match = pair ? null : await this.finder.find(port, me, taken, words, seen);
      let incidentId: number;
      if (pair) incidentId = pair.incident;
      else if (match) {
        incidentId = match.id;
        // A report that matches two stored incidents shows they are one: "the attack at Charlie
        // Hebdo's offices in Paris on 7 January" joins an undated Paris report and a dated one with no
        // place, whichever came first. Arrival order must not decide the clusters.
        let rows: ClusterRow[] = match.matched.get(incidentId)!;
        for (const [other, otherRows] of match.matched) {
          if (other === incidentId || !joinable(rows, otherRows, this.res)) continue;
          // A reviewer's split stands: what resolution would join, a person said are two events.
          if (await port.keptApart(incidentId, other)) continue;
          await port.joinIncidents(incidentId, other);
          rows = rows.concat(otherRows);
        }
      } else incidentId = await port.newIncident();
      if (pair || match) merged.push(incidentId);
      taken.add(incidentId);
      ids.push(incidentId);
      const facilityKeys = [...new Set((r.facilities ?? []).map((f) => facilityKey(f.value, this.res.gazetteer)).filter(Boolean))];
      await port.insertReport({ docId: doc.id, incidentId, report: r, mergeReason: pair ? pair.reason : match ? match.reason : null, words, facilityKeys });
      // What its words say is what its stored document would say: later saves need not read it back.
      this.finder.remember(r.id, me);
    }
    return { ids, merged };
  }
}

/**
 * How many bits a repost's SimHash lies from its original's: the one place the SimHash is read, so it
 * is made here, of both bodies, not for every document saved (issue 11: about 45 ms a pass over
 * MUC-4's train documents, for the few reposts among them). The original's body is its stored text
 * and regions, what its SimHash was made of when it was stored. 0 when either text is too short.
 */
function repostDistance(body: string, original: Pick<Doc, 'text' | 'regions'>): number {
  const a = simhash(body);
  const b = simhash(bodyText(original));
  return a && b ? hamming(a, b) : 0;
}

/** Place a new document's reports by facilities other documents locate. */
async function placeByKnownFacilities(port: ResolutionPort, reports: IncidentReport[], gaz: Gazetteer): Promise<void> {
  const keys = [...new Set(reports.flatMap((r) => (r.facilities ?? []).map((f) => facilityKey(f.value, gaz))).filter(Boolean))];
  const known = keys.length ? await port.placementsFor(keys) : [];
  if (!known.length) return;
  const titles = await titlesOf(port, known);
  for (const r of reports) applyPlacements(r, known, (id) => titles.get(id)!, gaz);
}

async function titlesOf(port: ResolutionPort, placements: readonly Placement[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const p of placements) if (!titles.has(p.docId)) titles.set(p.docId, await port.titleOf(p.docId));
  return titles;
}

/**
 * The stored document this sketch nearly copies, if any. Candidates share one of the stored
 * document's smallest samples (its index entries); each is then compared on its whole sketch.
 */
async function findNearCopy(port: ResolutionPort, sk: Uint32Array): Promise<NearCopy | null> {
  if (!sk.length) return null;
  const hits = await port.documentsBySketchSamples([...sk]);
  const cands = [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_COPY_CANDIDATES);
  const rows = await port.sketchesOf(cands.map(([id]) => id));
  let best: NearCopy | null = null;
  for (const [id] of cands) {
    const row = rows.get(id);
    if (!row) continue;
    const overlap = containment(sk, sketchFromBuffer(row.sketch));
    if (overlap >= MIN_CONTAINMENT && (!best || overlap > best.overlap)) {
      best = { id: row.id, source: row.source, overlap: Math.round(overlap * 1000) / 1000, origin: row.derivedFrom ?? row.id };
    }
  }
  return best;
}

function copySide(side: NonNullable<Awaited<ReturnType<ResolutionPort['storedSide']>>>): CopySide {
  return { text: side.text, regions: side.regions, reports: side.reports.map((r) => r.report), claims: side.claims };
}

/** An update's reports paired with the incidents of its original's (see pairUpdate). */
function pairWithOriginal(doc: Doc, reports: IncidentReport[], orig: NonNullable<Awaited<ReturnType<ResolutionPort['storedSide']>>>): Map<number, { incident: number; reason: string }> {
  const out = new Map<number, { incident: number; reason: string }>();
  for (const [index, p] of pairUpdate(reports, doc.text, orig.reports, orig.text)) {
    out.set(index, { incident: p.incident, reason: `an update of "${orig.title ?? orig.source}": the same article, revised (anchor sentences ${Math.round(p.overlap * 100)}% the same)` });
  }
  return out;
}

/** A reprocessed document's reports paired with the incidents its earlier reports were in. */
function pairWithPrevious(doc: Doc, reports: IncidentReport[], prev: StoredSide): Map<number, { incident: number; reason: string }> {
  const out = new Map<number, { incident: number; reason: string }>();
  for (const [index, p] of pairUpdate(reports, doc.text, prev.reports, prev.text)) {
    out.set(index, { incident: p.incident, reason: `reprocessed: kept in its incident (anchor sentences ${Math.round(p.overlap * 100)}% the same)` });
  }
  return out;
}

/** Canonical entities: every person, organisation, place and facility mention, with the key it resolves to. */
function entityMentions(ann: Annotations, gaz: Gazetteer): EntityMention[] {
  const short = shortFormsInDocument(ann.mentions);
  const out: EntityMention[] = [];
  for (const m of ann.mentions) {
    const key = short.get(m.key);
    const e = entityOf(key ? { ...m, key } : m, gaz);
    if (!e) continue;
    out.push({ key: e.key, type: e.type, name: e.name, geonameid: e.geonameid, start: m.start, end: m.end, text: m.text, alias: m.text.replace(LEADING_THE, '') });
  }
  return out;
}
const LEADING_THE = /^the\s+/i;

/** Incidents a claim links ("likely synchronized") are linked, both ways. */
async function saveLinks(port: ResolutionPort, doc: Doc, reports: IncidentReport[], ids: number[], claims: Claim[]): Promise<void> {
  const incidentOf = new Map<number, number>(reports.map((r, i) => [r.index, ids[i]!]));
  for (const c of claims) {
    if (c.kind.value !== 'linkage') continue;
    const linked = [...new Set(c.incidents.map((ix) => incidentOf.get(ix)).filter((x): x is number => x !== undefined))];
    for (const a of linked) for (const b of linked) if (a !== b) await port.linkIncidents(a, b, 'linked_by_claim', c.id, doc.id);
  }
}

/** What this document teaches places earlier reports of the same facility. */
async function savePlacements(port: ResolutionPort, doc: Doc, placements: Placement[], gaz: Gazetteer): Promise<void> {
  for (const p of placements) {
    await port.insertPlacement(p, doc.id);
    const rows = await port.reportsNamingFacility(p.key, doc.id);
    if (!rows.length) continue;
    const titles = await titlesOf(port, [p]);
    for (const row of rows) if (applyPlacements(row.report, [p], (id) => titles.get(id)!, gaz)) await port.updateReport(row.id, row.report);
  }
}
