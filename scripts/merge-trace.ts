/** Debug aid: ingest the merge corpus in one seeded shuffle, printing what each save did. `node dist/scripts/merge-trace.js DIR SEED [FILTER]` */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportFiles } from '../src/eval/merge.js';
import { intakeFile } from '../src/intake/index.js';
import { processAndSave } from '../src/pipeline/index.js';
import { openStore } from '../src/store/index.js';
import { shuffled } from '../src/testing/shuffle.js';

const [dir, seedArg, filter] = [process.argv[2]!, process.argv[3] ?? '0', process.argv[4] ?? ''];
const files = Number(seedArg) ? shuffled(reportFiles(dir), Number(seedArg)) : reportFiles(dir);
const store = await openStore(join(mkdtempSync(join(tmpdir(), 'trace-')), 't.db'));
for (const f of files) {
  const doc = intakeFile(join(dir, 'reports', f));
  const res = await processAndSave(store, doc);
  if (f.includes(filter)) console.log(f, res.status, JSON.stringify(res.incidentIds), JSON.stringify(res.mergedInto ?? []));
}
for (const inc of await store.listIncidents()) {
  const rs = inc.reports.filter((r) => files.some((f) => f.includes(filter)));
  if (rs.length) console.log(inc.id, inc.reports.map((r) => `${r.docId.slice(0, 6)}#${r.index}:${r.locations.map((l) => l.value.place.name).join('/')}`).join(' '));
}
await store.close();
