import { createHash } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from '../store/sql/migrations.js';
import { openStore } from '../store/index.js';

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

/**
 * How long the first connection may take, in seconds the process was free to wait. A machine without
 * a server refuses at once (ECONNREFUSED), so this only matters when one is there but slow to answer.
 * Not wall time: in a shared test process (scripts/run-tests.ts) the other files' tests run while this
 * connection waits, and a synchronous test holds the event loop for seconds, so a wall-clock timeout
 * fired before the server's answer could be read (CI, 2026-11-30 with 3 s and 2026-12-01 with 20 s,
 * both under load). The wait is counted in ticks of REACHABLE_TICK_MS; a tick that fires late counts
 * as one tick, so time the loop was held does not count.
 */
const REACHABLE_TICKS = 20;
const REACHABLE_TICK_MS = 1000;

/** Rejects after `ticks` ticks of `ms` each have passed with the event loop free; `stop` ends it. */
export function freeTimeout(ticks: number, ms: number): { expired: Promise<never>; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const expired = new Promise<never>((_, reject) => {
    const tick = (left: number): void => {
      if (stopped) return;
      if (left <= 0) reject(new Error(`timeout expired (${ticks} s of waiting)`));
      else timer = setTimeout(() => tick(left - 1), ms);
    };
    tick(ticks);
  });
  expired.catch(() => undefined);
  return { expired, stop: () => { stopped = true; clearTimeout(timer); } };
}

/** Null when the test server answers; otherwise why the PostgreSQL tests cannot run. */
export function pgUnavailable(): Promise<string | null> {
  reachable ??= (async () => {
    const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    const limit = freeTimeout(REACHABLE_TICKS, REACHABLE_TICK_MS);
    try {
      await Promise.race([c.connect(), limit.expired]);
      await Promise.race([c.query('SELECT 1'), limit.expired]);
      return null;
    } catch (e) {
      if (process.env.DOSSIER_REQUIRE_PG === '1') throw new Error(`DOSSIER_REQUIRE_PG=1 but PostgreSQL at ${TEST_PG_ADMIN_URL} is not reachable: ${(e as Error).message}`);
      return `no PostgreSQL at ${TEST_PG_ADMIN_URL} (${(e as Error).message}); set DOSSIER_TEST_PG to run these tests`;
    } finally {
      limit.stop();
      await c.end().catch(() => undefined);
    }
  })();
  return reachable;
}

let seq = 0;

/** Held while a test process builds the migrated template, so that processes starting together build it once. */
const TEMPLATE_LOCK = 0x444f5354; // "DOST"

/** The URL of database `name` on the test server. */
function urlOf(name: string): string {
  const u = new URL(TEST_PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Rename a database once no session holds it: a closed client's server process can take a moment
 * to exit, and a database is only renamed with no one in it.
 */
async function renameWhenFree(admin: pg.Client, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [from]);
    try {
      await admin.query(`ALTER DATABASE ${from} RENAME TO ${to}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/**
 * A database with every migration applied, named by a hash of the migrations, which each fresh
 * database copies (CREATE DATABASE … TEMPLATE). Migrating each of the suite's fifty-odd databases
 * from nothing cost 0.1–0.3 s of server time apiece; the migrations still run once per schema, and
 * the store tests that migrate an older store do so on their own. A changed migration list makes a
 * new template (the old ones stay until dropped by hand: `dossier_test_template_*`).
 */
async function migratedTemplate(admin: pg.Client): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(POSTGRES_MIGRATIONS)).digest('hex').slice(0, 16);
  const name = `dossier_test_template_${hash}`;
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) return name;
    // What a process killed while building left (under the lock, nobody else is building this one).
    // Templates of other schemas are kept: another checkout's tests may be copying theirs right now.
    const left = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`${name}_`]);
    for (const r of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    // Built under another name and renamed once whole: a process killed while migrating leaves no
    // half-made template behind for the next run to copy.
    const building = `${name}_${process.pid}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const store = await openStore(urlOf(building));
    await store.close();
    await renameWhenFree(admin, building, name);
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/** A fresh database, migrated and empty; returns its URL and a function that drops it. */
export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dossier_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${++seq}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${await migratedTemplate(admin)}`);
    // Commits need not wait for the WAL flush here: a test kills clients and workers, never the server,
    // and what one session commits is visible to the others at once either way. Each commit's fsync
    // (about 4 ms on this machine) was most of the PostgreSQL suites' wall time.
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  return {
    url: urlOf(name),
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
