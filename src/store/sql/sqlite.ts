import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type CompiledQuery, type InsertQueryBuilder, type InsertResult, type RawBuilder } from 'kysely';
import { DossierError, type Doc } from '../../model/index.js';
import { indexSamples, sketch, sketchToBuffer } from '../../resolve/near-copy.js';
import { sketchKey } from './sketch-keys.js';
import { bodyText } from '../../resolve/resolver.js';
import { searchTerms, type Backend } from './backend.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import type { DB } from './schema.js';
import { openReadOnly, openRetrying, openWritable, storeError, withBusyRetry } from './sqlite-open.js';

/** The migration that adds sketches: documents stored before it are sketched when it runs. */
const SKETCH_MIGRATION = 7;
/** The migration that adds reports.admin1: lower-cased here, as the port does (SQLite's lower() folds ASCII only). */
const ADMIN1_MIGRATION = 10;
/** The migration that keys the near-copy index by an integer (sketch-keys.ts). */
const SKETCH_KEYS_MIGRATION = 18;
/** Prepared statements kept per connection. */
const STATEMENT_CACHE_MAX = 1000;
const LATEST = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version;
/**
 * Where a write transaction keeps its statement journals: in memory. A statement that writes several
 * rows (a batch's sketch keys, a document's annotation layers) keeps the pages it changed so that a
 * failing row can undo the statement alone; past 64 KiB SQLite writes that journal to a temporary
 * file. Measured on the MUC-4 train ingest (issue 11, docs/benchmarks.md, thirteenth pass): 200 of
 * the 257 MB the store wrote were such journals, written and thrown away, about a third of the
 * store's SQL time. A statement journal lives for one statement and never serves crash recovery
 * (the WAL does), so keeping it in memory costs no safety.
 */
const TEMP_STORE_WRITING = 'temp_store = MEMORY';
/**
 * And outside one: the compiled default (files past the page cache). A large sort of a read, such
 * as an export of a million incidents in an order no index gives, spills to a temporary file
 * instead of holding every row in memory.
 */
const TEMP_STORE_READING = 'temp_store = DEFAULT';

/**
 * SQLite through better-sqlite3, behind Kysely. WAL mode: readers never block the writer, and a
 * killed process loses at most the transaction it was writing. Statements are prepared once per
 * connection (re-preparing per document was a quarter of the store's time).
 */
export class SqliteBackend implements Backend {
  readonly kind = 'sqlite' as const;
  readonly db: Kysely<DB>;
  readonly byOrigin = 'INDEXED BY documents_origin';
  /** PRAGMA data_version after our last look: it changes when another connection commits. */
  private dataVersion = -1;
  /** The connection's statements, prepared once: Kysely's and runWritesNow's. */
  private readonly statements: ReturnType<typeof cachedStatements>;

  constructor(private readonly raw: Database.Database, readonly name: string, readonly readonly: boolean) {
    this.statements = cachedStatements(raw);
    this.db = new Kysely<DB>({ dialect: new SqliteDialect({ database: this.statements }) });
  }

  static open(path: string, readonly: boolean): SqliteBackend {
    try {
      if (!readonly) return new SqliteBackend(openRetrying(path, () => openMigrated(path)), path, false);
      let db = openReadOnly(path);
      if (schemaVersion(db) < LATEST) {
        // A store an older Dossier wrote: upgrade it once (this needs write access), then read.
        db.close();
        openRetrying(path, () => openMigrated(path)).close();
        db = openReadOnly(path);
      }
      return new SqliteBackend(db, path, true);
    } catch (e) {
      throw storeError(e, `cannot open the store: ${(e as Error).message}`, path);
    }
  }

