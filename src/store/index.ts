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
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        } catch (e) {
          throw storeError(e, `the store failed: ${(e as Error).message}`, path);
        }
      };
    },
  });
}
