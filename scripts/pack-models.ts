/**
 * Run by `npm run build`: packed copies of the JSON models in dist/model-cache/, read by the loaders
 * instead of parsing the JSON (see src/learn/packed.ts). Older copies are removed. A missing or stale
 * copy only costs time: the loader parses the JSON as before.
 *
 * It also records the digest of every file PIPELINE_VERSION hashes, the models and the gazetteer
 * among them (DIGEST_TABLE, src/learn/file-digest.ts), so that a process need not read them to hash
 * them. Run after scripts/unpack-gazetteer.ts, which names its copy by the same digest.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DIGEST_TABLE, recordDigests, sha256Hex } from '../src/learn/file-digest.js';
import { findModelFile } from '../src/learn/model-file.js';
import { GAZETTEER_FILE } from '../src/nlp/gazetteer/data.js';
import { defaultContext, STAGES, usedResources } from '../src/pipeline/index.js';
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
  const target = packedPath(path, sha256Hex(bytes));
  keep.add(basename(target));
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, m.pack(JSON.parse(bytes.toString('utf8'))));
  renameSync(tmp, target);
}
const ctx = defaultContext();
const resourceFiles = usedResources(STAGES).map((r) => ctx.file(r)).filter((f): f is string => typeof f === 'string' && existsSync(f));
recordDigests([...new Set([GAZETTEER_FILE, ...resourceFiles])]);
keep.add(basename(DIGEST_TABLE));
for (const f of readdirSync(PACKED_MODEL_DIR)) if (!keep.has(f)) rmSync(join(PACKED_MODEL_DIR, f), { force: true });
