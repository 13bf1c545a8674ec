/**
 * Debug aid: does the merge corpus cluster the same whatever the arrival order? Ingests it in file
 * order and in N seeded shuffles, and prints each shuffle's partition where it differs from file order.
 * `node dist/scripts/merge-shuffles.js DIR [N]`
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ingestAndCluster, reportFiles } from '../src/eval/merge.js';
import { shuffled } from '../src/testing/shuffle.js';

const dir = process.argv[2]!;
const n = Number(process.argv[3] ?? 12);

function partition(c: Map<string, string>): string[] {
  const groups = new Map<string, string[]>();
  for (const [f, label] of c) groups.set(label, [...(groups.get(label) ?? []), f]);
  return [...groups.values()].map((g) => g.sort().join(' ')).sort();
}

const files = reportFiles(dir);
const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as { incidents: { id: string; reports: string[] }[] };
const goldParts = gold.incidents.map((g) => [...g.reports].sort().join(' ')).sort();
const base = partition((await ingestAndCluster(dir, files)).clustering);
const show = (label: string, p: string[]) => {
  const extra = p.filter((g) => !goldParts.includes(g));
  console.log(`${label}: ${extra.length ? 'differs from gold:' : 'gold'}`);
  for (const g of extra) console.log(`   ${g}`);
};
show('file order', base);
let same = 0;
for (let s = 1; s <= n; s++) {
  const p = partition((await ingestAndCluster(dir, shuffled(files, s))).clustering);
  if (JSON.stringify(p) === JSON.stringify(base)) same++;
  else show(`seed ${s}`, p);
}
console.log(`${same}/${n} shuffles cluster as file order does`);
