import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether the web app's bundle (dist/web) must be made again: `npm run build` skips `vite build`
 * when nothing the last bundle was made from has changed (scripts/build-web.ts).
 *
 * Why: `npm test` builds before it tests, and CI's `npm ci` has just built (the `prepare` script),
 * so the bundle was made twice a run, 9-10 s of a 2-core machine each time, for the same bytes. The
 * bundle records what it was made from (web/vite.config.ts, recordInputs): every module it bundled,
 * from the app's own files to MapLibre's, the config and the lockfile, each with its SHA-256. Each is
 * hashed again here (a few MB, tens of milliseconds). A file the last bundle did not import cannot
 * change it: a new import is itself a change to a file it did.
 */

/** What web/vite.config.ts writes beside the bundle. */
export interface InputsRecord {
  files: { path: string; sha256: string }[];
}

export interface WebBuildPaths {
  /** The record of the last bundle's inputs (dist/web-inputs.json). */
  record: string;
  /** A file every finished bundle has (dist/web/index.html). */
  built: string;
  /** What the record's paths are relative to (the repository). */
  root: string;
}

export function webBuildPaths(root: string): WebBuildPaths {
  return { record: join(root, 'dist', 'web-inputs.json'), built: join(root, 'dist', 'web', 'index.html'), root };
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Why the bundle must be made again, or null when it is up to date. */
export function webBundleStale(p: WebBuildPaths): string | null {
  if (!existsSync(p.built)) return `no bundle at ${p.built}`;
  let record: Partial<InputsRecord>;
  try {
    record = JSON.parse(readFileSync(p.record, 'utf8')) as Partial<InputsRecord>;
  } catch {
    return `no readable record of its inputs at ${p.record}`;
  }
  if (!Array.isArray(record.files) || !record.files.length) return `${p.record} lists no inputs`;
  for (const f of record.files) {
    const path = join(p.root, f.path);
    if (!existsSync(path)) return `${f.path} is gone`;
    if (sha256(path) !== f.sha256) return `${f.path} changed`;
  }
  return null;
}
