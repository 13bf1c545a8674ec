import type { Pool, PoolClient } from 'pg';
import { DossierError } from '../model/index.js';

/** What pg-pool uses when the pool was made without `max`. */
const PG_POOL_DEFAULT_MAX = 10;

/** The pool's database as a URL for messages, with any password replaced. */
export function poolUrl(pool: Pool): string {
  const o = pool.options;
  if (o.connectionString) return redact(o.connectionString);
  const user = o.user ?? process.env.PGUSER ?? '';
  const host = o.host ?? process.env.PGHOST ?? 'localhost';
  const port = o.port ?? process.env.PGPORT ?? 5432;
  return `postgres://${user}@${host}:${port}/${o.database ?? process.env.PGDATABASE ?? ''}`;
}

/** A URL without its password, for messages (the store's errors use it too). */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** The pool's connection limit. */
export function poolMax(pool: Pool): number {
  return pool.options.max ?? PG_POOL_DEFAULT_MAX;
}

/**
 * A client from the pool. pg's own message for a refused or unknown database ("connect ECONNREFUSED
 * 127.0.0.1:5432") does not say which setting to fix, so the failure names the database URL.
 */
export async function connect(pool: Pool): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (e) {
    throw new DossierError('E_STORE', `cannot connect to the job queue's PostgreSQL: ${(e as Error).message}`, poolUrl(pool));
  }
}

/** Runs fn on a pooled client and gives it back; a client that failed is discarded, not reused. */
export async function withClient<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await connect(pool);
  let broken: Error | undefined;
  const onError = (e: Error): void => {
    broken = e;
  };
  // An error event on a checked-out client with no listener would crash the process; the failed
  // query reports the same error to the caller.
  client.on('error', onError);
  try {
    return await fn(client);
  } catch (e) {
    broken ??= e as Error;
    throw e;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
