import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { REPO_ROOT } from './fixtures.js';

/** scripts/dist-check.mjs: plain JavaScript (it runs before tsc), so typed here by hand. */
type CheckDist = (root: string) => { missing: string[]; stale: string[]; rebuild: boolean };
const { checkDist } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'dist-check.mjs')).href)) as { checkDist: CheckDist };

/** A repository in miniature: each path written with a line of text, all of them an hour old (older than any record written later). */
function tree(paths: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'dossier-dist-check-'));
  const old = new Date(Date.now() - 3_600_000);
  for (const p of paths) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), '//\n');
    utimesSync(join(root, p), old, old);
  }
  return root;
}

/** The build record, written now: after every file of `tree`. */
function record(root: string): void {
  writeFileSync(join(root, 'dist', '.tsbuildinfo'), '{}');
}

test('a compiled file deleted since the last build removes the build record, so that tsc compiles everything again', () => {
  const root = tree(['src/a.ts', 'src/sub/b.ts', 'scripts/c.ts', 'dist/src/a.js', 'dist/scripts/c.js']);
  record(root);
  try {
    const r = checkDist(root);
    assert.deepEqual(r.missing, [join('src', 'sub', 'b.ts')]);
    assert.equal(r.rebuild, true);
    assert.equal(existsSync(join(root, 'dist', '.tsbuildinfo')), false);
    assert.equal(existsSync(join(root, 'dist', 'src', 'a.js')), true, 'the outputs that are there stay');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a compiled file whose source is gone is removed with its map (a deleted test would still run); one whose source is there stays", () => {
  const root = tree(['src/a.ts', 'dist/src/a.js', 'dist/src/a.js.map', 'dist/src/old.test.js', 'dist/src/old.test.js.map', 'dist/bench/gone.js', 'dist/web/app.js']);
  record(root);
  try {
    const r = checkDist(root);
    assert.deepEqual(r.stale.sort(), [join('dist', 'bench', 'gone.js'), join('dist', 'src', 'old.test.js')]);
    assert.equal(existsSync(join(root, 'dist', 'src', 'old.test.js')), false);
    assert.equal(existsSync(join(root, 'dist', 'src', 'old.test.js.map')), false);
    assert.equal(existsSync(join(root, 'dist', 'src', 'a.js.map')), true);
    assert.equal(existsSync(join(root, 'dist', 'web', 'app.js')), true, 'folders tsc does not write are left alone');
    assert.equal(r.rebuild, false, 'nothing is missing: the record stands');
    assert.equal(existsSync(join(root, 'dist', '.tsbuildinfo')), true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a source newer than the build record (a new or edited file) is left to tsc, which compiles it anyway', () => {
  const root = tree(['src/a.ts', 'dist/src/a.js']);
  record(root);
  writeFileSync(join(root, 'src', 'new.ts'), '//\n');
  utimesSync(join(root, 'src', 'new.ts'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
  try {
    const r = checkDist(root);
    assert.deepEqual(r.missing, []);
    assert.equal(r.rebuild, false);
    assert.equal(existsSync(join(root, 'dist', '.tsbuildinfo')), true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('declaration files are not compiled and need no output', () => {
  const root = tree(['src/types.d.ts', 'src/a.ts', 'dist/src/a.js']);
  record(root);
  try {
    assert.deepEqual(checkDist(root), { missing: [], stale: [], rebuild: false });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a fresh clone (no dist, no record) is left to tsc', () => {
  const root = tree(['src/a.ts', 'bench/b.ts']);
  try {
    assert.deepEqual(checkDist(root), { missing: [], stale: [], rebuild: false });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
