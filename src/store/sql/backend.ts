import type { Kysely, RawBuilder } from 'kysely';
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
  /** A condition on report row `r`: its incident's text holds all these words. */
  textMatch(words: string): RawBuilder<boolean>;
  /**
   * A condition: `column` is one of the ids `ids` (a subquery) gives. PostgreSQL plans `IN (subquery)`
   * as a hash join over every row of the column's table; SQLite looks each id up in the index.
   */
  inIds(column: string, ids: RawBuilder<unknown>): RawBuilder<boolean>;
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
