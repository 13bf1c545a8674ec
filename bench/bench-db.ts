/**
 * What the benchmarks need from a store target beyond the Store interface: making a PostgreSQL
 * database for a run (`--pg`), dropping it, and how large a store is on disk. A target is a SQLite
 * path or a `postgres://` URL, as `openStore` takes it.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import pg from 'pg';
import { isPostgresUrl } from '../src/store/index.js';

/** The database a URL names. It is spliced into DDL (CREATE DATABASE takes no parameters), so it must be a plain identifier. */
function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--pg needs a database name of lower-case letters, digits and _ in the URL (got "${name}")`);
  return name;
}

/** The same server's maintenance database: a database cannot be created or dropped from inside itself. */
async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drop the URL's database (other sessions on it are ended: it is the bench's own) and create it empty. */
export async function recreatePgDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withAdmin(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
}

export async function dropPgDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A SQLite store's files: the database, its write-ahead log and shared-memory index. */
export function removeSqlite(path: string): void {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
}

/** Bytes the store takes: pg_database_size for PostgreSQL (tables, indexes, TOAST), the file and its WAL for SQLite. */
export async function storeBytes(target: string): Promise<number> {
  if (!isPostgresUrl(target)) return ['', '-wal'].reduce((n, s) => n + (existsSync(target + s) ? statSync(target + s).size : 0), 0);
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
  } finally {
    await c.end();
  }
}

/** Peak resident set size of this process so far, in MiB (getrusage's ru_maxrss, the kernel's high-water mark). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
