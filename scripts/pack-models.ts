/**
 * Run by `npm run build`: packed copies of the JSON models in dist/model-cache/, read by the loaders
 * instead of parsing the JSON (see src/learn/packed.ts). Older copies are removed. A missing or stale
 * copy only costs time: the loader parses the JSON as before.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findModelFile } from '../src/learn/model-file.js';
import type { LinearModel } from '../src/learn/linear.js';
import { packedPath, packLinearModel, packTagger, PACKED_MODEL_DIR } from '../src/learn/packed.js';
import { SequenceTagger, type SavedTagger } from '../src/learn/perceptron.js';

/** The models every extracting process loads (target-type, place-tagger and the rest are small). */
const MODELS: { file: string; pack: (json: unknown) => Buffer }[] = [
  { file: 'roles.json', pack: (j) => packTagger(SequenceTagger.fromJSON(j as SavedTagger)) },
  { file: 'events.json', pack: (j) => packLinearModel(j as LinearModel) },
  { file: 'event-detector.json', pack: (j) => packLinearModel(j as LinearModel) },
];

mkdirSync(PACKED_MODEL_DIR, { recursive: true });
const keep = new Set<string>();
for (const m of MODELS) {
  const path = findModelFile(m.file);
  if (!path) continue;
  const bytes = readFileSync(path);
  const target = packedPath(path, bytes);
  keep.add(basename(target));
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, m.pack(JSON.parse(bytes.toString('utf8'))));
  renameSync(tmp, target);
}
for (const f of readdirSync(PACKED_MODEL_DIR)) if (!keep.has(f)) rmSync(join(PACKED_MODEL_DIR, f), { force: true });
