import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './types.js';

export type { Store, StoreCapabilities, IncidentFilter, StoredDocument, StoredIncident, SaveResult, SaveExtras, StoredEntity, RelationInput } from './types.js';

/** The default embedded store. */
export const DEFAULT_DB = 'dossier.db';

export function openStore(path: string = DEFAULT_DB): Store {
  return new SqliteStore(path);
}
