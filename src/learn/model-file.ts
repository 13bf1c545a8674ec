import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * models/NAME at the repository root, found by walking up from this file:
 * it runs as src/learn/model-file.ts or dist/src/learn/model-file.js. Null
 * when no folder up the tree holds it (the caller then runs without the model).
 */
export function findModelFile(name: string): string | null {
  return findRepoFile('models', name);
}

/** A file under the repository root (models/, data/lexicons/…), found the same way. */
export function findRepoFile(...parts: string[]): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = resolve(dir, ...parts);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return null;
}
