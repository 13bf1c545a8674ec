import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileDigest } from './file-digest.js';
import { decodeRawGazetteer, encodeColumns, type Column, type DecodedGazetteer } from './columns.js';
import type { LinearModel } from './linear.js';
import { SequenceTagger, type SavedTagger } from './perceptron.js';

/**
 * Packed copies of the JSON models, made by the build beside the code (scripts/pack-models.ts), so
 * that a process reads its models without parsing them (issue 11).
 *
 * Every process that extracts (each `dossier ingest`, each queue worker, each fuzz child, most test
 * files) parsed 6.6 MB of JSON into some 135,000 small arrays: 60–100 ms for the role tagger, 50 for
 * the event detector, 30 for the event classifier, and as much again for the collector. A packed
 * copy is the same numbers as typed arrays read straight from the file, and the feature names as one
 * string.
 *
 * The copy is found by the SHA-256 of the JSON file's bytes, so a retrained model is never read from
 * a stale copy. A missing, stale or damaged copy only costs time: the JSON is parsed as before. The
 * loaded model is the same bit for bit (packed.test.ts): weights are stored as the doubles (the
 * linear models) or the float32s (the tagger) the JSON loaders make.
 */

/** dist/model-cache/, beside the built code (this file runs as dist/src/learn/packed.js). */
export const PACKED_MODEL_DIR = fileURLToPath(new URL('../../model-cache/', import.meta.url));

/** Where the packed copy of a model file whose bytes have this SHA-256 (hex) lives. */
export function packedPath(jsonPath: string, sha256: string, dir = PACKED_MODEL_DIR): string {
  return join(dir, `${basename(jsonPath, '.json')}-${sha256.slice(0, 24)}.bin`);
}

/**
 * The packed copy of a model file, or null (none, or not readable as one). The JSON itself is not
 * read when the build recorded its digest (src/learn/file-digest.ts).
 */
function readPacked(jsonPath: string, dir: string): DecodedGazetteer | null {
  try {
    return decodeRawGazetteer(readFileSync(packedPath(jsonPath, fileDigest(jsonPath), dir)));
  } catch {
    return null;
  }
}

// ---- linear models (the event classifier and its expert, the event detector) ----

/** The columns and header of a linear model; an expert's under "expert." (recursively). */
function linearColumns(m: LinearModel, prefix: string, columns: Record<string, Column>): Record<string, unknown> {
  const { weights, expert, ...rest } = m;
  const names = Object.keys(weights);
  const L = m.labels.length;
  const w = new Float64Array(names.length * L);
  for (let r = 0; r < names.length; r++) w.set(weights[names[r]!]!, r * L);
  columns[`${prefix}names`] = names;
  columns[`${prefix}w`] = w;
  return { ...rest, ...(expert ? { expert: { weight: expert.weight, model: linearColumns(expert.model, `${prefix}expert.`, columns) } } : {}) };
}

export function packLinearModel(m: LinearModel): Buffer {
  const columns: Record<string, Column> = {};
  const head = linearColumns(m, '', columns);
  return encodeColumns({ kind: 'linear', head }, columns);
}

/** A linear model's rows as the packed copy holds them: names[r]'s weights are w[r·L .. r·L + L). */
export interface LinearRows {
  names: string[];
  w: Float64Array;
}

const ROWS = new WeakMap<LinearModel, LinearRows>();

/** The rows of a model read from a packed copy (null for any other): fast-features builds its tables from them. */
export function packedRows(m: LinearModel): LinearRows | null {
  return ROWS.get(m) ?? null;
}

function linearFrom(d: DecodedGazetteer, head: Record<string, unknown>, prefix: string): LinearModel {
  const rows: LinearRows = { names: d.str(`${prefix}names`), w: d.f64(`${prefix}w`) };
  const { expert, ...rest } = head as { expert?: { weight: number; model: Record<string, unknown> } };
  const m = { ...rest } as unknown as LinearModel;
  if (expert) m.expert = { weight: expert.weight, model: linearFrom(d, expert.model, `${prefix}expert.`) };
  const L = m.labels.length;
  // The weights by name, made only if something asks (training, the reference scorer): tagging
  // reads the rows.
  let byName: Record<string, number[]> | null = null;
  Object.defineProperty(m, 'weights', {
    enumerable: true,
    get(): Record<string, number[]> {
      if (!byName) {
        byName = {};
        for (let r = 0; r < rows.names.length; r++) byName[rows.names[r]!] = Array.from(rows.w.subarray(r * L, r * L + L));
      }
      return byName;
    },
  });
  ROWS.set(m, rows);
  return m;
}

/** A linear model from its JSON file, through its packed copy when the build made one. */
export function loadLinearModelFile(path: string, dir = PACKED_MODEL_DIR): LinearModel {
  const d = readPacked(path, dir);
  const json = d?.json as { kind?: string; head?: Record<string, unknown> } | undefined;
  if (d && json?.kind === 'linear' && json.head) return linearFrom(d, json.head, '');
  return JSON.parse(readFileSync(path, 'utf8')) as LinearModel;
}

// ---- the role tagger ----

export function packTagger(t: SequenceTagger): Buffer {
  const a = t.arrays();
  return encodeColumns({ kind: 'tagger', labels: a.labels, extra: a.extra }, { names: a.names, w: a.w, transitions: a.transitions, labelBias: a.labelBias });
}

/** A sequence tagger from its JSON file, through its packed copy when the build made one. */
export function loadTaggerFile(path: string, dir = PACKED_MODEL_DIR): SequenceTagger {
  const d = readPacked(path, dir);
  const json = d?.json as { kind?: string; labels?: string[]; extra?: Record<string, unknown> } | undefined;
  if (d && json?.kind === 'tagger' && json.labels) {
    return SequenceTagger.fromArrays({
      labels: json.labels, names: d.str('names'), w: d.f32('w'), transitions: d.f32('transitions'), labelBias: d.f64('labelBias'), extra: json.extra ?? {},
    });
  }
  return SequenceTagger.fromJSON(JSON.parse(readFileSync(path, 'utf8')) as SavedTagger);
}
