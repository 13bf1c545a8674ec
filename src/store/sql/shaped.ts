import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { DB } from './schema.js';

/**
 * Statements the save path runs for every document, compiled by Kysely once per dialect and shape and
 * then only bound to new values (issue 11). Building and compiling a Kysely query costs more than
 * SQLite takes to run most of them: about a fifth of the store's CPU time when ingesting, for the
 * same SQL each time.
 *
 * The caller gives the values in the order the statement binds them; the first time a shape is seen
 * Kysely compiles it from the builder and its parameters must come out equal to those values, or the
 * shape is never cached and is built every time, as before. Only plain values take this path
 * (strings, numbers, bigints, null, Buffers): anything else Kysely might turn into SQL of its own.
 *
 * Tunables:
 */
/** Shapes kept (one per statement and row count): the map starts over when full. */
const SHAPES_MAX = 2_000;

/** SQL per dialect and shape; null for a shape whose parameters did not come out as given (built every time). */
const SHAPES = new Map<string, string | null>();

type Plain = string | number | bigint | null | Buffer;

function isPlain(v: unknown): v is Plain {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || Buffer.isBuffer(v);
}

function sameParams(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Run the statement `build` makes, whose shape is `key` and whose bound values are `params` in order.
 * `dialect` keeps SQLite's and PostgreSQL's SQL apart.
 */
export function runShaped<R>(db: Kysely<DB>, dialect: string, key: string, params: readonly unknown[], build: () => Compilable<R>): Promise<QueryResult<R>> {
  return db.executeQuery<R>(compiledShaped(dialect, key, params, build));
}

/** The statement `build` makes, bound to `params`, without running it (a write queued for later: SqlPort.defer). */
export function compiledShaped<R>(dialect: string, key: string, params: readonly unknown[], build: () => Compilable<R>): CompiledQuery<R> {
  const k = `${dialect}\u0000${key}`;
  const text = SHAPES.get(k);
  const plain = params.every(isPlain);
  if (text && plain) return CompiledQuery.raw(text, params.slice()) as CompiledQuery<R>;
  const compiled = build().compile();
  if (text === undefined && plain) {
    if (SHAPES.size >= SHAPES_MAX) SHAPES.clear();
    SHAPES.set(k, sameParams(compiled.parameters, params) ? compiled.sql : null);
  }
  return compiled;
}

/**
 * The shape and values of an INSERT of `rows` (objects with the same keys in the same order): the
 * table, the columns, the number of rows and which values are undefined (Kysely leaves those
 * columns out), and the defined values row by row, column by column, as Kysely binds them. Null
 * when the rows' keys differ (such an insert is built every time).
 */
export function insertShape(table: string, rows: readonly Record<string, unknown>[], tail = ''): { key: string; params: unknown[] } | null {
  if (!rows.length) return null;
  const cols = Object.keys(rows[0]!);
  const params: unknown[] = [];
  let holes = '';
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    const keys = Object.keys(r);
    if (keys.length !== cols.length) return null;
    for (let i = 0; i < cols.length; i++) {
      if (keys[i] !== cols[i]) return null;
      const v = r[cols[i]!];
      if (v === undefined) holes += `${j * cols.length + i},`;
      else params.push(v);
    }
  }
  return { key: `insert ${table}(${cols.join(',')})×${rows.length}${holes ? ` holes ${holes}` : ''}${tail}`, params };
}

/** How many shapes run compiled once (`bound`) and how many are built every time (`built`): for tests. */
export function shapeCounts(): { bound: number; built: number } {
  let bound = 0;
  for (const v of SHAPES.values()) if (v !== null) bound++;
  return { bound, built: SHAPES.size - bound };
}
