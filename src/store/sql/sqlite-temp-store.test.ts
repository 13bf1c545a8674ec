import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import { SqliteBackend } from './sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'dossier-temp-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** PRAGMA temp_store as SQLite reports it: 0 the compiled default (files), 2 memory. */
async function tempStore(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ temp_store: number }>`PRAGMA temp_store`.execute(db);
  return r.rows[0]!.temp_store;
}

test('a write transaction keeps statement journals in memory, and a read afterwards spills to files again', async () => {
  const b = SqliteBackend.open(join(dir, 'a.db'), false);
  try {
    assert.equal(await tempStore(b.db), 0);
    assert.equal(await b.writeTransaction((trx) => tempStore(trx)), 2);
    assert.equal(await tempStore(b.db), 0);
    await assert.rejects(b.writeTransaction(async () => { throw new Error('refused'); }), /refused/);
    assert.equal(await tempStore(b.db), 0, 'a failed transaction puts the setting back too');
  } finally {
    await b.close();
  }
});

test('a multi-row statement that fails part-way is undone alone, its transaction keeps what came before', async () => {
  const b = SqliteBackend.open(join(dir, 'b.db'), false);
  try {
    await sql`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`.execute(b.db);
    const big = 'x'.repeat(20_000); // rows large enough that the statement's journal passes SQLite's 64 KiB in-memory limit
    await b.writeTransaction(async (trx) => {
      await sql`INSERT INTO t VALUES (1, ${big})`.execute(trx);
      const rows = [2, 3, 4, 5, 6, 7, 8, 1].map((k) => sql`(${k}, ${big})`);
      await assert.rejects(sql`INSERT INTO t VALUES ${sql.join(rows)}`.execute(trx), /UNIQUE/);
      await sql`INSERT INTO t VALUES (9, ${big})`.execute(trx);
    });
    const keys = (await sql<{ k: number }>`SELECT k FROM t ORDER BY k`.execute(b.db)).rows.map((r) => r.k);
    assert.deepEqual(keys, [1, 9]);
  } finally {
    await b.close();
  }
});
