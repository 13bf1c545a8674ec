import { Kysely, PostgresDialect, sql, type InsertQueryBuilder, type InsertResult, type RawBuilder } from 'kysely';
import pg from 'pg';
import { DossierError } from '../../model/index.js';
import { searchTerms, type Backend } from './backend.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { prepareRepeated } from './prepared.js';
import { redact } from '../../queue/db.js';
import type { DB } from './schema.js';

/**
 * PostgreSQL through node-postgres, behind Kysely.
 *
 * Concurrency: every write transaction first takes one transaction-scoped advisory lock, the
 * resolution lock. Workers extract in parallel (nearly all the work), then resolve and commit one at
 * a time, each seeing every incident committed before it. Two workers that receive reports of one
 * incident at once therefore still produce one incident, and the clusters are those of one process
 * taking the documents in commit order. Finer locks (one per merge block) would let saves overlap,
 * but a report's candidates come from several blocks (facility, country and days, undated reports),
 * so two saves could still each miss the other's new incident; one lock is simple and provably safe.
 *
 * Tunables:
 */
/** The advisory lock key every resolving transaction holds ("DOSS" in ASCII). */
const RESOLUTION_LOCK = 0x444f5353;
/** Another migrating process holds this one while it runs. */
const MIGRATION_LOCK = 0x444f534d;
/** Connections per process: a worker's concurrency slots, plus reads. */
const POOL_MAX = 10;
/** Serialization failures and deadlocks are retried this many times. */
const MAX_RETRIES = 5;
/**
 * A writer refreshes the planner's statistics after this many commits, then after twice as many, and
 * so on. A store filled faster than autovacuum looks (or with autovacuum off) kept the statistics of an
 * empty database: the merge's lookups turned into scans of every document, 178 → 47 saves/s over 20k.
 * At 200 (40 000 saves of the merge bench) the candidate read slowed from about 200 to 27–38 saves/s
 * between 30 000 and 40 000 reports, twice, until that first ANALYZE.
 */
const ANALYZE_AFTER_COMMITS = 25;


export class PostgresBackend implements Backend {
  readonly kind = 'postgres' as const;
  readonly byOrigin = '';
  readonly db: Kysely<DB>;
  private commits = 0;
  private nextAnalyze = ANALYZE_AFTER_COMMITS;
  private analyzing: Promise<unknown> = Promise.resolve();

  private constructor(readonly pool: pg.Pool, readonly name: string, readonly readonly: boolean) {
    this.db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }

  static async open(url: string, readonly: boolean): Promise<PostgresBackend> {
    const name = redact(url);
    const pool = new pg.Pool({ connectionString: url, max: POOL_MAX });
    // An idle client's error (the server restarted) must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    // Statements sent again and again are parsed and planned once per connection (prepared.ts).
    pool.on('connect', prepareRepeated);
    try {
      await migrate(pool);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw pgError(e, `cannot open the store: ${(e as Error).message}`, name);
    }
    return new PostgresBackend(pool, name, readonly);
  }

