import { DossierError } from '../model/index.js';
import type { Backend } from './sql/backend.js';
import { SqliteBackend } from './sql/sqlite.js';
import { SqlStore } from './sql/sql-store.js';
import type { Store } from './types.js';

export type { Store, StoreCapabilities, IncidentFilter, IncidentPage, DateKey, SortOrder, DocumentLocation, StoredDocument, StoredDocumentMeta, StoredIncident, StoredEntity, WebState, IntakeRecord, FeedItemState, DetachedDocument , IncidentStats, IncidentPoint, StatsBucket } from './types.js';
export type { SaveResult, SaveExtras, RelationInput } from '../resolve/resolver.js';
export { boundStart, boundEnd } from './sql/sql-store.js';
export { isSqliteFile } from './sql/sqlite-open.js';
export { redact } from '../queue/db.js';

/** Whether a --db target is a PostgreSQL URL (anything else is a SQLite file). */
export function isPostgresUrl(s: string): boolean {
  return POSTGRES_URL.test(s);
}
const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** The default embedded store. */
export const DEFAULT_DB = 'dossier.db';

export interface OpenOptions {
  /** Read commands open the store for reading only: it can be read from a read-only folder, and is never changed. */
  readonly?: boolean;
}

/**
 * Open a store: a `postgres://` URL selects PostgreSQL, anything else is a SQLite file (created if
 * absent). Both are the same SqlStore over a different Backend.
 */
export async function openStore(target: string = DEFAULT_DB, opts: OpenOptions = {}): Promise<Store> {
  const readonly = opts.readonly === true;
  // PostgreSQL's driver is loaded only for a postgres:// store: a SQLite command never pays for it.
  const backend: Backend = isPostgresUrl(target) ? await (await import('./sql/postgres.js')).PostgresBackend.open(target, readonly) : SqliteBackend.open(target, readonly);
  return guarded(new SqlStore(backend), backend);
}

/**
 * Every call into the store turns a raw database failure ("database disk image is malformed",
 * "connection refused") into a coded store error that names the store, so every command reports it
 * the same way (exit 4).
 */
function guarded(store: Store, b: Backend): Store {
  const wrap = (e: unknown): DossierError => (e instanceof DossierError ? e : b.error(e, `the store failed: ${(e as Error).message}`));
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        let out: unknown;
        try {
          out = (v as (...a: unknown[]) => unknown).apply(target, args);
        } catch (e) {
          throw wrap(e);
        }
        if (out instanceof Promise) return out.catch((e: unknown) => { throw wrap(e); });
        if (isAsyncIterator(out)) return guardedIterator(out, wrap);
        return out;
      };
    },
  });
}

function isAsyncIterator(v: unknown): v is AsyncIterableIterator<unknown> {
  return typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
}

/** A streamed read (eachIncident) fails as the store error too, when it fails mid-way. */
async function* guardedIterator<T>(it: AsyncIterableIterator<T>, wrap: (e: unknown) => DossierError): AsyncIterableIterator<T> {
  try {
    yield* it;
  } catch (e) {
    throw wrap(e);
  }
}
