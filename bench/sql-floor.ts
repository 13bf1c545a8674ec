/**
 * The floor the benchmarks set Dossier against: the same rows fetched with plain SQL on the same
 * database (better-sqlite3, or the pg client), nothing of Dossier loaded.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from '../src/store/index.js';


/** An SQL condition and its parameters, written with `?` placeholders. */
export interface Cond {
  sql: string;
  params: unknown[];
}

export interface Floor {
  rows(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** The ids of incidents whose text holds `word`, in the backend's own full-text search. */
  textIds(word: string): Cond;
  close(): Promise<void>;
}

function sqliteFloor(path: string): Floor {
  const db = new Database(path, { readonly: true });
  // Statements prepared once: the floor is the least the database can do for these rows.
  const stmts = new Map<string, Database.Statement>();
  return {
    rows: async (text, params = []) => {
      let st = stmts.get(text);
      if (!st) stmts.set(text, (st = db.prepare(text)));
      return st.all(...params) as Record<string, unknown>[];
    },
    textIds: (word) => ({ sql: 'SELECT incident_id FROM incident_text WHERE incident_text MATCH ?', params: [`"${word}"`] }),
    close: async () => {
      db.close();
    },
  };
}

async function pgFloor(url: string): Promise<Floor> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return {
    rows: async (text, params = []) => (await c.query(dollarParams(text), params)).rows as Record<string, unknown>[],
    textIds: (word) => ({ sql: "SELECT incident_id FROM incident_text WHERE tsv @@ plainto_tsquery('simple', ?)", params: [word] }),
    close: () => c.end(),
  };
}

export const openFloor = (target: string): Promise<Floor> => (isPostgresUrl(target) ? pgFloor(target) : Promise.resolve(sqliteFloor(target)));

/** `?` placeholders as PostgreSQL's `$1, $2…` (no `?` in the floor's SQL is inside a literal). */
function dollarParams(text: string): string {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}

/** The reports of the incidents `ids` selects, with what a listing shows; returns how many incidents. */
export async function floorIncidents(f: Floor, ids: Cond): Promise<number> {
  const rows = await f.rows(
    `SELECT r.incident_id, r.data, coalesce(d.derived_from, d.id) AS origin, d.published FROM reports r JOIN documents d ON d.id = r.doc_id
     WHERE r.incident_id IN (${ids.sql}) ORDER BY r.incident_id, r.doc_id, r.idx`,
    ids.params,
  );
  return new Set(rows.map((r) => Number(r.incident_id))).size;
}