  async writeTransaction<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.connection().execute(async (conn) => {
          // No JIT in a resolving transaction: its statements are index lookups, and a candidate read
          // estimated past jit_above_cost (no statistics yet, ~20 000 reports in) spent 100–200 ms
          // compiling itself with LLVM, every save. Without values, both go in one round trip.
          await sql.raw('BEGIN; SET LOCAL jit = off').execute(conn);
          try {
            await sql`SELECT pg_advisory_xact_lock(${RESOLUTION_LOCK})`.execute(conn);
            const out = await fn(conn);
            await sql`COMMIT`.execute(conn);
            this.afterCommit();
            return out;
          } catch (e) {
            await sql`ROLLBACK`.execute(conn).catch(() => undefined);
            throw e;
          }
        });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= MAX_RETRIES || (code !== '40001' && code !== '40P01')) throw e;
      }
    }
  }

  /** Statistics on a doubling schedule (ANALYZE_AFTER_COMMITS), on a pooled connection of its own. */
  private afterCommit(): void {
    if (++this.commits < this.nextAnalyze) return;
    this.nextAnalyze *= 2;
    this.analyzing = this.analyzing.then(() => sql`ANALYZE reports, documents, incident_text, report_facilities, sketch_keys, entities`.execute(this.db)).catch(() => undefined);
  }

  textMatch(words: string): RawBuilder<boolean> {
    const q = searchTerms(words).join(' ') || '';
    return sql<boolean>`r.incident_id IN (SELECT incident_id FROM incident_text WHERE tsv @@ plainto_tsquery('simple', ${q}))`;
  }

  /**
   * The incident's own rows, each tested against the query (textAt). GIN answers a first page of a
   * frequent word in milliseconds, but a page after a cursor gathered every match first: 114–546 ms
   * for "bomb" (281 600 of 1M incidents) against 1.4–7 ms for a country's.
   */
  textProbe(words: string): (id: RawBuilder<unknown>) => RawBuilder<boolean> {
    return this.textAt(words);
  }

  textAt(words: string): (id: RawBuilder<unknown>) => RawBuilder<boolean> {
    // By the incident's rows (incident_text_incident), each tested against the query: no GIN scan.
    const q = searchTerms(words).join(' ') || '';
    return (id) => sql<boolean>`EXISTS (SELECT 1 FROM incident_text t WHERE t.incident_id = ${id} AND t.tsv @@ plainto_tsquery('simple', ${q}))`;
  }

  async textRowsMatching(db: Kysely<DB>, words: string, cap: number): Promise<number> {
    const q = searchTerms(words).join(' ') || '';
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT 1 FROM incident_text WHERE tsv @@ plainto_tsquery('simple', ${q}) LIMIT ${cap}) x`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }

  textRowsOf(id: number): RawBuilder<boolean> {
    return sql<boolean>`incident_text.incident_id = ${id}`;
  }

  insertText(db: Kysely<DB>, id: number, body: string): InsertQueryBuilder<DB, 'incident_text', InsertResult> {
    return db.insertInto('incident_text').values({ incident_id: id, body });
  }

  insertTextParams(id: number, body: string): unknown[] {
    return [id, body];
  }

  async moveText(db: Kysely<DB>, drop: number, keep: number): Promise<void> {
    await db.updateTable('incident_text').set({ incident_id: keep }).where('incident_id', '=', drop).execute();
  }

  inIds(column: string, ids: RawBuilder<unknown>): RawBuilder<boolean> {
    // The ids first, once (an InitPlan), then an index scan for them: a semi-join was planned as a hash
    // join over a sequential scan of all reports, which grew with the store (4 ms a save at 5,000).
    return sql<boolean>`${sql.ref(column)} = ANY(ARRAY(${ids}))`;
  }

  notInList(column: string, json: string): RawBuilder<boolean> {
    return sql<boolean>`NOT (${sql.ref(column)} = ANY(ARRAY(SELECT jsonb_array_elements_text(${json}::jsonb)::bigint)))`;
  }

  inList(column: string, json: string): RawBuilder<boolean> {
    return sql<boolean>`${sql.ref(column)} = ANY(ARRAY(SELECT jsonb_array_elements_text(${json}::jsonb)::bigint))`;
  }

  inTextList(column: string, json: string): RawBuilder<boolean> {
    return sql<boolean>`${sql.ref(column)} = ANY(ARRAY(SELECT jsonb_array_elements_text(${json}::jsonb)))`;
  }

  claimConcerns(reportIndex: number): RawBuilder<boolean> {
    return sql<boolean>`(c.data::jsonb -> 'incidents') @> ${JSON.stringify([reportIndex])}::jsonb`;
  }

  error(e: unknown, message: string, input?: string): DossierError {
    return pgError(e, message, input ?? this.name);
  }

  async changedElsewhere(): Promise<boolean> {
    // Entity ids never change once committed, and aliases are merged on write: nothing to forget.
    return false;
  }

  async close(): Promise<void> {
    await this.analyzing;
    await this.db.destroy();
  }
}


function pgError(e: unknown, message: string, input: string): DossierError {
  if (e instanceof DossierError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01' || code === '28000') {
    return new DossierError('E_STORE', `cannot reach the PostgreSQL store (${(e as Error).message}): check the URL, that the server runs and the database exists`, input);
  }
  if (code === '25006') return new DossierError('E_STORE_READONLY', `the store cannot be written (${(e as Error).message})`, input);
  return new DossierError('E_STORE', message, input);
}

/** Versioned migrations, each applied once, under a lock so processes starting together do not race. */
async function migrate(pool: pg.Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of POSTGRES_MIGRATIONS) {
      if (done.has(m.version)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
