import type { CompiledQuery, InsertQueryBuilder, InsertResult, Kysely, RawBuilder } from 'kysely';
import type { DossierError } from '../../model/index.js';
import type { DB } from './schema.js';

/**
 * What differs between SQLite and PostgreSQL, and nothing else: how a write transaction starts and
 * is made safe against other writers, full-text search, one JSON test, an index hint, and what a
 * failure means to a user. Every query is written once, with Kysely, in sql-store.ts and sql-port.ts.
 */
export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<DB>;
  /** The file or the URL (without a password), for messages. */
  readonly name: string;
  readonly readonly: boolean;
  /**
   * Run `fn` in one write transaction on one connection, retried whole while another writer holds
   * the lock. SQLite: BEGIN IMMEDIATE (the write lock is taken at once). PostgreSQL: BEGIN, then the
   * resolution lock (see postgres.ts), so two workers never resolve against each other's uncommitted
   * incidents.
   */
  writeTransaction<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * Run compiled writes at once, in order, on the connection the open write transaction holds; only a
   * backend with one connection in process has it (SQLite). Without it, writes go through Kysely.
   */
  runWritesNow?(queries: readonly CompiledQuery[]): void;
  /** A read run at once on that connection, its rows; with runWritesNow, on a backend that has it. */
  queryNow?<R>(query: CompiledQuery<R>): R[];
  /** A condition on report row `r`: its incident's text holds all these words (every match gathered first). */
  textMatch(words: string): RawBuilder<boolean>;
  /**
   * The same test for one incident at a time, for walking incidents in page order and probing each
   * (a frequent word: SQLite's full-text index hands over every match before a page can be cut, 1.2 s
   * for a word in 37% of 1M incidents; PostgreSQL's GIN did the same for a page after a cursor,
   * 0.1–0.5 s). `id` is the incident id's SQL. Null: the backend has no such probe, and its textMatch
   * is always used.
   */
  textProbe(words: string): ((id: RawBuilder<unknown>) => RawBuilder<boolean>) | null;
  /**
   * The same test on one incident, whatever the backend's page plans: for testing a few incidents
   * (a cached count brought up to date), where gathering every match would read them all.
   */
  textAt(words: string): (id: RawBuilder<unknown>) => RawBuilder<boolean>;
  /** How many full-text rows hold all these words, counted up to `cap` (a cheap read of the index). */
  textRowsMatching(db: Kysely<DB>, words: string, cap: number): Promise<number>;
  /** A condition on incident_text: the rows of incident `id`. */
  textRowsOf(id: number): RawBuilder<boolean>;
  /** Add a full-text row to incident `id` (one statement; SQLite numbers it in the incident's rowid range). */
  insertText(db: Kysely<DB>, id: number, body: string): InsertQueryBuilder<DB, 'incident_text', InsertResult>;
  /** insertText's bound values, in the order its statement binds them (the save path binds it without building it: shaped.ts). */
  insertTextParams(id: number, body: string): unknown[];
  /** Move incident `drop`'s full-text rows to incident `keep` (a merge). */
  moveText(db: Kysely<DB>, drop: number, keep: number): Promise<void>;
  /**
   * A condition: `column` is one of the ids `ids` (a subquery) gives. PostgreSQL plans `IN (subquery)`
   * as a hash join over every row of the column's table; SQLite looks each id up in the index.
   */
  inIds(column: string, ids: RawBuilder<unknown>): RawBuilder<boolean>;
  /** A condition: `column` is none of the ids in `json` (a JSON array of integers), bound as one value. */
  notInList(column: string, json: string): RawBuilder<boolean>;
  /**
   * A condition: `column` is one of the integers in `json` (a JSON array), bound as one value: one
   * statement text for every length, where `IN (?, ?, …)` made one per length, each prepared anew
   * (a new document's near-copy lookup: 207 texts in a run of 1 300 documents).
   */
  inList(column: string, json: string): RawBuilder<boolean>;
  /** The same for a JSON array of strings (document ids). */
  inTextList(column: string, json: string): RawBuilder<boolean>;
  /** A condition on claim row `c`: its data lists this report index among its incidents. */
  claimConcerns(reportIndex: number): RawBuilder<boolean>;
  /** Read documents' metadata through the covering index (SQLite needs the hint; PostgreSQL plans it). */
  readonly byOrigin: string;
  /** A failure as the coded store error a user can act on. */
  error(e: unknown, message: string, input?: string): DossierError;
  /** True when another connection committed since the last call (cached entity ids may be stale). */
  changedElsewhere(trx: Kysely<DB>): Promise<boolean>;
  close(): Promise<void>;
}

/** Words to the list of search terms: letters and digits only, so no search syntax leaks through. */
export function searchTerms(words: string): string[] {
  return words.split(NON_WORD).filter(Boolean);
}
const NON_WORD = /[^\p{L}\p{N}]+/u;

/** The full-text writes a review or a join needs (a part of Backend, passed to review-ops and review-sql). */
export type TextRows = Pick<Backend, 'textRowsOf' | 'insertText' | 'moveText'>;
