import { closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DossierError } from '../model/index.js';
import { isSqliteFile } from '../store/index.js';

/**
 * Write a file the user named with --out or --predictions, without ever destroying what they did
 * not mean to: a database (any SQLite file, and the store being read with its -wal and -shm files)
 * is refused, a missing folder is a clear error, and the text goes to a temporary file beside the
 * target that is renamed over it only once complete, so a failure leaves no half-written file.
 */
export function writeOutputFile(path: string, text: string, protectedStores: readonly string[] = []): void {
  const target = resolve(path);
  refuseTarget(path, target, protectedStores);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new DossierError('E_OUTPUT', `could not be written (${(e as Error).message}); nothing was changed`, path);
  }
}

/** Bytes gathered before each write to the file: few system calls, and memory flat however long the output. */
export const WRITE_CHUNK_BYTES = 1 << 16;

/**
 * Like writeOutputFile, for output made piece by piece: `produce` calls `write` for each piece, which
 * goes to the temporary file in chunks, so the whole text is never held in memory. Returns what
 * `produce` returns.
 */
export async function writeOutputStream<T>(path: string, produce: (write: (text: string) => void) => Promise<T>, protectedStores: readonly string[] = []): Promise<T> {
  const target = resolve(path);
  const dir = dirname(target);
  refuseTarget(path, target, protectedStores);
  const tmp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'w');
    const out = chunked((s) => writeSync(fd!, s));
    const result = await produce(out.write);
    out.flush();
    closeSync(fd);
    fd = null;
    renameSync(tmp, target);
    return result;
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    if (e instanceof DossierError) throw e;
    throw new DossierError('E_OUTPUT', `could not be written (${(e as Error).message}); nothing was changed`, path);
  }
}

/** A writer that gathers pieces into chunks of about WRITE_CHUNK_BYTES for `sink`. */
export function chunked(sink: (chunk: string) => void): { write: (text: string) => void; flush: () => void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (!parts.length) return;
    sink(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write: (text) => {
      parts.push(text);
      size += text.length;
      if (size >= WRITE_CHUNK_BYTES) flush();
    },
    flush,
  };
}

/** Why the target must not be written, as the coded error: a missing folder, a folder, a database. */
function refuseTarget(path: string, target: string, protectedStores: readonly string[]): void {
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DossierError('E_OUTPUT', `the folder ${dir} does not exist: create it first`, path);
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) throw new DossierError('E_OUTPUT', 'is a folder: give a file name', path);
  const real = realpathSync(target);
  for (const store of protectedStores) {
    if (!existsSync(store)) continue;
    const s = realpathSync(store);
    if (real === s || real === `${s}-wal` || real === `${s}-shm`) throw new DossierError('E_OUTPUT', 'is the store being read: refusing to overwrite it', path);
  }
  const sibling = target.replace(/-(wal|shm|journal)$/, '');
  if (sibling !== target && isSqliteFile(sibling)) throw new DossierError('E_OUTPUT', `belongs to the database ${sibling}: refusing to overwrite it`, path);
  if (isSqliteFile(target)) throw new DossierError('E_OUTPUT', 'is a SQLite database: refusing to overwrite it (choose another file name)', path);
}
