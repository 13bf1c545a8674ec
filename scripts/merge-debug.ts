/** Debug aid: each report's main incident as the merge sees it. `node dist/scripts/merge-debug.js DIR [FILE_FILTER]` */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { intakeFile } from '../src/intake/index.js';
import { runPipeline } from '../src/pipeline/index.js';
import { primaryReport } from '../src/resolve/headline.js';
const dir = process.argv[2]!;
for (const f of readdirSync(dir).sort()) {
  if (process.argv[3] && !f.includes(process.argv[3])) continue;
  const doc = intakeFile(join(dir, f));
  const st = runPipeline(doc);
  const r = primaryReport(st.incidents);
  if (!r) {
    console.log(`${f}\tNONE\ttitle=${JSON.stringify(doc.meta.title)}`);
    continue;
  }
  const d = r.date.value;
  const date = d.precision === 'unknown' ? '?' : [d.year, d.month, d.day].filter((x) => x !== null).join('-');
  const locs = r.locations.map((l) => `${l.value.place.name}/${l.value.place.countryCode}`).join(',');
  const fac = (r.facilities ?? []).map((x) => JSON.stringify(x.value)).join(',');
  console.log(`${f}\t${r.type.value.kind}\t${date}\t${locs || '-'}\t${fac}\tpub=${doc.meta.published}\t| ${doc.text.slice(r.anchor.start, r.anchor.end).slice(0, 90)}`);
}
