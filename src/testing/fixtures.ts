import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, whether running from src/ or the compiled dist/src/. */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== '/' && !readdirHasPackage(dir)) dir = dirname(dir);
  return dir;
})();

function readdirHasPackage(dir: string): boolean {
  try {
    readFileSync(join(dir, 'package.json'));
    return true;
  } catch {
    return false;
  }
}

/** Path of a fixture kept beside the source (tests run from dist/, fixtures stay in src/). */
export function fixturePath(...parts: string[]): string {
  return resolve(REPO_ROOT, 'src', ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

/** The CLI entry point in the build. */
export const CLI = resolve(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
