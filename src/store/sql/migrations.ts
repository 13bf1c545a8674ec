/**
 * Schema migrations, per dialect, applied in order and recorded in `schema_migrations`. Never edit a
 * shipped migration: add a new one, to both lists, with the same version number, so a version means
 * the same schema in either database. PostgreSQL came in at version 8, so its first migration builds
 * the schema SQLite reached by then.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents, annotations, reports, incidents',
    sql: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,            -- SHA-256 of the raw input bytes
        source TEXT NOT NULL,
        title TEXT, subtitle TEXT, author TEXT, publisher TEXT,
        published TEXT,                 -- ISO date
        language TEXT, format TEXT NOT NULL, url TEXT,
        text TEXT NOT NULL,             -- the stored text all offsets refer to
        regions TEXT NOT NULL,          -- JSON
        pipeline_version INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
      );
      CREATE TABLE annotations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        layer TEXT NOT NULL,            -- sentences | mentions | dates | quantities | roles
        data TEXT NOT NULL,             -- JSON array of spans
        PRIMARY KEY (doc_id, layer)
      );
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL
      );
      -- One row per incident a document reports; an incident clusters reports.
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        date_iso TEXT,                  -- at the report's date precision
        country_code TEXT, country_name TEXT,
        type_names TEXT NOT NULL,       -- kind, ACLED, PLOVER and GTD names, for --type
        data TEXT NOT NULL              -- the full IncidentReport as JSON
      );
      CREATE INDEX reports_incident ON reports(incident_id);
      CREATE INDEX reports_doc ON reports(doc_id);
      CREATE INDEX reports_date ON reports(date_iso);
      CREATE VIRTUAL TABLE incident_text USING fts5(incident_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
    `,
  },
  {
    version: 2,
    name: 'facility placements learned from documents',
    sql: `
      -- "Crocus City Hall in Krasnogorsk": where a named facility is, as a document states it.
      CREATE TABLE facility_places (
        key TEXT NOT NULL,              -- distinctive words of the name, see src/resolve/facility-places.ts
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        data TEXT NOT NULL,             -- the Placement as JSON
        PRIMARY KEY (key, doc_id)
      );
      CREATE TABLE report_facilities (
        report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        PRIMARY KEY (report_id, key)
      );
      CREATE INDEX report_facilities_key ON report_facilities(key);
    `,
  },
  {
    version: 3,
    name: 'claims and quotes',
    sql: `
      CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,           -- source name and entity key, lower-case, for --source
        data TEXT NOT NULL              -- the Claim as JSON
      );
      CREATE INDEX claims_doc ON claims(doc_id);
      CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX quotes_doc ON quotes(doc_id);
    `,
  },
  {
    version: 4,
    name: 'cross-document merging and reposts',
    sql: `
      ALTER TABLE documents ADD COLUMN simhash TEXT;
      -- SimHash bands for finding reposts without scanning every document.
      CREATE TABLE simhash_bands (band TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, PRIMARY KEY (band, doc_id));
      -- Other places the same text was found (a blog reposting a news report).
      CREATE TABLE document_locations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT, published TEXT,
        distance INTEGER NOT NULL,      -- SimHash bits that differ
        added_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, content_hash)
      );
      ALTER TABLE reports ADD COLUMN merge_reason TEXT;
      CREATE INDEX reports_country_date ON reports(country_code, date_iso);
      -- Incidents the text links: "the strike … and the attacks in Dagestan were likely synchronized".
      CREATE TABLE incident_links (
        a INTEGER NOT NULL REFERENCES incidents(id),
        b INTEGER NOT NULL REFERENCES incidents(id),
        kind TEXT NOT NULL,             -- linked_by_claim
        claim_id TEXT,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (a, b, kind, doc_id)
      );
    `,
  },
  {
    version: 5,
    name: 'canonical entities',
    sql: `
      CREATE TABLE entities (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,       -- see src/resolve/entities.ts: geo:703448, org:islamic state, person:vladimir putin
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        geonameid INTEGER,
        aliases TEXT NOT NULL           -- JSON array of the surface forms seen
      );
      CREATE TABLE entity_mentions (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc_id, start, end)
      );
      CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
      CREATE TABLE relations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        subject INTEGER REFERENCES entities(id),
        subject_text TEXT NOT NULL,
        predicate TEXT NOT NULL,
        object INTEGER REFERENCES entities(id),
        object_text TEXT NOT NULL,
        data TEXT NOT NULL              -- the relation with its evidence, as JSON
      );
      CREATE INDEX relations_subject ON relations(subject);
      CREATE INDEX relations_object ON relations(object);
    `,
  },
  {
    version: 6,
    name: 'documents by publication date (undated reports as merge candidates)',
    sql: `
      CREATE INDEX documents_published ON documents(published);
    `,
  },
  {
    version: 7,
    name: 'near copies by shingle sketch; updates; store info',
    sql: `
      -- Sampled 5-word shingle hashes of the body (src/resolve/near-copy.ts), uint32 little-endian.
      ALTER TABLE documents ADD COLUMN sketch BLOB;
      -- A near copy with other facts (an update) points at the original it revises: one source, not two.
      ALTER TABLE documents ADD COLUMN derived_from TEXT;
      CREATE INDEX documents_derived_from ON documents(derived_from);
      -- Each document's smallest samples, to find its near copies without a scan.
      CREATE TABLE sketch_index (
        sample INTEGER NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (sample, doc_id)
      ) WITHOUT ROWID;
      -- Share of shingles a repost shares with the stored text.
      ALTER TABLE document_locations ADD COLUMN overlap REAL;
      -- Facts about the store itself: made_by = demo marks a store \`dossier demo\` may replace.
      CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 8,
    name: 'index-friendly country filter; documents\' origin and date without their text',
    sql: `
      -- Country codes are stored upper-case, so --country compares the column itself and
      -- reports_country_date serves it (lower(country_code) defeated the index).
      UPDATE reports SET country_code = upper(country_code) WHERE country_code <> upper(country_code);
      -- --country with a name ("afghanistan").
      CREATE INDEX reports_country_name ON reports(lower(country_name), date_iso);
      -- Covering: a report's source (coalesce(derived_from, id)) and a document's metadata are read
      -- from the index, never from the document row (its text spills over pages; derived_from comes after it).
      CREATE INDEX documents_origin ON documents(id, derived_from, published, source, title, subtitle, author, publisher, language, format, url);
    `,
  },
  {
    version: 9,
    name: 'actor and place columns for the API filters; incidents in date order',
    sql: `
      -- What --actor and --bbox compare, out of the report's JSON: perpetrators' and targets' names
      -- (lower-case, '|' around each), and the first place's coordinates.
      ALTER TABLE reports ADD COLUMN actors TEXT;
      ALTER TABLE reports ADD COLUMN lat REAL;
      ALTER TABLE reports ADD COLUMN lon REAL;
      UPDATE reports SET
        lat = json_extract(data, '$.locations[0].value.place.lat'),
        lon = json_extract(data, '$.locations[0].value.place.lon'),
        actors = '|' || lower(coalesce((SELECT group_concat(json_extract(j.value, '$.value.name'), '|')
                   FROM (SELECT value FROM json_each(data, '$.perpetrators') UNION ALL SELECT value FROM json_each(data, '$.targets')) j), '')) || '|';
      CREATE INDEX reports_lat_lon ON reports(lat, lon);
      -- An incident's earliest report date ('9999' when none is dated: undated incidents sort last),
      -- kept as reports arrive, so the API pages incidents in date order by keyset.
      ALTER TABLE incidents ADD COLUMN sort_date TEXT NOT NULL DEFAULT '9999';
      UPDATE incidents SET sort_date = coalesce((SELECT min(date_iso) FROM reports r WHERE r.incident_id = incidents.id), '9999');
      CREATE INDEX incidents_sort_date ON incidents(sort_date, id);
    `,
  },
  {
    version: 10,
    name: 'review: append-only audit records, tokens, redirects, the changes feed; admin1 and review flags for the filters',
    sql: `
      -- One row per reviewer action (src/review/types.ts ReviewRecord). Append-only: the triggers
      -- below refuse any UPDATE or DELETE, and the code has no path that issues one.
      CREATE TABLE review_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident_id INTEGER NOT NULL,   -- the incident as it was when the record was written
        actor TEXT NOT NULL,
        at TEXT NOT NULL,               -- ISO 8601 UTC
        kind TEXT NOT NULL,             -- the action's kind, for queries
        action TEXT NOT NULL,           -- the ReviewAction as JSON
        before TEXT NOT NULL,           -- JSON
        after TEXT NOT NULL,            -- JSON
        reason TEXT
      );
      CREATE INDEX review_records_incident ON review_records(incident_id, id);
      CREATE TRIGGER review_records_no_update BEFORE UPDATE ON review_records BEGIN SELECT RAISE(ABORT, 'review_records is append-only'); END;
      CREATE TRIGGER review_records_no_delete BEFORE DELETE ON review_records BEGIN SELECT RAISE(ABORT, 'review_records is append-only'); END;
      -- API tokens: only the SHA-256 of the token is kept; a name is unique among live tokens.
      CREATE TABLE tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('reader', 'reviewer', 'admin')),
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      );
      CREATE UNIQUE INDEX tokens_live_name ON tokens(name) WHERE revoked_at IS NULL;
      -- An incident merged into another (by a reviewer or by resolution) answers with a redirect.
      -- Kept flat: when the target is merged in turn, its redirects are pointed at the new target.
      CREATE TABLE incident_redirects (
        from_id INTEGER PRIMARY KEY,
        to_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        record_id INTEGER               -- the review record that merged it; null when resolution did
      );
      CREATE INDEX incident_redirects_to ON incident_redirects(to_id);
      -- The changes feed a client follows: created, updated, reviewed, merged (into), deleted.
      CREATE TABLE incident_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        incident_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        into_id INTEGER
      );
      -- Incidents a reviewer split apart: resolution never joins them again.
      CREATE TABLE incident_apart (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b));
      -- Flags the filters read, kept by the store as reviews and reports arrive (derived, not audit).
      ALTER TABLE incidents ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;
      -- Any disagreement findConflicts (src/resolve/conflicts.ts) would report: two figures of a count, or two dates.
      UPDATE incidents SET conflicts = 1 WHERE id IN (
        SELECT incident_id FROM reports GROUP BY incident_id HAVING count(*) > 1 AND (count(DISTINCT date_iso) > 1
          OR count(DISTINCT json_extract(data, '$.killedTotal.value.qualifier') || ':' || json_extract(data, '$.killedTotal.value.value')) > 1
          OR count(DISTINCT json_extract(data, '$.killedVictims.value.qualifier') || ':' || json_extract(data, '$.killedVictims.value.value')) > 1
          OR count(DISTINCT json_extract(data, '$.killedPerpetrators.value.qualifier') || ':' || json_extract(data, '$.killedPerpetrators.value.value')) > 1
          OR count(DISTINCT json_extract(data, '$.injured.value.qualifier') || ':' || json_extract(data, '$.injured.value.value')) > 1
          OR count(DISTINCT json_extract(data, '$.arrested.value.qualifier') || ':' || json_extract(data, '$.arrested.value.value')) > 1));
      CREATE INDEX incidents_reviewed ON incidents(id) WHERE reviewed = 1;
      CREATE INDEX incidents_rejected ON incidents(id) WHERE rejected = 1;
      CREATE INDEX incidents_conflicts ON incidents(id) WHERE conflicts = 1;
      -- --admin1: the first place's first-level division, lower-case.
      ALTER TABLE reports ADD COLUMN admin1 TEXT;
      UPDATE reports SET admin1 = lower(json_extract(data, '$.locations[0].value.place.admin1Name'));
      CREATE INDEX reports_admin1 ON reports(admin1);
    `,
  },
  {
    version: 11,
    name: 'web intake: raw bytes, URLs, HTTP validators, feeds and their seen items',
    sql: `
      -- How each document came in: its raw bytes (gzip), so \`dossier reprocess\` re-reads them without
      -- fetching, and where its publication date came from. No foreign key: a reprocess replaces the
      -- document row, and the bytes must outlive that.
      CREATE TABLE document_intake (
        doc_id TEXT PRIMARY KEY,        -- SHA-256 of the raw bytes (the document id)
        raw BLOB NOT NULL,              -- gzip of the raw bytes
        content_type TEXT, charset TEXT,-- as the server declared them
        url TEXT,                       -- the URL asked for (null for a file)
        final_url TEXT,                 -- after redirects
        published_from TEXT,            -- page | feed <url> | sitemap <url>
        fetched_at TEXT NOT NULL
      );
      -- Every URL (asked for, redirected to, canonical; tracking parameters stripped) a document was
      -- reached by: one article reached by three URLs is one document.
      CREATE TABLE document_urls (url TEXT PRIMARY KEY, doc_id TEXT NOT NULL, added_at TEXT NOT NULL);
      CREATE INDEX document_urls_doc ON document_urls(doc_id);
      -- Conditional GET: the validators a URL last answered with.
      CREATE TABLE http_validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT NOT NULL);
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        kind TEXT,                      -- rss | atom | json | rdf | sitemap | sitemapindex
        added_at TEXT NOT NULL, last_polled_at TEXT, last_error TEXT
      );
      -- Items a feed listed, each handled once: a restart neither repeats nor misses one.
      CREATE TABLE feed_items (
        feed_url TEXT NOT NULL,
        item_key TEXT NOT NULL,         -- the item's guid/id, else its canonical URL
        url TEXT NOT NULL,
        published TEXT,
        status TEXT NOT NULL,           -- stored | duplicate | failed | retry
        doc_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        error TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_url, item_key)
      );
    `,
  },
  {
    version: 12,
    name: 'stored headline per incident for the charts and the map',
    sql: `
      -- Each incident's headline (src/store/sql/headline-sql.ts): its primary report's date, country,
      -- type and place with the review applied, and its conservative killed and injured figures, kept as
      -- reports and reviews change. /api/stats groups these and /api/points reads them. Rows made before
      -- this migration stay h_stale = 1 until the store computes them (in JavaScript: the headline is
      -- the resolver's choice, not a SQL expression), on the first read that needs them.
      ALTER TABLE incidents ADD COLUMN h_stale INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE incidents ADD COLUMN h_date TEXT;
      ALTER TABLE incidents ADD COLUMN h_country_code TEXT;
      ALTER TABLE incidents ADD COLUMN h_country TEXT;
      ALTER TABLE incidents ADD COLUMN h_kind TEXT;
      ALTER TABLE incidents ADD COLUMN h_killed REAL;
      ALTER TABLE incidents ADD COLUMN h_injured REAL;
      ALTER TABLE incidents ADD COLUMN h_lat REAL;
      ALTER TABLE incidents ADD COLUMN h_lon REAL;
      CREATE INDEX incidents_h_stale ON incidents (id) WHERE h_stale = 1;
    `,
  },
  {
    version: 13,
    name: 'stored list summary per incident for the API list',
    sql: `
      -- Each incident's summary as GET /api/incidents lists it under the conservative policy (the JSON of
      -- src/views/incident.ts incidentSummary), written with the stored headline whenever the incident's
      -- reports or review change, so a list page is one indexed read, not a parse of every report. NULL:
      -- not written yet; the server computes those as before. Every incident's headline is marked stale,
      -- so the store writes both again (SqlStore.freshHeadlines, on the first read of the charts or map).
      ALTER TABLE incidents ADD COLUMN summary TEXT;
      UPDATE incidents SET h_stale = 1 WHERE h_stale = 0;
    `,
  },
  {
    version: 14,
    name: 'page indexes that hold the incident id',
    sql: `
      -- A page of 50 walks reports in incident id order, or gathers a filter's matches and sorts their
      -- incident ids. At 1M incidents the indexes on date, country and place alone made each match a
      -- lookup in the reports table (2 s for a year, 0.6 s for a country on SQLite): these hold the
      -- incident id, so a country's page is a walk of its own index in id order, and a date range's or a
      -- box's matches are read from the index alone.
      CREATE INDEX reports_country_incident ON reports (country_code, incident_id);
      CREATE INDEX reports_country_name_incident ON reports (lower(country_name), incident_id);
      CREATE INDEX reports_date_incident ON reports (date_iso, incident_id);
      CREATE INDEX reports_lat_lon_incident ON reports (lat, lon, incident_id);
    `,
  },
  {
    version: 15,
    name: 'a store-wide write revision for cached counts; full-text rows keyed by incident',
    sql: `
      -- Bumped by every write transaction (SqlStore.transaction), in the same transaction: a count
      -- cached under one revision is right for as long as the revision stays (with_total, docs/store.md).
      CREATE TABLE store_revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
      INSERT INTO store_revision (id, n) VALUES (1, 0);
      -- Row k of incident i gets rowid (i << 24) + k (sqlite.ts TEXT_ROW_BITS): an incident's rows are a
      -- rowid range, a match's incident is its rowid >> 24, and a frequent word can be probed for one
      -- incident at a time while a page walks the incidents in its order. The index is built again.
      CREATE VIRTUAL TABLE incident_text_keyed USING fts5(incident_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO incident_text_keyed (rowid, incident_id, body)
        SELECT (incident_id << 24) + row_number() OVER (PARTITION BY incident_id ORDER BY rowid) - 1, incident_id, body FROM incident_text;
      DROP TABLE incident_text;
      ALTER TABLE incident_text_keyed RENAME TO incident_text;
    `,
  },
  {
    version: 16,
    name: 'a tally of the incidents an unfiltered listing shows',
    sql: `
      -- How many incidents GET /api/incidents lists with no filter (what with_total counts on the web
      -- app's first page): those with a stored headline (h_kind is null only for an incident with no
      -- reports) that no reviewer rejected. Kept by triggers on incidents, so every write path keeps it;
      -- SqlStore.countIncidents reads it while no headline is stale (sql-store.ts).
      CREATE TABLE incident_tally (id INTEGER PRIMARY KEY CHECK (id = 1), listed INTEGER NOT NULL);
      INSERT INTO incident_tally (id, listed) SELECT 1, count(*) FROM incidents WHERE h_kind IS NOT NULL AND rejected = 0;
      CREATE TRIGGER incidents_tally_insert AFTER INSERT ON incidents WHEN NEW.h_kind IS NOT NULL AND NEW.rejected = 0
        BEGIN UPDATE incident_tally SET listed = listed + 1 WHERE id = 1; END;
      CREATE TRIGGER incidents_tally_delete AFTER DELETE ON incidents WHEN OLD.h_kind IS NOT NULL AND OLD.rejected = 0
        BEGIN UPDATE incident_tally SET listed = listed - 1 WHERE id = 1; END;
      CREATE TRIGGER incidents_tally_update AFTER UPDATE OF h_kind, rejected ON incidents
        WHEN (OLD.h_kind IS NOT NULL AND OLD.rejected = 0) IS NOT (NEW.h_kind IS NOT NULL AND NEW.rejected = 0)
        BEGIN UPDATE incident_tally SET listed = listed + CASE WHEN NEW.h_kind IS NOT NULL AND NEW.rejected = 0 THEN 1 ELSE -1 END WHERE id = 1; END;
    `,
  },
  {
    version: 17,
    name: 'the incidents each write changed, for bringing cached counts up to date',
    sql: `
      -- Which incidents each write transaction changed in a way a filtered count reads: their reports
      -- (added, moved, changed, deleted) and their review flags. A count cached per filter is brought up
      -- to date by testing these incidents again instead of counting the store (CountCache, docs/store.md).
      -- rev is NULL until the transaction ends: SqlStore.transaction then writes its revision, while it
      -- holds the revision row, so revisions and their rows commit in one order.
      CREATE TABLE incident_touches (rev INTEGER, incident_id INTEGER NOT NULL);
      CREATE INDEX incident_touches_rev ON incident_touches (rev);
      CREATE TRIGGER reports_touch_insert AFTER INSERT ON reports
        BEGIN INSERT INTO incident_touches (rev, incident_id) VALUES (NULL, NEW.incident_id); END;
      CREATE TRIGGER reports_touch_delete AFTER DELETE ON reports
        BEGIN INSERT INTO incident_touches (rev, incident_id) VALUES (NULL, OLD.incident_id); END;
      CREATE TRIGGER reports_touch_update AFTER UPDATE ON reports
        BEGIN
          INSERT INTO incident_touches (rev, incident_id) VALUES (NULL, OLD.incident_id);
          INSERT INTO incident_touches (rev, incident_id) SELECT NULL, NEW.incident_id WHERE NEW.incident_id IS NOT OLD.incident_id;
        END;
      CREATE TRIGGER incidents_touch_flags AFTER UPDATE OF reviewed, rejected, conflicts ON incidents
        WHEN OLD.reviewed IS NOT NEW.reviewed OR OLD.rejected IS NOT NEW.rejected OR OLD.conflicts IS NOT NEW.conflicts
        BEGIN INSERT INTO incident_touches (rev, incident_id) VALUES (NULL, NEW.id); END;
    `,
  },
  {
    version: 18,
    name: 'the near-copy index keyed by an integer from the document id',
    sql: `
      -- doc_key: the document id's first 13 hex digits as an integer (src/store/sql/sketch-keys.ts); a
      -- lookup joins it back to the documents by a range of their primary key. Rows of about 12 bytes
      -- instead of 80. The rows of sketch_index are moved here, and it is dropped, by moveSketchKeys
      -- (sqlite.ts): SQLite has no SQL to read hex.
      CREATE TABLE sketch_keys (
        sample INTEGER NOT NULL,
        doc_key INTEGER NOT NULL,
        PRIMARY KEY (sample, doc_key)
      ) WITHOUT ROWID;
    `,
  },
];

import { QUEUE_MIGRATION } from '../../queue/schema.js';

export const POSTGRES_MIGRATIONS: Migration[] = [
  {
    version: 8,
    name: 'the schema of SQLite migrations 1–8',
    sql: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY, source TEXT NOT NULL,
        title TEXT, subtitle TEXT, author TEXT, publisher TEXT, published TEXT,
        language TEXT, format TEXT NOT NULL, url TEXT,
        text TEXT NOT NULL, regions TEXT NOT NULL,
        pipeline_version BIGINT NOT NULL, ingested_at TEXT NOT NULL,
        simhash TEXT, sketch BYTEA, derived_from TEXT
      );
      CREATE INDEX documents_published ON documents (published);
      CREATE INDEX documents_derived_from ON documents (derived_from);
      CREATE TABLE annotations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, layer TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (doc_id, layer)
      );
      CREATE TABLE incidents (id SERIAL PRIMARY KEY, created_at TEXT NOT NULL);
      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        idx INTEGER NOT NULL, kind TEXT NOT NULL, date_iso TEXT,
        country_code TEXT, country_name TEXT, type_names TEXT NOT NULL, data TEXT NOT NULL, merge_reason TEXT
      );
      CREATE INDEX reports_incident ON reports (incident_id);
      CREATE INDEX reports_doc ON reports (doc_id);
      CREATE INDEX reports_date ON reports (date_iso);
      CREATE INDEX reports_country_date ON reports (country_code, date_iso);
      CREATE INDEX reports_country_name ON reports (lower(country_name), date_iso);
      -- PostgreSQL's own full-text search: a stored tsvector, GIN-indexed ('simple': no stemming, as FTS5's unicode61).
      CREATE TABLE incident_text (
        incident_id INTEGER NOT NULL, body TEXT NOT NULL,
        tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
      );
      CREATE INDEX incident_text_incident ON incident_text (incident_id);
      CREATE INDEX incident_text_tsv ON incident_text USING GIN (tsv);
      CREATE TABLE facility_places (
        key TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, data TEXT NOT NULL,
        PRIMARY KEY (key, doc_id)
      );
      CREATE TABLE report_facilities (
        report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, key TEXT NOT NULL,
        PRIMARY KEY (report_id, key)
      );
      CREATE INDEX report_facilities_key ON report_facilities (key);
      CREATE TABLE claims (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, source TEXT NOT NULL, data TEXT NOT NULL
      );
      CREATE INDEX claims_doc ON claims (doc_id);
      CREATE TABLE quotes (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, speaker TEXT NOT NULL, data TEXT NOT NULL
      );
      CREATE INDEX quotes_doc ON quotes (doc_id);
      CREATE TABLE document_locations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL, content_hash TEXT NOT NULL, title TEXT, published TEXT,
        distance INTEGER NOT NULL, added_at TEXT NOT NULL, overlap DOUBLE PRECISION,
        PRIMARY KEY (doc_id, content_hash)
      );
      CREATE TABLE incident_links (
        a INTEGER NOT NULL REFERENCES incidents(id), b INTEGER NOT NULL REFERENCES incidents(id),
        kind TEXT NOT NULL, claim_id TEXT, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (a, b, kind, doc_id)
      );
      CREATE TABLE entities (
        id SERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL,
        geonameid INTEGER, aliases TEXT NOT NULL
      );
      CREATE TABLE entity_mentions (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (doc_id, start, "end")
      );
      CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id);
      CREATE TABLE relations (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        subject INTEGER REFERENCES entities(id), subject_text TEXT NOT NULL, predicate TEXT NOT NULL,
        object INTEGER REFERENCES entities(id), object_text TEXT NOT NULL, data TEXT NOT NULL
      );
      CREATE INDEX relations_subject ON relations (subject);
      CREATE INDEX relations_object ON relations (object);
      CREATE TABLE sketch_index (
        sample BIGINT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (sample, doc_id)
      );
      CREATE INDEX sketch_index_doc ON sketch_index (doc_id);
      CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 9,
    name: 'actor and place columns for the API filters; incidents in date order',
    sql: `
      ALTER TABLE reports ADD COLUMN actors TEXT;
      ALTER TABLE reports ADD COLUMN lat DOUBLE PRECISION;
      ALTER TABLE reports ADD COLUMN lon DOUBLE PRECISION;
      UPDATE reports SET
        lat = (data::jsonb #>> '{locations,0,value,place,lat}')::double precision,
        lon = (data::jsonb #>> '{locations,0,value,place,lon}')::double precision,
        actors = '|' || lower(coalesce((SELECT string_agg(x->'value'->>'name', '|')
                   FROM jsonb_array_elements(coalesce(data::jsonb->'perpetrators', '[]'::jsonb) || coalesce(data::jsonb->'targets', '[]'::jsonb)) x), '')) || '|';
      CREATE INDEX reports_lat_lon ON reports (lat, lon);
      ALTER TABLE incidents ADD COLUMN sort_date TEXT NOT NULL DEFAULT '9999';
      UPDATE incidents SET sort_date = coalesce((SELECT min(date_iso) FROM reports r WHERE r.incident_id = incidents.id), '9999');
      CREATE INDEX incidents_sort_date ON incidents (sort_date, id);
    `,
  },
  // The job queue of `dossier worker` (src/queue): idempotent, so a queue made by ensureQueue() first is kept.
  QUEUE_MIGRATION,
  {
    version: 10,
    name: 'review: append-only audit records, tokens, redirects, the changes feed; admin1 and review flags for the filters',
    sql: `
      CREATE TABLE review_records (
        id SERIAL PRIMARY KEY, incident_id INTEGER NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL,
        kind TEXT NOT NULL, action TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL, reason TEXT
      );
      CREATE INDEX review_records_incident ON review_records (incident_id, id);
      CREATE FUNCTION review_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'review_records is append-only'; END $$;
      CREATE TRIGGER review_records_no_change BEFORE UPDATE OR DELETE ON review_records
        FOR EACH ROW EXECUTE FUNCTION review_records_append_only();
      CREATE TRIGGER review_records_no_truncate BEFORE TRUNCATE ON review_records
        FOR EACH STATEMENT EXECUTE FUNCTION review_records_append_only();
      CREATE TABLE tokens (
        id SERIAL PRIMARY KEY, hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('reader', 'reviewer', 'admin')),
        created_at TEXT NOT NULL, revoked_at TEXT, last_used_at TEXT
      );
      CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;
      CREATE TABLE incident_redirects (from_id INTEGER PRIMARY KEY, to_id INTEGER NOT NULL, at TEXT NOT NULL, record_id INTEGER);
      CREATE INDEX incident_redirects_to ON incident_redirects (to_id);
      CREATE TABLE incident_changes (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, incident_id INTEGER NOT NULL, kind TEXT NOT NULL, into_id INTEGER);
      CREATE TABLE incident_apart (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b));
      ALTER TABLE incidents ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;
      UPDATE incidents SET conflicts = 1 WHERE id IN (
        SELECT incident_id FROM reports GROUP BY incident_id HAVING count(*) > 1 AND (count(DISTINCT date_iso) > 1
          OR count(DISTINCT (data::jsonb #>> '{killedTotal,value,qualifier}') || ':' || (data::jsonb #>> '{killedTotal,value,value}')) > 1
          OR count(DISTINCT (data::jsonb #>> '{killedVictims,value,qualifier}') || ':' || (data::jsonb #>> '{killedVictims,value,value}')) > 1
          OR count(DISTINCT (data::jsonb #>> '{killedPerpetrators,value,qualifier}') || ':' || (data::jsonb #>> '{killedPerpetrators,value,value}')) > 1
          OR count(DISTINCT (data::jsonb #>> '{injured,value,qualifier}') || ':' || (data::jsonb #>> '{injured,value,value}')) > 1
          OR count(DISTINCT (data::jsonb #>> '{arrested,value,qualifier}') || ':' || (data::jsonb #>> '{arrested,value,value}')) > 1));
      CREATE INDEX incidents_reviewed ON incidents (id) WHERE reviewed = 1;
      CREATE INDEX incidents_rejected ON incidents (id) WHERE rejected = 1;
      CREATE INDEX incidents_conflicts ON incidents (id) WHERE conflicts = 1;
      ALTER TABLE reports ADD COLUMN admin1 TEXT;
      UPDATE reports SET admin1 = lower(data::jsonb #>> '{locations,0,value,place,admin1Name}');
      CREATE INDEX reports_admin1 ON reports (admin1);
    `,
  },
  {
    version: 11,
    name: 'web intake: raw bytes, URLs, HTTP validators, feeds and their seen items',
    sql: `
      CREATE TABLE document_intake (
        doc_id TEXT PRIMARY KEY, raw BYTEA NOT NULL, content_type TEXT, charset TEXT,
        url TEXT, final_url TEXT, published_from TEXT, fetched_at TEXT NOT NULL
      );
      CREATE TABLE document_urls (url TEXT PRIMARY KEY, doc_id TEXT NOT NULL, added_at TEXT NOT NULL);
      CREATE INDEX document_urls_doc ON document_urls (doc_id);
      CREATE TABLE http_validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT NOT NULL);
      CREATE TABLE feeds (url TEXT PRIMARY KEY, kind TEXT, added_at TEXT NOT NULL, last_polled_at TEXT, last_error TEXT);
      CREATE TABLE feed_items (
        feed_url TEXT NOT NULL, item_key TEXT NOT NULL, url TEXT NOT NULL, published TEXT, status TEXT NOT NULL,
        doc_id TEXT, attempts INTEGER NOT NULL DEFAULT 1, error TEXT, seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_url, item_key)
      );
    `,
  },
  {
    version: 12,
    name: 'stored headline per incident for the charts and the map',
    sql: `
      -- Each incident's headline (src/store/sql/headline-sql.ts): its primary report's date, country,
      -- type and place with the review applied, and its conservative killed and injured figures, kept as
      -- reports and reviews change. /api/stats groups these and /api/points reads them. Rows made before
      -- this migration stay h_stale = 1 until the store computes them (in JavaScript: the headline is
      -- the resolver's choice, not a SQL expression), on the first read that needs them.
      ALTER TABLE incidents ADD COLUMN h_stale INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE incidents ADD COLUMN h_date TEXT;
      ALTER TABLE incidents ADD COLUMN h_country_code TEXT;
      ALTER TABLE incidents ADD COLUMN h_country TEXT;
      ALTER TABLE incidents ADD COLUMN h_kind TEXT;
      ALTER TABLE incidents ADD COLUMN h_killed DOUBLE PRECISION;
      ALTER TABLE incidents ADD COLUMN h_injured DOUBLE PRECISION;
      ALTER TABLE incidents ADD COLUMN h_lat DOUBLE PRECISION;
      ALTER TABLE incidents ADD COLUMN h_lon DOUBLE PRECISION;
      CREATE INDEX incidents_h_stale ON incidents (id) WHERE h_stale = 1;
    `,
  },
  {
    version: 13,
    name: 'stored list summary per incident for the API list',
    sql: `
      -- Each incident's summary as GET /api/incidents lists it under the conservative policy (the JSON of
      -- src/views/incident.ts incidentSummary), written with the stored headline whenever the incident's
      -- reports or review change, so a list page is one indexed read, not a parse of every report. NULL:
      -- not written yet; the server computes those as before. Every incident's headline is marked stale,
      -- so the store writes both again (SqlStore.freshHeadlines, on the first read of the charts or map).
      ALTER TABLE incidents ADD COLUMN summary TEXT;
      UPDATE incidents SET h_stale = 1 WHERE h_stale = 0;
    `,
  },
  {
    version: 14,
    name: 'page indexes that hold the incident id',
    sql: `
      -- A page of 50 walks reports in incident id order, or gathers a filter's matches and sorts their
      -- incident ids. At 1M incidents the indexes on date, country and place alone made each match a
      -- lookup in the reports table (2 s for a year, 0.6 s for a country on SQLite): these hold the
      -- incident id, so a country's page is a walk of its own index in id order, and a date range's or a
      -- box's matches are read from the index alone.
      CREATE INDEX reports_country_incident ON reports (country_code, incident_id);
      CREATE INDEX reports_country_name_incident ON reports (lower(country_name), incident_id);
      -- No (date_iso, incident_id) here: with it the planner read a year's 20 000 entries and sorted them
      -- (80 ms at 1M) where walking reports_incident in id order stops at the 51st match (20 ms).
      CREATE INDEX reports_lat_lon_incident ON reports (lat, lon, incident_id);
    `,
  },
  {
    version: 15,
    name: 'a store-wide write revision for cached counts',
    sql: `
      -- Bumped by every write transaction (SqlStore.transaction), in the same transaction: a count
      -- cached under one revision is right for as long as the revision stays (with_total, docs/store.md).
      CREATE TABLE store_revision (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
      INSERT INTO store_revision (id, n) VALUES (1, 0);
    `,
  },
  {
    version: 16,
    name: 'a tally of the incidents an unfiltered listing shows',
    sql: `
      -- As SQLite's migration 16. Statement triggers over the changed rows (one tally update per
      -- statement that changes it, not per row: a bulk insert of incidents updates it once).
      CREATE TABLE incident_tally (id INTEGER PRIMARY KEY CHECK (id = 1), listed BIGINT NOT NULL);
      INSERT INTO incident_tally (id, listed) SELECT 1, count(*) FROM incidents WHERE h_kind IS NOT NULL AND rejected = 0;
      CREATE FUNCTION incident_tally_add(delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF delta <> 0 THEN UPDATE incident_tally SET listed = listed + delta WHERE id = 1; END IF;
      END $$;
      CREATE FUNCTION incidents_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM incident_tally_add((SELECT count(*) FROM new_rows WHERE h_kind IS NOT NULL AND rejected = 0));
        RETURN NULL;
      END $$;
      CREATE FUNCTION incidents_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM incident_tally_add(-(SELECT count(*) FROM old_rows WHERE h_kind IS NOT NULL AND rejected = 0));
        RETURN NULL;
      END $$;
      CREATE FUNCTION incidents_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM incident_tally_add((SELECT count(*) FROM new_rows WHERE h_kind IS NOT NULL AND rejected = 0)
          - (SELECT count(*) FROM old_rows WHERE h_kind IS NOT NULL AND rejected = 0));
        RETURN NULL;
      END $$;
      CREATE TRIGGER incidents_tally_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION incidents_tally_insert();
      CREATE TRIGGER incidents_tally_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION incidents_tally_delete();
      CREATE TRIGGER incidents_tally_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION incidents_tally_update();
    `,
  },
  {
    version: 17,
    name: 'the incidents each write changed, for bringing cached counts up to date',
    sql: `
      -- As SQLite's migration 17, with statement triggers over the changed rows.
      CREATE TABLE incident_touches (rev BIGINT, incident_id INTEGER NOT NULL);
      CREATE INDEX incident_touches_rev ON incident_touches (rev);
      CREATE FUNCTION reports_touch_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO incident_touches (rev, incident_id) SELECT DISTINCT NULL::bigint, incident_id FROM new_rows;
        RETURN NULL;
      END $$;
      CREATE FUNCTION reports_touch_old() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO incident_touches (rev, incident_id) SELECT DISTINCT NULL::bigint, incident_id FROM old_rows;
        RETURN NULL;
      END $$;
      CREATE FUNCTION reports_touch_both() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO incident_touches (rev, incident_id)
          SELECT NULL::bigint, incident_id FROM (SELECT incident_id FROM old_rows UNION SELECT incident_id FROM new_rows) x;
        RETURN NULL;
      END $$;
      CREATE FUNCTION incidents_touch_flags() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO incident_touches (rev, incident_id)
          SELECT NULL::bigint, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE o.reviewed IS DISTINCT FROM n.reviewed OR o.rejected IS DISTINCT FROM n.rejected OR o.conflicts IS DISTINCT FROM n.conflicts;
        RETURN NULL;
      END $$;
      CREATE TRIGGER reports_touch_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION reports_touch_new();
      CREATE TRIGGER reports_touch_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION reports_touch_old();
      CREATE TRIGGER reports_touch_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION reports_touch_both();
      CREATE TRIGGER incidents_touch_flags AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION incidents_touch_flags();
    `,
  },
  {
    version: 18,
    name: 'the near-copy index keyed by an integer from the document id',
    sql: `
      -- As SQLite's migration 18. Ids that are not hex (none come from intake) are not indexed.
      CREATE TABLE sketch_keys (sample BIGINT NOT NULL, doc_key BIGINT NOT NULL, PRIMARY KEY (sample, doc_key));
      INSERT INTO sketch_keys (sample, doc_key)
        SELECT DISTINCT sample, ('x' || lpad(substr(doc_id, 1, 13), 16, '0'))::bit(64)::bigint FROM sketch_index
        WHERE doc_id ~ '^[0-9a-f]{13}';
      DROP TABLE sketch_index;
    `,
  },
];
