/**
 * The floor of `dossier export` for bench/store-bench.ts, run as a child process:
 *
 *   node dist/bench/export-floor.js TARGET OUT [COUNTRY]
 *
 * With COUNTRY (a two-letter code), only the reports of that country, as `export --country CC` keeps
 * the incidents whose reports are there (the synthetic stores have one country per incident).
 * Every report with its document and claims, streamed to OUT row by row with plain SQL on the same
 * database (better-sqlite3, or the pg client). It imports nothing of Dossier, so its start-up is
 * Node's and its drivers' alone, and prints its own peak RSS as JSON.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

const EXPORT_SQL = (claims: string, where: string): string => `SELECT r.incident_id, r.data, d.title, d.published, d.publisher, d.source, d.url, d.text,
  (SELECT ${claims} FROM claims c WHERE c.doc_id = r.doc_id) AS claims FROM reports r JOIN documents d ON d.id = r.doc_id ${where} ORDER BY r.incident_id`;
/** A country code spliced into the SQL: two letters, checked. */
const COUNTRY = /^[A-Z]{2}$/;

async function referenceExport(target: string, out: string, country: string | undefined): Promise<void> {
  const where = country ? `WHERE r.country_code = '${country}'` : '';
  const fd = openSync(out, 'w');
  const line = (row: unknown[]): void => void writeSync(fd, `${row.join('\t')}\n`);
  try {
    if (!/^postgres(ql)?:\/\//i.test(target)) {
      const db = new Database(target, { readonly: true });
      for (const row of db.prepare(EXPORT_SQL('group_concat(c.data)', where)).raw().iterate()) line(row as unknown[]);
      db.close();
    } else {
      // A cursor fetched a thousand rows at a time: the floor streams, as the export does.
      const c = new pg.Client({ connectionString: target });
      await c.connect();
      await c.query('BEGIN READ ONLY');
      await c.query(`DECLARE x NO SCROLL CURSOR FOR ${EXPORT_SQL("string_agg(c.data, ',')", where)}`);
      for (let rows: unknown[][]; (rows = (await c.query<unknown[]>({ text: 'FETCH 1000 FROM x', rowMode: 'array' })).rows).length; ) rows.forEach(line);
      await c.query('COMMIT');
      await c.end();
    }
  } finally {
    closeSync(fd);
  }
  process.stdout.write(`${JSON.stringify({ peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

const [target, out, country] = process.argv.slice(2);
if (!target || !out || (country !== undefined && !COUNTRY.test(country))) {
  process.stderr.write('usage: node dist/bench/export-floor.js TARGET OUT [COUNTRY]\n');
  process.exit(2);
}
await referenceExport(target, out, country);
