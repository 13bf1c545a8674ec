/**
 * Debug aid: the wrong joins of the `acled-merge` eval, with why each report was merged.
 * `node dist/scripts/merge-acled.js DATA.csv [DB] [--limit N]`
 * Ingests the notes as the eval does into DB (kept), then prints every incident holding notes of two
 * or more ACLED events: each report's extracted kind, date and places, the merge reason stored with
 * it, and the gold row's date and place; then counts of merge reasons and of gold relations.
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import type { IncidentReport } from '../src/model/index.js';
import { scoreAcledMerge } from '../src/eval/acled-merge.js';
import { csvRecords } from '../src/eval/gtd-csv.js';
import { bcubed } from '../src/eval/bcubed.js';

const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 0;
const [data, dbPath = '/tmp/acled-merge-debug.db'] = args.filter((a, i) => !a.startsWith('--') && (limitAt < 0 || i !== limitAt + 1));
let records = csvRecords(readFileSync(data!, 'utf8')).filter((r) => (r.notes ?? '').trim() !== '');
if (limit) records = records.slice(0, limit);
rmSync(dbPath, { force: true });
const s = await scoreAcledMerge(records, { keepDb: dbPath });
const gold = new Map(records.map((r) => [r.event_id_cnty!, r]));
const db = new Database(dbPath, { readonly: true });
const rows = db.prepare('SELECT r.incident_id AS inc, r.data, r.merge_reason AS why, d.source FROM reports r JOIN documents d ON d.id = r.doc_id ORDER BY r.incident_id, r.rowid').all() as { inc: number; data: string; why: string | null; source: string }[];
const byInc = new Map<number, typeof rows>();
for (const r of rows) (byInc.get(r.inc) ?? byInc.set(r.inc, []).get(r.inc)!).push(r);

function km(a: Record<string, string>, b: Record<string, string>): number {
  const r = Math.PI / 180;
  const [la, lo, lb, mb] = [a.latitude, a.longitude, b.latitude, b.longitude].map(Number) as [number, number, number, number];
  const h = Math.sin(((lb - la) * r) / 2) ** 2 + Math.cos(la * r) * Math.cos(lb * r) * Math.sin(((mb - lo) * r) / 2) ** 2;
  return 12_742 * Math.asin(Math.min(1, Math.sqrt(h)));
}
const days = (a: Record<string, string>, b: Record<string, string>): number => Math.abs(Date.parse(a.event_date!) - Date.parse(b.event_date!)) / 86_400_000;
/** How two gold events differ: the rule that should have kept them apart. */
function goldRelation(a: Record<string, string>, b: Record<string, string>): string {
  if (a.country !== b.country) return 'gold: different countries';
  const d = km(a, b);
  if (d > 100) return 'gold: >100 km apart';
  if (days(a, b) > 1) return 'gold: >1 day apart';
  if (d > 40) return 'gold: 40-100 km apart';
  if (days(a, b) === 1) return 'gold: near, a day apart';
  return a.location === b.location ? 'gold: same place and day' : 'gold: near, same day';
}
function show(r: IncidentReport): string {
  const d = r.date.value;
  const date = d.precision === 'unknown' ? '?' : [d.year, d.month, d.day].filter((x) => x !== null).join('-');
  const locs = r.locations.map((l) => `${l.value.place.name}/${l.value.place.countryCode}/${l.value.place.featureCode}`).join(',') || '-';
  return `${r.type.value.kind} ${date} ${locs}${r.facilities?.length ? ` fac=${r.facilities.map((f) => f.value).join('|')}` : ''}${r.inPassing ? ' (in passing)' : ''}`;
}
/** Which merge path a stored reason names. */
function path(why: string | null): string {
  if (!why) return 'joined with another incident';
  if (why.startsWith('an update of')) return 'near copy (update)';
  if (why.startsWith('shared facility')) return 'facility';
  if (why.includes('one report names no place')) return 'weak: no place';
  if (why.includes('same region')) return 'region';
  if (why.includes('the one such incident')) return 'weak: undated';
  if (why.includes('one report is undated')) return 'undated (strong)';
  return 'place + date';
}
const SEVERITY = ['gold: different countries', 'gold: >100 km apart', 'gold: >1 day apart', 'gold: 40-100 km apart', 'gold: near, a day apart', 'gold: near, same day', 'gold: same place and day'];
const pathCounts = new Map<string, number>();
const reasonCounts = new Map<string, number>();
const relCounts = new Map<string, number>();
const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
for (const w of s.wrong) {
  const list = byInc.get(w.incident) ?? [];
  console.log(`\n== incident ${w.incident}: ${w.events.join(' + ')}`);
  const first = gold.get(list[0]!.source.replace(/^acled:/, ''))!;
  for (const row of list) {
    const ev = row.source.replace(/^acled:/, '');
    const g = gold.get(ev)!;
    const rep = JSON.parse(row.data) as IncidentReport;
    const rel = row === list[0] ? '' : ev === first.event_id_cnty ? 'same event' : goldRelation(first, g);
    console.log(`  ${ev} [${g.event_date} ${g.location}, ${g.admin1}, ${g.country}] ${show(rep)}`);
    if (row !== list[0]) {
      const others = list.map((x) => x.source.replace(/^acled:/, '')).filter((e) => e !== ev).map((e) => goldRelation(gold.get(e)!, g));
      const worst = SEVERITY.find((k) => others.includes(k)) ?? 'same event';
      bump(pathCounts, `${path(row.why)}\t${worst}`);
    }
    if (row.why) {
      console.log(`     merged: ${row.why}   {${rel}}`);
      bump(reasonCounts, row.why.split(';')[0]!.replace(/[0-9]+/g, 'N').replace(/same city .*/, 'same city X').replace(/^.* and .* are N km apart/, 'X and Y are N km apart'));
      if (rel && rel !== 'same event') bump(relCounts, rel);
    }
    console.log(`     ${(g.notes ?? '').slice(0, 200)}`);
  }
}
console.log('\nmerge reasons (first clause):');
for (const [k, n] of [...reasonCounts].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${k}`);
console.log('gold relation of a merged report to its incident\'s first report:');
for (const [k, n] of [...relCounts].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${k}`);
console.log('merge path x worst gold relation to the incident\'s other events:');
for (const [k, n] of [...pathCounts].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`  ${n}\t${k}`);
const b = bcubed(new Map([...s.gold].filter(([k]) => s.clustering.has(k))), s.clustering);
console.log(`wrong incidents: ${s.wrong.length}; stored ${s.stored}; b-cubed P ${b.precision.toFixed(4)} R ${b.recall.toFixed(4)} F1 ${b.f1.toFixed(4)}`);
