/** Debug aid: the clustering of a merge corpus ingested in reverse order. `node dist/scripts/merge-order.js DIR` */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestAndCluster } from '../src/eval/merge.js';
const dir = process.argv[2]!;
const files = readdirSync(join(dir, 'reports')).sort().reverse();
const run = await ingestAndCluster(dir, files);
const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as { incidents: { id: string; reports: string[] }[] };
for (const g of gold.incidents) console.log(g.id, g.reports.map((f) => run.clustering.get(f)).join(' '));
