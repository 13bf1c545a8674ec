import type { Annotations, Claim, Doc, DocMeta, IncidentReport, Quote } from '../model/index.js';
import type { ResolutionPort } from '../resolve/port.js';
import type { ReviewStore } from '../review/types.js';

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
  /** Part of a perpetrator's or target's name, case-insensitive ("shabaab"). */
  actor?: string;
  /** A report's first place inside this box: [west, south, east, north] in degrees. */
  bbox?: [number, number, number, number];
  /** A report's first place's first-level division (state, province), case-insensitive: "kabul". */
  admin1?: string;
  /** Only incidents whose counting reports disagree on a figure or the date (src/resolve/conflicts.ts), or only those that do not. */
  hasConflicts?: boolean;
  /** Only incidents a reviewer has acted on (any record that stands), or only those none has. */
  reviewed?: boolean;
  /**
   * Leave out incidents a reviewer rejected as not an incident. Default true: listings and exports
   * leave them out; false keeps them (an API client syncing, a reviewer looking back).
   */
  excludeRejected?: boolean;
}

/** Keyset order: ascending (the default), or descending (newest or highest id first; undated incidents still last). */
export type SortOrder = 'asc' | 'desc';

/** Where a page in date order starts: after this incident's sort date and id (null: from the first). */
export interface DateKey {
  date: string;
  id: number;
}

