import type { Annotations, Claim, DateMention, Doc, IncidentReport, Quote } from '../model/index.js';
import type { Placement } from './facility-places.js';

/** What the near-copy check reads of a stored document. */
export interface SketchRow {
  id: string;
  source: string;
  sketch: Buffer | null;
  derivedFrom: string | null;
}

/**
 * The narrow port through which resolution (src/resolve/resolver.ts) talks to storage. Resolution
 * decides: is this a repost, an update, which incident does each report join, which incidents are
 * one. A backend only answers these lookups and persists what it is told, inside the write
 * transaction it opened for the document. Nothing here knows SQL, and nothing in a backend knows
 * how a merge is decided.
 */
export interface ResolutionPort {
  hasDocument(id: string): Promise<boolean>;

  // -- near copies: a sketch's index samples (src/resolve/near-copy.ts) are the blocking keys.
  /** Stored documents sharing any of these index samples, with how many each shares. */
  documentsBySketchSamples(samples: readonly number[]): Promise<Map<string, number>>;
  /** A stored document's sketch and origin (the document an update revises). */
  sketchOf(docId: string): Promise<SketchRow | null>;
  /** The same for several documents in one query, by id; an id not stored is left out. */
  sketchesOf(docIds: readonly string[]): Promise<Map<string, SketchRow>>;
  /** A stored document's text, regions, title and reports (with their incidents) and claims. */
  storedSide(docId: string): Promise<StoredSide | null>;

  // -- facility placements, by facility key (src/resolve/facility-places.ts).
  placementsFor(keys: readonly string[]): Promise<Placement[]>;
  /** "Title" or a short document name, for the reason a placement gives. */
  titleOf(docId: string): Promise<string>;
  /** Stored reports of other documents that name a facility with this key. */
  reportsNamingFacility(key: string, exceptDoc: string): Promise<{ id: string; report: IncidentReport }[]>;
  /** Replace a stored report (a placement located it). */
  updateReport(id: string, report: IncidentReport): Promise<void>;

  // -- merging
  /** Incidents holding a report that falls in any of these blocks. */
  candidates(blocks: readonly BlockKey[]): Promise<Set<number>>;
  /**
   * The same incidents as `candidates`, each with its reports (as `reportsOfIncident` gives them): the
   * finder's one read per report, not one per block and one per incident. Incidents in `skip` are
   * left out, reports and all: the finder never compares a report with an incident its own document
   * already took, and reading them back made a document of n reports cost n² (fuzz: 500 reports, 30 s).
   */
  candidateReports(blocks: readonly BlockKey[], skip?: ReadonlySet<number>): Promise<Map<number, StoredReport[]>>;
  /** The reports of a stored incident, with their documents' publication dates. */
  reportsOfIncident(id: number): Promise<StoredReport[]>;
  /** What a stored report's sentence says besides its fields: its document's text and date mentions. */
  documentWords(docId: string): Promise<{ text: string; dates: DateMention[] }>;
  /** `documentWords` of many documents at once (a document not stored is left out). */
  documentsWords(docIds: readonly string[]): Promise<Map<string, { text: string; dates: DateMention[] }>>;
  /** The searchable words of an incident's reports (label, anchor sentence, places, actors). */
  incidentWords(id: number): Promise<string[]>;
  newIncident(): Promise<number>;
  /** Move one report to another incident (consolidation); the caller rebuilds both incidents' words. */
  moveReport(reportId: string, to: number): Promise<void>;
  /** Replace an incident's searchable words and sort date with those of the reports it now holds. */
  rebuildIncident(id: number, reports: readonly { words: string; dateIso: string | null }[]): Promise<void>;
  /** Move everything of incident `drop` into `keep`, and delete `drop` (its id then redirects to `keep`). */
  joinIncidents(keep: number, drop: number): Promise<void>;
  /**
   * Whether a reviewer has acted on any of these incidents (a review record, or a split that keeps
   * two apart): consolidation leaves such a component as the reviewer left it.
   */
  underReview(ids: readonly number[]): Promise<boolean>;
  /** Whether a reviewer split these two incidents apart: resolution must never join them again. */
  keptApart(a: number, b: number): Promise<boolean>;

  // -- persisting what resolution decided
  insertDocument(row: DocumentRow): Promise<void>;
  addLocation(originalId: string, doc: Doc, distance: number, overlap: number): Promise<void>;
  insertReport(row: ReportRow): Promise<void>;
  insertClaims(docId: string, claims: readonly Claim[], quotes: readonly Quote[]): Promise<void>;
  /** Upsert entities by key, record their mentions and new aliases; returns key → entity id. */
  saveEntities(docId: string, items: readonly EntityMention[]): Promise<Map<string, number>>;
  insertRelation(docId: string, subject: number | null, object: number | null, rel: { subject: { text: string }; predicate: string; object: { text: string } }): Promise<void>;
  linkIncidents(a: number, b: number, kind: string, claimId: string | null, docId: string): Promise<void>;
  insertPlacement(p: Placement, docId: string): Promise<void>;
}

/** A blocking key: where a report's incident may already be. Each kind is one index range scan. */
export type BlockKey =
  | { kind: 'facility'; key: string; limit: number }
  /** Reports in a country (null: reports that name no place) dated between two days. */
  | { kind: 'country-days'; country: string | null; lo: string; hi: string; limit: number }
  /** Reports of any country dated between two days (for a report that names no place). */
  | { kind: 'any-days'; lo: string; hi: string; limit: number }
  /** Reports in a country dated only to this month or year ("2024-06", "2024"). */
  | { kind: 'country-period'; country: string; period: string; limit: number }
  /** Undated reports in a country, from documents published between two days. */
  | { kind: 'undated-published'; country: string; lo: string; hi: string; limit: number };

/** A stored report as resolution reads it: its id, document, fields, and the document's publication date. */
export interface StoredReport {
  id: string;
  docId: string;
  report: IncidentReport;
  published: string | null;
}

export interface StoredSide {
  text: string;
  regions: Doc['regions'];
  title: string | null;
  source: string;
  reports: { report: IncidentReport; incident: number }[];
  claims: Claim[];
}

export interface DocumentRow {
  doc: Doc;
  pipelineVersion: number;
  sketch: Buffer | null;
  samples: number[];
  derivedFrom: string | null;
  annotations: Annotations;
}

export interface ReportRow {
  docId: string;
  incidentId: number;
  report: IncidentReport;
  mergeReason: string | null;
  /** The incident's searchable words this report brings. */
  words: string;
  facilityKeys: string[];
}

export interface EntityMention {
  key: string;
  type: string;
  name: string;
  geonameid: number | null;
  start: number;
  end: number;
  text: string;
  alias: string;
}
