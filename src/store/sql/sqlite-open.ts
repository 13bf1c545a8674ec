import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DossierError } from '../../model/index.js';

/**
 * Opening a SQLite store, and what its failures mean to a user.
 *
 * Tunables:
 */
/** How long one statement waits for another process's write lock before SQLite gives up. */
export const BUSY_TIMEOUT_MS = 30_000;
/** After that, the whole transaction is retried with back-off for up to this long in all. */
export const BUSY_RETRY_MS = 300_000;
/** Page cache: indexes stay in memory as the store grows (SQLite's default is 2 MiB). */
const CACHE_KIB = 65_536;

/**
 * A store up to this size is checked page by page (quick_check) each time it is opened for writing:
 * about 0.1 s at the demo's size. A larger one gets the structural check alone (its schema reads, and
 * the file holds every page its header counts), because quick_check reads every page: 20 s of CPU at
 * 1M incidents (9 GB), paid by every `dossier ingest`. Damage on a page a write touches is still
 * refused then, by SQLite's own SQLITE_CORRUPT (storeError below).
 */
export const FULL_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/** The first 16 bytes of every SQLite database file. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether a file is a SQLite database (by its header), whatever its name. */
export function isSqliteFile(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const b = Buffer.alloc(16);
    return readSync(fd, b, 0, 16, 0) === 16 && b.equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Open for writing: WAL mode (readers never block the writer; a killed process loses at most the
 * document it was writing), synchronous=NORMAL (durable against a process crash, the failure a
 * batch job meets). A damaged file is refused before anything is written into it.
 */
export function openWritable(path: string, fullCheckMaxBytes = FULL_CHECK_MAX_BYTES): Database.Database {
  const fresh = path === ':memory:' || !existsSync(path) || statSync(path).size === 0;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // The busy timeout first: switching to WAL and migrating need the lock another writer may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    if (!fresh) underWriteLock(db, () => {
      if (path !== ':memory:' && statSync(path).size > fullCheckMaxBytes) assertWhole(db, path);
      else assertIntact(db);
    });
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Open for reading only. A WAL store needs its -shm file, which SQLite cannot create in a folder
 * the user may not write to; such a store (closed cleanly, so no -wal holds data) is read from a
 * copy in memory instead.
 */
export function openReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new DossierError('E_NOT_FOUND', 'no store here', path);
  let db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const walHoldsData = existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0;
    if (!(code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) || walHoldsData) throw e;
    db.close();
    const bytes = readFileSync(path);
    // Bytes 18 and 19 say WAL (2); an in-memory copy has no WAL, so mark it a rollback-journal file (1).
    if (bytes.length > 19) bytes[18] = bytes[19] = 1;
    db = new Database(bytes, { readonly: true });
  }
  return db;
}

/**
 * Run the opening check holding the write lock: another process may be creating or migrating this
 * store at the same moment (two `dossier ingest` started together on a new file), and a check that
 * read its virtual tables while their schema was being written failed with "vtable constructor
 * failed: incident_text" (CI, issue 11). With the lock, the schema cannot change under the check;
 * a writer waits for it in the busy handler, as for any write.
 */
function underWriteLock(db: Database.Database, check: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    check();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}

/** quick_check reads every page once: a damaged store is found before a write makes it worse. */
function assertIntact(db: Database.Database): void {
  const rows = db.pragma('quick_check(3)') as { quick_check: string }[];
  if (rows.length === 1 && rows[0]!.quick_check === 'ok') return;
  throw new DossierError('E_STORE_CORRUPT', `the store is damaged (${rows.map((r) => r.quick_check).join('; ')}); nothing was written to it. ${RECOVER_HINT}`, db.name);
}

/** The cheap check of a large store: the schema reads, and no page the header counts is missing (a copy cut short). */
function assertWhole(db: Database.Database, path: string): void {
  let pages: number;
  let pageSize: number;
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // SQLite itself calls a file shorter than its header's page count malformed (SQLITE_CORRUPT).
    pages = db.pragma('page_count', { simple: true }) as number;
    pageSize = db.pragma('page_size', { simple: true }) as number;
  } catch (e) {
    throw storeError(e, 'open', db.name);
  }
  const bytes = statSync(path).size;
  if (pages * pageSize > bytes) {
    throw new DossierError('E_STORE_CORRUPT', `the store is damaged (its header counts ${pages} pages of ${pageSize} bytes, the file holds ${bytes} bytes); nothing was written to it. ${RECOVER_HINT}`, db.name);
  }
}

const RECOVER_HINT = 'Restore it from a backup, or salvage what is readable with `sqlite3 FILE .recover | sqlite3 NEW.db` and use the new file.';

/** A SQLite failure as the coded store error a user can act on. */
export function storeError(e: unknown, message: string, input?: string): DossierError {
  if (e instanceof DossierError) return e;
  const code = (e as { code?: string }).code ?? '';
  const why = (e as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new DossierError('E_STORE_CORRUPT', `the store is damaged or is not a Dossier store (${why}); nothing was written to it. ${RECOVER_HINT}`, input);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DossierError('E_STORE_BUSY', `another process kept the store locked for over ${BUSY_RETRY_MS / 1000} s (${why}); nothing was written: run the command again when it is done`, input);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new DossierError('E_STORE_READONLY', `the store cannot be written here (${why}): check the file's and folder's permissions`, input);
  }
  return new DossierError('E_STORE', message, input);
}

const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
};

/**
 * Run a write, retrying while another process holds the lock. SQLite's busy handler covers most
 * waits; a transaction whose snapshot went stale (SQLITE_BUSY_SNAPSHOT) must be retried whole.
 */
export async function withBusyRetry<T>(fn: () => Promise<T>): Promise<T> {
  const until = Date.now() + BUSY_RETRY_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}

/** The pause before retry `attempt` (0, 1, …): 5 ms doubling to at most 1 s, jittered so two waiting writers part. */
function backoffMs(attempt: number): number {
  const pause = Math.min(5 * 2 ** attempt, 1000);
  return pause + Math.random() * pause;
}

/** The store's schema cookie, read on a connection of its own; null when there is no file or it cannot be read. */
function schemaCookie(path: string): number | null {
  if (path === ':memory:' || !existsSync(path)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db.pragma('schema_version', { simple: true }) as number;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Sleep without an event loop: opening a store is synchronous (better-sqlite3). */
const pauseSync = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Open a store for writing, trying again while another process is opening it too. Two cases are
 * transient: a busy error that SQLite's busy handler did not wait out (it is not called where waiting
 * could deadlock, e.g. while the file turns to WAL mode), and any SQLite failure during which the
 * store's schema changed under us (another process migrated it). A coded error (a damaged store, not
 * a Dossier store) and a failure on an unchanged schema are thrown at once.
 */
export function openRetrying<T>(path: string, open: () => T, retryMs = BUSY_RETRY_MS): T {
  const until = Date.now() + retryMs;
  let cookie = schemaCookie(path);
  for (let attempt = 0; ; attempt++) {
    try {
      return open();
    } catch (e) {
      if (e instanceof DossierError || Date.now() > until) throw e;
      const now = schemaCookie(path);
      if (!isBusy(e) && now === cookie) throw e;
      cookie = now;
      pauseSync(backoffMs(attempt));
    }
  }
}
