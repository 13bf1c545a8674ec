/**
 * Debug aid: why each report of a merge corpus joined its incident. `node dist/scripts/merge-reasons.js DIR [--reverse]`
 * Ingests the corpus (in name order, or reversed) into a temporary store and prints, per report, its
 * file, incident, extracted kind, date and places, and the merge reason stored with it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAndSave } from '../src/pipeline/index.js';
import { intakeFile } from '../src/intake/index.js';
import type { IncidentReport } from '../src/model/index.js';
import { reportFiles } from '../src/eval/merge.js';
import { openStore } from '../src/store/index.js';

const dir = process.argv[2]!;
const files = reportFiles(dir);
if (process.argv.includes('--reverse')) files.reverse();
const tmp = mkdtempSync(join(tmpdir(), 'dossier-merge-reasons-'));
const store = await openStore(join(tmp, 'm.db'));
const fileOf = new Map<string, string>();
for (const f of files) {
  const doc = intakeFile(join(dir, 'reports', f));
  fileOf.set(doc.id, f);
  if (!(await store.hasDocument(doc.id))) await processAndSave(store, doc);
}
await store.close();
const db = new Database(join(tmp, 'm.db'), { readonly: true });
const rows = db.prepare('SELECT r.incident_id AS inc, r.doc_id AS doc, r.data, r.merge_reason AS why FROM reports r ORDER BY r.incident_id, r.rowid').all() as { inc: number; doc: string; data: string; why: string | null }[];
for (const row of rows) {
  const r = JSON.parse(row.data) as IncidentReport;
  const d = r.date.value;
  const date = d.precision === 'unknown' ? '?' : [d.year, d.month, d.day].filter((x) => x !== null).join('-');
  const locs = r.locations.map((l) => `${l.value.place.name}/${l.value.place.countryCode}`).join(',') || '-';
  console.log(`${row.inc}\t${fileOf.get(row.doc)}#${r.index}${r.inPassing ? '(p)' : ''}\t${r.type.value.kind} ${date} ${locs}${r.facilities?.length ? ` fac=${r.facilities.map((f) => f.value).join('|')}` : ''}\t${row.why ?? ''}`);
}
db.close();
rmSync(tmp, { recursive: true, force: true });
