/**
 * The first step of `npm run build`, before `tsc -b` (plain JavaScript: it runs before anything is
 * compiled).
 *
 * `tsc -b` is incremental since 2026-12-02: it trusts its record of the last build, dist/.tsbuildinfo.
 * It never writes an output again that was deleted since that build, and it never removes the output of
 * a source that was deleted or renamed (microsoft/TypeScript#30602). So after a partial clean, the CLI
 * failed on a missing module while the build said nothing was to do; and a test file deleted under
 * src/ still ran in `npm test`, which runs every *.test.js under dist/src.
 *
 * This compares the compiled folders with their sources. Where the output of a source older than the
 * record is missing, it removes the record, so that tsc builds everything again (a source newer than
 * the record is one tsc compiles anyway: a new or edited file). Where an output's source is gone, it removes
 * the output and its source map. It reads only names, so it costs a few milliseconds.
 *
 * Usage: node scripts/dist-check.mjs [ROOT] (ROOT: the repository, by default the folder above this one).
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders tsconfig.json includes, each compiled to dist/ under the same name. */
const SOURCE_DIRS = ['src', 'bench', 'scripts'];
const BUILD_INFO = join('dist', '.tsbuildinfo');

/** Every file under `dir` whose name ends with `ext`, as paths relative to `root`; none when `dir` is missing. */
function filesUnder(root, dir, ext) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(join(root, d), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A file's modification time in ms; -1 when it is missing. */
function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** What the check found and did, for the caller and the tests. */
export function checkDist(root) {
  const missing = [];
  const stale = [];
  // A source newer than the record is one tsc will compile anyway (a new file, or an edited one).
  const recorded = mtimeOf(join(root, BUILD_INFO));
  for (const dir of SOURCE_DIRS) {
    for (const src of filesUnder(root, dir, '.ts')) {
      if (src.endsWith('.d.ts') || mtimeOf(join(root, src)) > recorded) continue;
      if (!existsSync(join(root, 'dist', src.slice(0, -3) + '.js'))) missing.push(src);
    }
    for (const out of filesUnder(root, join('dist', dir), '.js')) {
      const src = relative('dist', out).slice(0, -3) + '.ts';
      if (existsSync(join(root, src))) continue;
      stale.push(out);
      rmSync(join(root, out), { force: true });
      rmSync(join(root, out + '.map'), { force: true });
    }
  }
  const rebuild = missing.length > 0 && recorded >= 0;
  if (rebuild) rmSync(join(root, BUILD_INFO), { force: true });
  return { missing, stale, rebuild };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  const { missing, stale, rebuild } = checkDist(root);
  if (rebuild) process.stdout.write(`build: ${missing.length} compiled file(s) missing (first: dist/${missing[0].slice(0, -3)}.js): compiling everything again\n`);
  if (stale.length) process.stdout.write(`build: removed ${stale.length} compiled file(s) whose source is gone (first: ${stale[0]})\n`);
}
