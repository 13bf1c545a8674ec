import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from './schema.js';

/**
 * The incidents each write transaction changed (migration 17's `incident_touches`), read to bring
 * cached counts up to date (CountCache). The triggers write a row with no revision for every
 * incident whose reports or review flags change; the transaction labels its rows with its revision
 * when it bumps the revision, last, while it holds the revision row. So a row with revision r is
 * visible to a reader exactly when revision r is, and a reader that kept a count at revision R
 * finds every incident changed since among the rows labelled above R.
 *
 * Tunables:
 */
/** Rows of revisions older than this many are deleted: a count kept that long ago is counted afresh. */
export const KEEP_REVISIONS = 2000;
/** How often (in revisions) the old rows are deleted. */
const PRUNE_EVERY = 100;
/**
 * More changed incidents than this since a count was kept, and it is counted afresh: testing them
 * one by one would cost as much (a batch of 100 documents changes a few hundred).
 */
export const MAX_TOUCHED = 20_000;
/** Ids per statement when testing changed incidents against a filter. */
const IDS_PER_QUERY = 500;

/** Bump the store's revision and label this transaction's changed incidents with it; prune now and then. */
export async function bumpRevision(trx: Kysely<DB>): Promise<void> {
  const n = Number((await sql<{ n: number }>`UPDATE store_revision SET n = n + 1 WHERE id = 1 RETURNING n`.execute(trx)).rows[0]?.n ?? 0);
  await sql`UPDATE incident_touches SET rev = ${n} WHERE rev IS NULL`.execute(trx);
  if (n % PRUNE_EVERY === 0) await sql`DELETE FROM incident_touches WHERE rev < ${n - KEEP_REVISIONS}`.execute(trx);
}

/**
 * The incidents changed after revision `since`, distinct; null past MAX_TOUCHED, or when rows it
 * needs may have been pruned. The revision is read after the rows: a prune that committed before
 * they were read deleted only rows older than that revision less KEEP_REVISIONS.
 */
export async function touchedSince(db: Kysely<DB>, since: number): Promise<number[] | null> {
  const { rows } = await sql<{ id: number }>`SELECT DISTINCT incident_id AS id FROM incident_touches WHERE rev > ${since} LIMIT ${MAX_TOUCHED + 1}`.execute(db);
  if (rows.length > MAX_TOUCHED) return null;
  const now = Number((await sql<{ n: number }>`SELECT n FROM store_revision WHERE id = 1`.execute(db)).rows[0]?.n ?? 0);
  return now - since >= KEEP_REVISIONS ? null : rows.map((r) => Number(r.id));
}

/** The incidents among `ids` that a condition on report rows `r` holds for (repeated once per matching report), by statements of IDS_PER_QUERY. */
export async function incidentsMatching(db: Kysely<DB>, ids: readonly number[], conds: RawBuilder<boolean>[]): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const all = [...conds, sql<boolean>`r.incident_id IN (${sql.join(chunk)})`];
    const { rows } = await sql<{ id: number }>`SELECT r.incident_id AS id FROM reports r WHERE ${sql.join(all, sql` AND `)}`.execute(db);
    for (const r of rows) out.push(Number(r.id));
  }
  return out;
}
