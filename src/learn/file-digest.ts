import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The SHA-256 of a data file (a model, the gazetteer, a lexicon), without reading it when it can be
 * helped (issue 11).
 *
 * Three readers want these digests in every process that extracts: PIPELINE_VERSION hashes each
 * resource file, the packed-model loader finds a model's packed copy by the JSON's digest, and the
 * gazetteer loader finds its unpacked copy by the compressed file's. That read about 25 MB per
 * process (the gazetteer's 6.5 MB twice) only to hash it: on a machine where fresh memory is slow to
 * touch, a tenth of a one-document `dossier ingest`.
 *
 * So the build records each file's digest with its size and modification time
 * (DIGEST_TABLE, written by scripts/pack-models.ts), and a file whose size and time still match is
 * not read again. Anything that rewrites a file (retraining, a rebuilt gazetteer, a checkout) gives it
 * a new modification time, and then it is read and hashed as before. Within a process each file is
 * hashed at most once while its size and time stay the same.
 */

/** dist/model-cache/digests.json, beside the built code (this file runs as dist/src/learn/file-digest.js). */
export const DIGEST_TABLE = fileURLToPath(new URL('../../model-cache/digests.json', import.meta.url));

interface Recorded {
  size: number;
  mtimeMs: number;
  sha256: string;
}

const memo = new Map<string, Recorded>();
let table: Record<string, Recorded> | null = null;

function recorded(): Record<string, Recorded> {
  if (table) return table;
  try {
    table = JSON.parse(readFileSync(DIGEST_TABLE, 'utf8')) as Record<string, Recorded>;
  } catch {
    table = {};
  }
  return table;
}

export const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** The file's SHA-256 (hex): from this process's memo, the build's table, or by reading it. */
export function fileDigest(path: string, tablePath = DIGEST_TABLE): string {
  const abs = resolve(path);
  const st = statSync(abs);
  const same = (r: Recorded | undefined): r is Recorded => r !== undefined && r.size === st.size && r.mtimeMs === st.mtimeMs;
  const known = memo.get(abs);
  if (same(known)) return known.sha256;
  const rec = (tablePath === DIGEST_TABLE ? recorded() : readTable(tablePath))[abs];
  const sha256 = same(rec) ? rec.sha256 : sha256Hex(readFileSync(abs));
  memo.set(abs, { size: st.size, mtimeMs: st.mtimeMs, sha256 });
  return sha256;
}

function readTable(p: string): Record<string, Recorded> {
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Record<string, Recorded>;
  } catch {
    return {};
  }
}

/** Record these files' digests for later processes (the build). Written whole, then renamed into place. */
export function recordDigests(paths: readonly string[], tablePath = DIGEST_TABLE): void {
  const out: Record<string, Recorded> = {};
  for (const p of paths) {
    const abs = resolve(p);
    const st = statSync(abs);
    out[abs] = { size: st.size, mtimeMs: st.mtimeMs, sha256: sha256Hex(readFileSync(abs)) };
  }
  mkdirSync(dirname(tablePath), { recursive: true });
  const tmp = `${tablePath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(out, null, 1) + '\n');
  renameSync(tmp, tablePath);
  if (tablePath === DIGEST_TABLE) table = out;
}
