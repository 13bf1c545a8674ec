import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DB } from './schema.js';
import { chunkWrites, combined, type Pending } from './sql-port.js';

/** Kysely compiling PostgreSQL's SQL, with no database behind it. */
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const text = (incident: number, body: string): Pending => ({ table: 'incident_text', kind: 'insert', query: db.insertInto('incident_text').values({ incident_id: incident, body }).compile() });
const sortDate = (id: number, date: string): Pending => ({ table: 'incidents', kind: 'write', query: db.updateTable('incidents').set({ sort_date: date }).where('id', '=', id).compile() });

test('a chunk holds any number of plain inserts, and one other write of each table', () => {
  const list = [text(1, 'a'), text(2, 'b'), sortDate(1, '2024-01-01'), text(3, 'c'), sortDate(2, '2024-01-02'), text(4, 'd')];
  const chunks = chunkWrites(list);
  // The second update of incidents must not share a statement with the first: only one would take effect.
  assert.deepEqual(chunks.map((c) => c.length), [4, 2]);
  assert.deepEqual(chunks.flat(), list, 'the writes keep their order');
});

test('a write of a table inserted into earlier starts a new chunk (it would not see the rows)', () => {
  const update: Pending = { table: 'incident_text', kind: 'write', query: db.updateTable('incident_text').set({ body: 'x' }).where('incident_id', '=', 1).compile() };
  assert.deepEqual(chunkWrites([text(1, 'a'), update]).map((c) => c.length), [1, 1]);
});

test('a chunk binds at most 30,000 values', () => {
  const rows = Array.from({ length: 9_000 }, (_, i) => ({ incident_id: i, body: 'w' }));
  const big: Pending = { table: 'incident_text', kind: 'insert', query: db.insertInto('incident_text').values(rows).compile() };
  assert.equal(big.query.parameters.length, 18_000);
  assert.deepEqual(chunkWrites([big, big, text(1, 'a')]).map((c) => c.length), [1, 2]);
});

test('one statement of WITH queries, its placeholders numbered through', () => {
  const q = combined([text(1, 'a'), sortDate(7, '2024-05-01'), text(2, 'b')]);
  assert.equal(
    q.sql,
    'WITH w0 AS (insert into "incident_text" ("incident_id", "body") values ($1, $2)), '
      + 'w1 AS (update "incidents" set "sort_date" = $3 where "id" = $4), '
      + 'w2 AS (insert into "incident_text" ("incident_id", "body") values ($5, $6)) SELECT 1',
  );
  assert.deepEqual(q.parameters, [1, 'a', '2024-05-01', 7, 2, 'b']);
  // A chunk of one write is sent as it is.
  const one = text(3, 'c');
  assert.equal(combined([one]), one.query);
});