  async writeTransaction<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    // IMMEDIATE: the write lock is taken when the transaction starts, so a second writer waits in
    // the busy handler. A deferred transaction that reads first and writes later fails at once with
    // "database is locked" when another process committed in between (SQLite cannot wait for that).
    return withBusyRetry(() => this.db.connection().execute(async (conn) => {
      this.raw.pragma(TEMP_STORE_WRITING);
      try {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const out = await fn(conn);
          await sql`COMMIT`.execute(conn);
          return out;
        } catch (e) {
          if (this.raw.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw e;
        }
      } finally {
        this.raw.pragma(TEMP_STORE_READING);
      }
    }));
  }

  /**
   * A read at once on the one connection, inside the open write transaction (a save's lookups, whose
   * statements are compiled once: shaped.ts): its rows, without Kysely's hand-over (see runWritesNow).
   */
  queryNow<R>(query: CompiledQuery<R>): R[] {
    return this.statements.prepare(query.sql).all(query.parameters as unknown[]) as R[];
  }

  /**
   * A save's deferred writes, in order, on the one connection (inside the save's transaction, which
   * holds it). Each goes to its prepared statement directly: through Kysely, a write cost a connection
   * hand-over and a handful of promises more than SQLite takes to run it (issue 11: a twentieth of the
   * store's CPU when ingesting).
   */
  runWritesNow(queries: readonly CompiledQuery[]): void {
    for (const q of queries) {
      const st = this.statements.prepare(q.sql);
      const params = q.parameters as unknown[];
      if (st.reader) st.all(params);
      else st.run(params);
    }
  }

  textMatch(words: string): RawBuilder<boolean> {
    // The incident id from the rowid: the index alone answers, no row of the content table is read.
    return sql<boolean>`r.incident_id IN (SELECT rowid >> ${sql.lit(TEXT_ROW_BITS)} FROM incident_text WHERE incident_text MATCH ${ftsQuery(words)})`;
  }

  textProbe(words: string): (id: RawBuilder<unknown>) => RawBuilder<boolean> {
    // MATCH with a rowid range: FTS5 seeks the word's list to the incident's range (a few pages), so
    // one probe costs about as little for a frequent word as for a rare one.
    const q = ftsQuery(words);
    return (id) => sql<boolean>`EXISTS (SELECT 1 FROM incident_text WHERE incident_text MATCH ${q} AND ${textRange(id)})`;
  }

  textAt(words: string): (id: RawBuilder<unknown>) => RawBuilder<boolean> {
    return this.textProbe(words);
  }

  async textRowsMatching(db: Kysely<DB>, words: string, cap: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM incident_text WHERE incident_text MATCH ${ftsQuery(words)} LIMIT ${cap}) x`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }

  textRowsOf(id: number): RawBuilder<boolean> {
    return textRange(sql`${id}`);
  }

  insertText(db: Kysely<DB>, id: number, body: string): InsertQueryBuilder<DB, 'incident_text', InsertResult> {
    // The next number in the incident's range. A full range (2^24 rows, never seen) gives its last
    // rowid again, which already exists: the insert then fails rather than spilling into the next id's.
    const next = sql<number>`(SELECT min(coalesce(max(rowid) + 1, ${id} << ${sql.lit(TEXT_ROW_BITS)}), (${id} << ${sql.lit(TEXT_ROW_BITS)}) + ${sql.lit(TEXT_ROW_SPAN - 1)}) FROM incident_text WHERE ${textRange(sql`${id}`)})`;
    return db.insertInto('incident_text').values({ rowid: next, incident_id: id, body });
  }

  insertTextParams(id: number, body: string): unknown[] {
    // The id four times for the row's number (the range's start and end, and the two bounds of the range read), then the row: the id and the body.
    return [id, id, id, id, id, body];
  }

  async moveText(db: Kysely<DB>, drop: number, keep: number): Promise<void> {
    // A row's rowid names its incident: the rows are written again in keep's range, in their order.
    const rows = await db.selectFrom('incident_text').select('body').where(this.textRowsOf(drop)).orderBy('rowid').execute();
    for (const r of rows) await this.insertText(db, keep, r.body).execute();
    await db.deleteFrom('incident_text').where(this.textRowsOf(drop)).execute();
  }

  inIds(column: string, ids: RawBuilder<unknown>): RawBuilder<boolean> {
    return sql<boolean>`${sql.ref(column)} IN (${ids})`;
  }

  notInList(column: string, json: string): RawBuilder<boolean> {
    return sql<boolean>`${sql.ref(column)} NOT IN (SELECT value FROM json_each(${json}))`;
  }

  inList(column: string, json: string): RawBuilder<boolean> {
    return sql<boolean>`${sql.ref(column)} IN (SELECT value FROM json_each(${json}))`;
  }

  inTextList(column: string, json: string): RawBuilder<boolean> {
    // json_each gives a JSON string's value as text: the same condition as for integers.
    return this.inList(column, json);
  }

  claimConcerns(reportIndex: number): RawBuilder<boolean> {
    return sql<boolean>`EXISTS (SELECT 1 FROM json_each(c.data, '$.incidents') j WHERE j.value = ${reportIndex})`;
  }

  error(e: unknown, message: string, input?: string): DossierError {
    return storeError(e, message, input ?? this.name);
  }

  async changedElsewhere(): Promise<boolean> {
    const v = this.raw.pragma('data_version', { simple: true }) as number;
    const changed = v !== this.dataVersion;
    this.dataVersion = v;
    return changed;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/**
 * Full-text rows are keyed by incident (migration 15): row n of incident i has rowid (i << 24) + n, so
 * an incident's rows are one rowid range (found without a scan: incident_id is an unindexed column of
 * the FTS5 table), a match's incident is its rowid >> 24, and a match can be probed for one incident.
 * 24 bits: 16.7M rows per incident; incident ids up to 2^39.
 */
export const TEXT_ROW_BITS = 24;
const TEXT_ROW_SPAN = 2 ** TEXT_ROW_BITS;

/** A condition on incident_text: its rowid lies in incident `id`'s range. */
function textRange(id: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`incident_text.rowid BETWEEN (${id} << ${sql.lit(TEXT_ROW_BITS)}) AND (${id} << ${sql.lit(TEXT_ROW_BITS)}) + ${sql.lit(TEXT_ROW_SPAN - 1)}`;
}

/** Words as an FTS5 query: each a quoted term, all required; none matches nothing. */
function ftsQuery(words: string): string {
  return searchTerms(words).map((t) => `"${t}"`).join(' AND ') || '""';
}

/**
 * better-sqlite3 with a statement cache, as Kysely's SQLite dialect wants it. A cached statement
 * still iterating (a read inside a listing) is not reused: a fresh one is prepared.
 */
function cachedStatements(db: Database.Database): { prepare(sql: string): Database.Statement; close(): void } {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(text: string): Database.Statement {
      const st = cache.get(text);
      if (st && !st.busy) return st;
      const fresh = db.prepare(text);
      // Lists of varying length (IN (...)) make new texts: the cache is dropped before it grows without bound.
      if (cache.size >= STATEMENT_CACHE_MAX) cache.clear();
      if (!st) cache.set(text, fresh);
      return fresh;
    },
    close: () => db.close(),
  };
}

/** The newest migration a store has; a SQLite file without Dossier's schema is no store of ours. */
function schemaVersion(db: Database.Database): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!has) throw new DossierError('E_STORE_CORRUPT', 'this SQLite file is not a Dossier store (it has no schema_migrations table)', db.name);
  return (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

/** A writable connection on a store at the latest schema; closed again if migrating fails. */
function openMigrated(path: string): Database.Database {
  const db = openWritable(path);
  try {
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function migrate(db: Database.Database): void {
  const ours = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
  const other = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1").get() as { name: string } | undefined;
  // Someone else's database: never add our tables to it.
  if (!ours && other) throw new DossierError('E_STORE_CORRUPT', `this SQLite file is not a Dossier store (it has a table "${other.name}" and no schema_migrations); nothing was written to it`, db.name);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of SQLITE_MIGRATIONS) {
    // IMMEDIATE and checked inside: two processes opening a new store at once apply each migration once.
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
      db.exec(m.sql);
      if (m.version === SKETCH_MIGRATION) backfillSketches(db);
      if (m.version === ADMIN1_MIGRATION) backfillAdmin1(db);
      if (m.version === SKETCH_KEYS_MIGRATION) moveSketchKeys(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}

/** Reports stored before migration 10 get their admin1 as `--admin1` compares it: lower-cased by JavaScript. */
function backfillAdmin1(db: Database.Database): void {
  const rows = db.prepare("SELECT id, json_extract(data, '$.locations[0].value.place.admin1Name') AS a FROM reports WHERE a IS NOT NULL").all() as { id: string; a: string }[];
  const upd = db.prepare('UPDATE reports SET admin1 = ? WHERE id = ?');
  for (const r of rows) upd.run(String(r.a).toLowerCase(), r.id);
}

/**
 * The near-copy index by document id (sketch_index) becomes the index by key (sketch_keys), in one
 * statement that streams inside SQLite: the key is computed by a function registered for it.
 */
function moveSketchKeys(db: Database.Database): void {
  db.function('dossier_sketch_key', { deterministic: true }, (id: unknown) => sketchKey(String(id)));
  db.exec(`INSERT OR IGNORE INTO sketch_keys (sample, doc_key)
    SELECT sample, k FROM (SELECT sample, dossier_sketch_key(doc_id) AS k FROM sketch_index) WHERE k IS NOT NULL`);
  db.exec('DROP TABLE sketch_index');
}

/** Stores made before near copies were sketched get their documents' sketches once. */
function backfillSketches(db: Database.Database): void {
  const rows = db.prepare('SELECT id, text, regions FROM documents').all() as { id: string; text: string; regions: string }[];
  const upd = db.prepare('UPDATE documents SET sketch = ? WHERE id = ?');
  const idx = db.prepare('INSERT OR IGNORE INTO sketch_index (sample, doc_id) VALUES (?, ?)');
  for (const r of rows) {
    const sk = sketch(bodyText({ text: r.text, regions: JSON.parse(r.regions) as Doc['regions'] }));
    if (!sk.length) continue;
    upd.run(sketchToBuffer(sk), r.id);
    for (const s of indexSamples(sk)) idx.run(s, r.id);
  }
}
