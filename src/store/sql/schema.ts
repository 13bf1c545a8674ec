import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them: one typed schema both dialects share (each has its own DDL in
 * migrations.ts). JSON columns are text in both, so a row reads the same from either.
 */
export interface DB {
  schema_migrations: { version: number; name: string; applied_at: string };
  store_info: { key: string; value: string };
  documents: {
    id: string;
    source: string;
    title: string | null;
    subtitle: string | null;
    author: string | null;
    publisher: string | null;
    published: string | null;
    language: string | null;
    format: string;
    url: string | null;
    text: string;
    regions: string;
    pipeline_version: number;
    ingested_at: string;
    simhash: string | null;
    sketch: Buffer | null;
    derived_from: string | null;
  };
  annotations: { doc_id: string; layer: string; data: string };
  incidents: {
    id: Generated<number>; created_at: string; sort_date: Generated<string>;
    /** Derived flags the filters read (migration 10): 1 or 0, kept as reviews and reports arrive. */
    reviewed: Generated<number>; rejected: Generated<number>; conflicts: Generated<number>;
    /** The stored headline (migration 12, src/store/sql/headline-sql.ts); h_stale 1: not computed yet. */
    h_stale: Generated<number>; h_date: string | null; h_country_code: string | null; h_country: string | null; h_kind: string | null;
    h_killed: number | null; h_injured: number | null; h_lat: number | null; h_lon: number | null;
    /** The API list's summary of the incident as JSON (migration 13); null until written. */
    summary: string | null;
  };
  reports: {
    id: string;
    doc_id: string;
    incident_id: number;
    idx: number;
    kind: string;
    date_iso: string | null;
    country_code: string | null;
    country_name: string | null;
    type_names: string;
    data: string;
    merge_reason: string | null;
    /** Perpetrators' and targets' names, lower-case, '|' around each (migration 9). */
    actors: string | null;
    lat: number | null;
    lon: number | null;
    /** The first place's admin1 name, lower-case (migration 10). */
    admin1: string | null;
  };
  /** Full-text search rows: FTS5 in SQLite, a tsvector column in PostgreSQL. */
  /** SQLite's rowid is (incident_id << 24) + n (migration 15, see sqlite.ts TEXT_ROW_BITS); PostgreSQL has none. */
  incident_text: { incident_id: number; body: string; rowid?: number };
  facility_places: { key: string; doc_id: string; data: string };
  report_facilities: { report_id: string; key: string };
  claims: { id: string; doc_id: string; kind: string; source: string; data: string };
  quotes: { id: string; doc_id: string; speaker: string; data: string };
  document_locations: {
    doc_id: string; source: string; content_hash: string; title: string | null; published: string | null; distance: number; added_at: string; overlap: number | null;
  };
  incident_links: { a: number; b: number; kind: string; claim_id: string | null; doc_id: string };
  entities: { id: Generated<number>; key: string; type: string; name: string; geonameid: number | null; aliases: string };
  entity_mentions: { entity_id: number; doc_id: string; start: number; end: number; text: string };
  relations: { doc_id: string; subject: number | null; subject_text: string; predicate: string; object: number | null; object_text: string; data: string };
  /** The near-copy index (migration 18): doc_key is sketch-keys.ts's key of the document's id. */
  sketch_keys: { sample: number; doc_key: number };
  /** Append-only (triggers refuse UPDATE and DELETE): see src/review/types.ts ReviewRecord. */
  review_records: { id: Generated<number>; incident_id: number; actor: string; at: string; kind: string; action: string; before: string; after: string; reason: string | null };
  tokens: { id: Generated<number>; hash: string; name: string; role: string; created_at: string; revoked_at: string | null; last_used_at: string | null };
  incident_redirects: { from_id: number; to_id: number; at: string; record_id: number | null };
  incident_changes: { seq: Generated<number>; at: string; incident_id: number; kind: string; into_id: number | null };
  incident_apart: { a: number; b: number };
  /** One row (id 1): bumped by every write transaction (migration 15). */
  store_revision: { id: number; n: number };
  /** The incidents each write transaction changed, labelled with its revision (migration 17, touches.ts). */
  incident_touches: { rev: number | null; incident_id: number };
  /** One row (id 1): the incidents an unfiltered listing shows, kept by triggers (migration 16). */
  incident_tally: { id: number; listed: number };
  /** Web intake (migration 11): see migrations.ts. */
  document_intake: {
    doc_id: string; raw: Buffer; content_type: string | null; charset: string | null; url: string | null; final_url: string | null; published_from: string | null; fetched_at: string;
  };
  document_urls: { url: string; doc_id: string; added_at: string };
  http_validators: { url: string; etag: string | null; last_modified: string | null; checked_at: string };
  feeds: { url: string; kind: string | null; added_at: string; last_polled_at: string | null; last_error: string | null };
  feed_items: {
    feed_url: string; item_key: string; url: string; published: string | null; status: string; doc_id: string | null; attempts: Generated<number>; error: string | null; seen_at: string;
  };
}
