import type { Annotations, Claim, Doc, DocMeta, IncidentReport, Quote } from '../model/index.js';
import type { Placement } from '../resolve/facility-places.js';

/** What a backend can do; callers branch on these, never on the backend's name. */
export interface StoreCapabilities {
  /** Full-text search over incident text (`--text`). */
  fullTextSearch: boolean;
  /** Several processes may write at once. */
  concurrentWriters: boolean;
}

export interface IncidentFilter {
  /** Inclusive ISO date bounds, compared at the incident date's precision. */
  from?: string;
  to?: string;
  /** Country name or ISO 3166-1 alpha-2 code. */
  country?: string;
  /** Our kind, or an ACLED/PLOVER/GTD type name, case-insensitive. */
  type?: string;
  /** Words that must occur in the incident's text (label, sentences, places, actors). */
  text?: string;
}

export interface StoredDocument {
  id: string;
  meta: DocMeta;
  text: string;
  ingestedAt: string;
}

export interface StoredIncident {
  /** Short numeric id users type: `dossier show 12`. */
  id: number;
  reports: IncidentReport[];
  /**
   * Independent sources: documents, with an update and the article it revises counted once
   * (a repost is not a document of its own at all).
   */
  sources: number;
}

export interface StoredEntity {
  id: number;
  key: string;
  type: string;
  name: string;
  geonameid: number | null;
  aliases: string[];
  mentions: number;
  documents: number;
}

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

/**
 * The one narrow interface every backend implements. A document and all its
 * annotations and reports are saved in one transaction: a crash mid-batch
 * leaves every earlier document intact and this one absent.
 */
export interface Store {
  readonly capabilities: StoreCapabilities;
  hasDocument(id: string): boolean;
  /**
   * Save a document, its annotations and reports. `extras.placements` are facility
   * locations the document states; they place this document's reports and
   * earlier ones that name the same facility but no city (in the same transaction).
   */
  saveDocument(doc: Doc, ann: Annotations, reports: IncidentReport[], pipelineVersion: number, extras?: SaveExtras): SaveResult;
  /**
   * Run `fn` in one write transaction: the documents it saves are committed together (a crash loses
   * all of them and none of the earlier ones; saving them again stores each once). A save that fails
   * inside rolls back alone.
   */
  transaction<T>(fn: () => T): T;
  /** Claims across the store, optionally filtered by source (name or entity key, case-insensitive substring) and kind. */
  listClaims(filter?: { source?: string; kind?: string }): Claim[];
  /** Quotes across the store, optionally filtered by speaker. */
  listQuotes(filter?: { speaker?: string }): Quote[];
  /** The claims of one document. */
  claimsOf(docId: string): Claim[];
  /** The claims of one document about one of its reports (IncidentReport.index): only those are parsed. */
  claimsAbout(docId: string, reportIndex: number): Claim[];
  listEntities(filter?: { type?: string }): StoredEntity[];
  getEntity(id: number): (StoredEntity & { mentionList: { docId: string; start: number; end: number; text: string }[] }) | null;
  /** Relations stored with their evidence, where the entity is subject or object. */
  relationsOf(entityId: number): { docId: string; subject: number | null; subjectText: string; predicate: string; object: number | null; objectText: string; data: unknown }[];
  /** Every incident that takes part in a link (see linksOf). */
  linkedIncidentIds(): number[];
  /** Incidents the texts link to this one, with the claim that links them. */
  linksOf(incidentId: number): { other: number; kind: string; claimId: string | null; docId: string }[];
  /** Other places a stored document's text was found. */
  locationsOf(docId: string): { source: string; title: string | null; published: string | null; distance: number; overlap: number | null }[];
  /** A stored document; its text may be read from the store when first used, so use it before close(). */
  getDocument(id: string): StoredDocument | null;
  getAnnotations(id: string): Annotations | null;
  listIncidents(filter?: IncidentFilter): StoredIncident[];
  /** The same incidents as listIncidents, in id order, read one at a time (memory flat in their number). */
  eachIncident(filter?: IncidentFilter): IterableIterator<StoredIncident>;
  getIncident(id: number): StoredIncident | null;
  /** Ids of the incidents a document reports. */
  incidentIdsOfDocument(docId: string): number[];
  counts(): { documents: number; incidents: number; reports: number };
  /** Facts about the store itself (`made_by`: `demo` for a store `dossier demo` may replace). */
  getInfo(key: string): string | null;
  setInfo(key: string, value: string): void;
  /** The document a stored update revises, if it is one. */
  originalOf(docId: string): string | null;
  close(): void;
}
