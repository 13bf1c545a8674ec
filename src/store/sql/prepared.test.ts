import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { pgUnavailable, TEST_PG_ADMIN_URL } from '../../testing/pg.js';
import { prepareRepeated, statementName } from './prepared.js';

test('a text is named on its third run, and keeps its name; another text gets another', () => {
  const a = 'SELECT 1 WHERE $1::int = 1 -- prepared.test a';
  assert.equal(statementName(a), null);
  assert.equal(statementName(a), null);
  const name = statementName(a);
  assert.match(name ?? '', /^dossier_\d+$/);
  assert.equal(statementName(a), name);
  const b = 'SELECT 2 WHERE $1::int = 1 -- prepared.test b';
  statementName(b);
  statementName(b);
  const other = statementName(b);
  assert.ok(other && other !== name);
});

test('on PostgreSQL: a repeated statement is prepared once on the connection, and answers as before', async (t) => {
  const why = await pgUnavailable();
  if (why) return t.skip(why);
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    prepareRepeated(client as unknown as pg.PoolClient);
    await client.query('CREATE TEMP TABLE prepared_t (id int, a text)');
    await client.query("INSERT INTO prepared_t VALUES (1, 'one'), (2, 'two')");
    const text = 'SELECT * FROM prepared_t WHERE id = $1';
    for (let i = 0; i < 6; i++) {
      const r = await client.query(text, [1 + (i % 2)]);
      assert.deepEqual(r.rows, [{ id: 1 + (i % 2), a: i % 2 ? 'two' : 'one' }]);
    }
    // Without values: the simple protocol, never named.
    const prepared = await client.query('SELECT name, statement FROM pg_prepared_statements');
    assert.deepEqual(prepared.rows.map((r: { statement: string }) => r.statement), [text]);
    // Its table changes under it (a migration by another process): PostgreSQL refuses the cached plan,
    // and the statement is sent again unnamed.
    await client.query('ALTER TABLE prepared_t ADD COLUMN b int');
    const after = await client.query(text, [2]);
    assert.deepEqual(after.rows, [{ id: 2, a: 'two', b: null }]);
    const again = await client.query(text, [1]);
    assert.deepEqual(again.rows, [{ id: 1, a: 'one', b: null }]);
  } finally {
    await client.end();
  }
});
