import { existsSync, statSync } from 'node:fs';
import { DossierError } from '../model/index.js';
import { formatTable, loadDataset } from '../eval/index.js';
import { writeOutputFile } from './output-file.js';
import { json, note, text } from './output.js';
import type { Args } from './spec.js';
import { intOption } from './store-access.js';

/** `dossier eval`: the pipeline scored on a human-coded dataset the user has. */
export async function cmdEval(a: Args): Promise<number> {
  // --dataset and --data are required, and --dataset checked against its choices, by the parser.
  const dataset = a.string('dataset')!;
  const path = a.string('data')!;
  if (!existsSync(path)) throw new DossierError('E_INPUT_MISSING', 'no such file or folder', path);
  const limit = intOption(a, 'limit', 1);
  const ds = await loadDataset(dataset);
  // A folder where the dataset reads one file (or the reverse) is a usage error that names it, not a crash.
  const folder = statSync(path).isDirectory();
  if (ds.input === 'file' && folder) throw new DossierError('E_USAGE', `--dataset ${dataset} reads one file (its CSV, TSV or JSONL), not a folder`, path);
  if (ds.input === 'folder' && !folder) throw new DossierError('E_USAGE', `--dataset ${dataset} reads a folder, not a file`, path);
  const res = await ds.run(path, { ...(limit ? { limit } : {}), ...(a.flag('model') ? { model: true } : {}) });
  const predictions = a.string('predictions');
  if (predictions) {
    writeOutputFile(predictions, `${JSON.stringify(res.predictions, null, 1)}\n`);
    note(`wrote predictions for ${Object.keys(res.predictions).length} items to ${predictions}\n`);
  }
  const { predictions: _p, ...summary } = res;
  if (a.flag('json')) json(summary, 2);
  else text(`${formatTable(res)}\n`);
  return 0;
}
