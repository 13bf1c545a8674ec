import pg from 'pg';

/**
 * PostgreSQL for tests. Each test file gets a fresh database of its own on the server named by
 * DOSSIER_TEST_PG (default: the local server, trust auth), and drops it when done.
 *
 * A machine with only Node (the quick start's promise) has no server: the PostgreSQL tests are then
 * skipped, with the reason shown. CI sets DOSSIER_REQUIRE_PG=1, so there a missing server fails the
 * run instead of skipping it.
 */
export const TEST_PG_ADMIN_URL = process.env.DOSSIER_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<string | null> | undefined;

/** Null when the test server answers; otherwise why the PostgreSQL tests cannot run. */
export function pgUnavailable(): Promise<string | null> {
  reachable ??= (async () => {
    const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return null;
    } catch (e) {
      if (process.env.DOSSIER_REQUIRE_PG === '1') throw new Error(`DOSSIER_REQUIRE_PG=1 but PostgreSQL at ${TEST_PG_ADMIN_URL} is not reachable: ${(e as Error).message}`);
      return `no PostgreSQL at ${TEST_PG_ADMIN_URL} (${(e as Error).message}); set DOSSIER_TEST_PG to run these tests`;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return reachable;
}

let seq = 0;

/** A fresh, empty database; returns its URL and a function that drops it. */
export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dossier_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${++seq}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    // Commits need not wait for the WAL flush here: a test kills clients and workers, never the server,
    // and what one session commits is visible to the others at once either way. Each commit's fsync
    // (about 4 ms on this machine) was most of the PostgreSQL suites' wall time.
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const u = new URL(TEST_PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
