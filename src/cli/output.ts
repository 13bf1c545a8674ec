import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DossierError('E_OUTPUT', `the folder ${dir} does not exist: create it first`, path);
  if (existsSync(target)) {
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
  const tmp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new DossierError('E_OUTPUT', `could not be written (${(e as Error).message}); nothing was changed`, path);
  }
}