/** Another place a stored document's text was found (a repost, a syndicated copy). */
export interface DocumentLocation {
  source: string;
  title: string | null;
  published: string | null;
  distance: number;
  overlap: number | null;
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

/** A chart's bucket: a day, month, country code or type, with its incidents and their deaths. */
export interface StatsBucket {
  key: string;
  incidents: number;
  killed: number;
}

/**
 * Counts of the incidents a filter keeps (rejected ones left out), under the conservative headline
 * policy: day and month keys are ISO prefixes ('unknown' when the date is not that precise), countries
 * are ISO codes with a name, types our kinds. Buckets by key in order; countries and types most first.
 */
export interface IncidentStats {
  incidents: number;
  killed: number;
  injured: number;
  byDay: StatsBucket[];
  byMonth: StatsBucket[];
  byCountry: (StatsBucket & { name: string | null })[];
  byType: StatsBucket[];
}

/** One incident on a map or timeline: [id, lat, lon, date (ISO, any precision), killed]. */
export type IncidentPoint = [number, number | null, number | null, string | null, number | null];

/** Metadata of a stored document, without its text. */
export interface StoredDocumentMeta {
  id: string;
  meta: DocMeta;
}

/** One page of incidents in keyset order, and the key to ask for the next (null: the last page). */
export interface IncidentPage {
  incidents: StoredIncident[];
  next: number | null;
}

/**
 * The one narrow interface every backend implements: it persists and queries, and decides nothing.
 * Resolution (src/resolve/resolver.ts) runs inside `write`, through the port it is given. Every
 * method is async, so a server database fits it as well as the embedded one.
 */
export interface Store extends ReviewStore {
  readonly capabilities: StoreCapabilities;
  /** `sqlite` or `postgres`: for messages and benchmarks only; callers branch on capabilities. */
  readonly backend: 'sqlite' | 'postgres';
  hasDocument(id: string): Promise<boolean>;
  /**
   * Which of `ids` are stored, in one query: `dossier ingest` asks once per batch before extracting,
   * instead of once per document (a round trip each on a server database).
   */
  storedDocuments(ids: readonly string[]): Promise<Set<string>>;
  /**
   * The store's write revision: it moves with every committed write transaction, from any process
   * (a reader keeps an answer only while the revision it was made under is the store's).
   */
  revision(): Promise<number>;
  /**
   * Run `fn` in one write transaction with the resolution port. Inside `transaction`, it runs as a
   * savepoint: a save that fails rolls back alone. A crash leaves every committed document intact and
   * the open one absent.
   */
  write<T>(fn: (port: ResolutionPort) => Promise<T>): Promise<T>;
  /**
   * Run `fn` in one write transaction: the documents it saves are committed together (a crash loses
   * all of them and none of the earlier ones; saving them again stores each once).
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Claims across the store, optionally filtered by source (name or entity key, case-insensitive substring) and kind. */
  listClaims(filter?: { source?: string; kind?: string }): Promise<Claim[]>;
  /** Quotes across the store, optionally filtered by speaker. */
  listQuotes(filter?: { speaker?: string }): Promise<Quote[]>;
  /** The claims of one document. */
  claimsOf(docId: string): Promise<Claim[]>;
  /** The quotes of one document. */
  quotesOf(docId: string): Promise<Quote[]>;
  /** The claims of one document about one of its reports (IncidentReport.index): only those are parsed. */
  claimsAbout(docId: string, reportIndex: number): Promise<Claim[]>;
  listEntities(filter?: { type?: string }): Promise<StoredEntity[]>;
  getEntity(id: number): Promise<(StoredEntity & { mentionList: { docId: string; start: number; end: number; text: string }[] }) | null>;
  /** Relations stored with their evidence, where the entity is subject or object. */
  relationsOf(entityId: number): Promise<{ docId: string; subject: number | null; subjectText: string; predicate: string; object: number | null; objectText: string; data: unknown }[]>;
  /** Every incident that takes part in a link (see linksOf). */
  linkedIncidentIds(): Promise<number[]>;
  /** Incidents the texts link to this one, with the claim that links them. */
  linksOf(incidentId: number): Promise<{ other: number; kind: string; claimId: string | null; docId: string }[]>;
  /** Other places a stored document's text was found. */
  locationsOf(docId: string): Promise<DocumentLocation[]>;
  /**
   * For many documents at once: the document each revises (`originalOf`) and where else its text
   * was found (`locationsOf`), in two queries, not two per document (an incident's page).
   */
  documentSources(docIds: readonly string[]): Promise<Map<string, { updateOf: string | null; alsoAt: DocumentLocation[] }>>;
  /** A stored document with its text. */
  getDocument(id: string): Promise<StoredDocument | null>;
  /** A stored document's metadata only (listing incidents needs publication dates, not texts). */
  getDocumentMeta(id: string): Promise<StoredDocumentMeta | null>;
  /** Many documents' metadata in one query per 500 (a listing's page). */
  getDocumentMetas(ids: readonly string[]): Promise<Map<string, StoredDocumentMeta>>;
  /** Many documents with their texts, in one query per 500 (an export's page). */
  getDocuments(ids: readonly string[]): Promise<Map<string, StoredDocument>>;
  /** The claims of many documents, by document, in one query per 500. */
  claimsOfDocuments(ids: readonly string[]): Promise<Map<string, Claim[]>>;
  /** A document's annotation layers, each parsed when first used. */
  getAnnotations(id: string): Promise<Annotations | null>;
  listIncidents(filter?: IncidentFilter): Promise<StoredIncident[]>;
  /** The same incidents as listIncidents, in id order, a page at a time (memory flat in their number). */
  eachIncident(filter?: IncidentFilter): AsyncIterableIterator<StoredIncident>;
  /** One page of the incidents a filter keeps, in id order, after incident `after` (keyset pagination). */
  /** incidentPage's ids alone (no report is read): the API lists a page from the stored summaries. */
  incidentIdPage(filter: IncidentFilter, after: number | null, limit: number, order?: SortOrder): Promise<{ ids: number[]; next: number | null }>;
  /** incidentPageByDate's ids alone. */
  incidentIdPageByDate(filter: IncidentFilter, after: DateKey | null, limit: number, order?: SortOrder): Promise<{ ids: number[]; next: DateKey | null }>;
  /** Incidents by id, in the order given; ids with no incident are left out. */
  getIncidents(ids: readonly number[]): Promise<StoredIncident[]>;
  /**
   * The stored list summaries (migration 13: the JSON of incidentSummary under the conservative
   * policy, kept as reports and reviews change) of those of `ids` that have one written.
   */
  storedSummaries(ids: readonly number[]): Promise<Map<number, string>>;
  incidentPage(filter: IncidentFilter, after: number | null, limit: number, order?: SortOrder): Promise<IncidentPage>;
  /** How many incidents a filter keeps (one query; the API's `with_total`). */
  countIncidents(filter?: IncidentFilter): Promise<number>;
  /**
   * One page of the incidents a filter keeps, in date order (an incident's earliest report date;
   * undated ones last), after `after` (keyset pagination: the cost of page 1,000 is that of page 1).
   */
  incidentPageByDate(filter: IncidentFilter, after: DateKey | null, limit: number, order?: SortOrder): Promise<{ incidents: StoredIncident[]; next: DateKey | null }>;
  getIncident(id: number): Promise<StoredIncident | null>;
  /**
   * Counts by day, month, country and type of the incidents a filter keeps, as SQL aggregates over
   * each incident's stored headline (the conservative policy, reviews applied): the same answer as
   * walking every incident's summary, at the cost of three grouped scans.
   */
  incidentStats(filter?: IncidentFilter): Promise<IncidentStats>;
  /** Map and timeline points of the incidents a filter keeps, highest id first, at most `limit`; `truncated` when more were left. */
  incidentPoints(filter: IncidentFilter, limit: number): Promise<{ points: IncidentPoint[]; truncated: boolean }>;
  /** Ids of the incidents a document reports. */
  incidentIdsOfDocument(docId: string): Promise<number[]>;
  counts(): Promise<{ documents: number; incidents: number; reports: number }>;
  /** Facts about the store itself (`made_by`: `demo` for a store `dossier demo` may replace). */
  getInfo(key: string): Promise<string | null>;
  setInfo(key: string, value: string): Promise<void>;
  /** The document a stored update revises, if it is one. */
  originalOf(docId: string): Promise<string | null>;
  /** The web intake's state: raw bytes, URLs, validators, feeds (migration 11). */
  webState(): WebState;
  close(): Promise<void>;
}

/** How a document came in (migration 11): its raw bytes, for `dossier reprocess`, and where it was fetched. */
export interface IntakeRecord {
  docId: string;
  raw: Buffer;
  contentType: string | null;
  charset: string | null;
  url: string | null;
  finalUrl: string | null;
  /** Where the publication date came from: `page`, `feed <url>`, `sitemap <url>`; null when there is none. */
  publishedFrom: string | null;
  fetchedAt: string;
}

/** One item a feed or sitemap listed, and what became of it. */
export interface FeedItemState {
  key: string;
  url: string;
  published: string | null;
  /** stored | duplicate: handled for good; retry: a transient failure, tried again next poll; failed: given up. */
  status: 'stored' | 'duplicate' | 'retry' | 'failed';
  docId: string | null;
  attempts: number;
  error: string | null;
}

/** What a reprocess keeps of a document while it is saved again (see src/pipeline/reprocess.ts). */
export interface DetachedDocument {
  ingestedAt: string;
  locations: { source: string; contentHash: string; title: string | null; published: string | null; distance: number; addedAt: string; overlap: number | null }[];
}

/**
 * The web intake's state (migration 11): raw bytes, the URLs each document was reached by, HTTP
 * validators, followed feeds and the items they listed. Kept in the store, so a `dossier watch`
 * restarted elsewhere against the same store neither repeats nor misses an item.
 */
export interface WebState {
  putIntake(rec: Omit<IntakeRecord, 'fetchedAt'>): Promise<void>;
  getIntake(docId: string): Promise<IntakeRecord | null>;
  /** The document any of these URLs (canonical keys) already reached, if one did. */
  docOfUrls(urls: readonly string[]): Promise<string | null>;
  addUrls(docId: string, urls: readonly string[]): Promise<void>;
  /** The URLs a document was reached by. */
  urlsOf(docId: string): Promise<string[]>;
  validators(url: string): Promise<{ etag: string | null; lastModified: string | null } | null>;
  setValidators(url: string, v: { etag: string | null; lastModified: string | null }): Promise<void>;
  addFeed(url: string): Promise<void>;
  feedPolled(url: string, kind: string | null, error: string | null): Promise<void>;
  listFeeds(): Promise<{ url: string; kind: string | null; lastPolledAt: string | null; lastError: string | null }[]>;
  feedItems(feedUrl: string, keys: readonly string[]): Promise<Map<string, FeedItemState>>;
  recordItem(feedUrl: string, item: FeedItemState): Promise<void>;
  /** Stored documents with their pipeline version and when they were stored, oldest first. */
  documentVersions(): Promise<{ id: string; pipelineVersion: number; ingestedAt: string; hasRaw: boolean }[]>;
  /** Inside store.write: delete a document and all that hangs off it, returning what must survive it. */
  detachDocument(docId: string): Promise<DetachedDocument | null>;
  /** Inside store.write, after the document is saved again: its first ingest time and its other locations back. */
  reattachDocument(docId: string, kept: DetachedDocument): Promise<void>;
}
