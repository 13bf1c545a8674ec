/**
 * A hash of the sources that decide the committed gazetteer's content besides the npm packages:
 * the curated tables (../data), the compiler (this folder), name normalisation and the layout.
 * The build records it in gazetteer.meta.json; a test compares it with the sources now, so an
 * edit that is not followed by `npm run build:gazetteer` fails the tests instead of going unseen.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** src/nlp/gazetteer in the repository (this file runs from dist/src/nlp/gazetteer/compile/). */
export const GAZETTEER_SOURCE_DIR = fileURLToPath(new URL('../../../../../src/nlp/gazetteer/', import.meta.url));

const TS_FILE_RE = /\.ts$/;
const TEST_FILE_RE = /\.test\.ts$/;
const CRLF_RE = /\r\n/g;

export function sourceTablesFiles(dir = GAZETTEER_SOURCE_DIR): string[] {
  const list = (sub: string): string[] =>
    readdirSync(join(dir, sub)).filter((f) => TS_FILE_RE.test(f) && !TEST_FILE_RE.test(f)).sort().map((f) => join(sub, f));
  return [...list('data'), ...list('compile'), 'normalize.ts', 'layout.ts'];
}

export function sourceTablesHash(dir = GAZETTEER_SOURCE_DIR): string {
  const h = createHash('sha256');
  for (const f of sourceTablesFiles(dir)) {
    h.update(f);
    h.update('\0');
    h.update(readFileSync(join(dir, f), 'utf8').replace(CRLF_RE, '\n'));
    h.update('\0');
  }
  return h.digest('hex');
}
