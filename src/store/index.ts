import { SqliteStore } from './sqlite/sqlite-store.js';
import { storeError } from './sqlite/open.js';
import type { Store } from './types.js';

export type { Store, StoreCapabilities, IncidentFilter, StoredDocument, StoredIncident, SaveResult, SaveExtras, StoredEntity, RelationInput } from './types.js';

/** The default embedded store. */
export const DEFAULT_DB = 'dossier.db';

export interface OpenOptions {
  /** Read commands open the store for reading only: it can be read from a read-only folder, and is never changed. */
  readonly?: boolean;
}

export function openStore(path: string = DEFAULT_DB, opts: OpenOptions = {}): Store {
  return guarded(new SqliteStore(path, opts), path);
}

export { isSqliteFile } from './sqlite/open.js';

/**
 * Every call into the store turns a raw SQLite failure ("database disk image is malformed") into a
 * coded store error that names the file, so every command reports it the same way (exit 4).
 */
function guarded(store: Store, path: string): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        try {
          const out = (v as (...a: unknown[]) => unknown).apply(target, args);
          return isIterator(out) ? guardedIterator(out, path) : out;
        } catch (e) {
          throw storeError(e, `the store failed: ${(e as Error).message}`, path);
        }
      };
    },
  });
}

function isIterator(v: unknown): v is IterableIterator<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { next?: unknown }).next === 'function' && Symbol.iterator in v;
}

/** A streamed read (eachIncident) fails as the store error too, when it fails mid-way. */
function* guardedIterator<T>(it: IterableIterator<T>, path: string): IterableIterator<T> {
  try {
    yield* it;
  } catch (e) {
    throw storeError(e, `the store failed: ${(e as Error).message}`, path);
  }
}
