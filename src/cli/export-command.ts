import type { ExportFormat, ExportSummary } from '../export/index.js';
import { writeExport } from '../export/index.js';
import { chunked, writeOutputStream } from './output-file.js';
import { data, note } from './output.js';
import type { Args } from './spec.js';
import { filterOf, policyOf, targetOf, withExisting } from './store-access.js';

/** `dossier export`: the incidents in another tool's format, to --out FILE or stdout. */
export async function cmdExport(a: Args): Promise<number> {
  // --format is required and checked against its choices by the parser.
  const format = a.string('format') as ExportFormat;
  const policy = policyOf(a);
  const filter = filterOf(a);
  const db = targetOf(a.string('db'));
  const out = a.string('out');
  return withExisting(db, async (store) => {
    // Record by record to the file (or stdout): memory stays flat however many incidents are exported.
    let sum: ExportSummary;
    if (out) {
      sum = await writeOutputStream(out, (write) => writeExport(store, format, policy, filter, write), [db]);
      note(`wrote ${sum.records} record${sum.records === 1 ? '' : 's'} to ${out}\n`);
    } else {
      const w = chunked(data);
      sum = await writeExport(store, format, policy, filter, w.write);
      w.flush();
    }
    // GeoJSON keeps incidents without coordinates out of its features: say how many, so none goes unnoticed.
    if (format === 'geojson' && sum.unlocated) note(`${sum.unlocated} incident${sum.unlocated === 1 ? '' : 's'} without coordinates listed under "unlocated", not as features\n`);
    return 0;
  });
}
