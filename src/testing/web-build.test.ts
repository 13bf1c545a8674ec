import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './fixtures.js';
import { webBuildPaths, webBundleStale, type InputsRecord } from './web-build.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A repository with two inputs, a bundle and the record of what it was made from. */
function fixture(): { root: string; paths: ReturnType<typeof webBuildPaths> } {
  const root = mkdtempSync(join(tmpdir(), 'dossier-web-build-'));
  mkdirSync(join(root, 'web', 'src'), { recursive: true });
  mkdirSync(join(root, 'dist', 'web'), { recursive: true });
  writeFileSync(join(root, 'web', 'src', 'main.tsx'), 'render(<App />);\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  writeFileSync(join(root, 'dist', 'web', 'index.html'), '<!doctype html>');
  const record: InputsRecord = { files: [{ path: 'package-lock.json', sha256: sha('{}\n') }, { path: 'web/src/main.tsx', sha256: sha('render(<App />);\n') }] };
  writeFileSync(join(root, 'dist', 'web-inputs.json'), JSON.stringify(record));
  return { root, paths: webBuildPaths(root) };
}

test('a bundle whose recorded inputs are all unchanged is up to date', (t) => {
  const { root, paths } = fixture();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal(webBundleStale(paths), null);
});

test('negative: a changed input, a gone input, no bundle, or no readable record each mean bundling again, and say why', (t) => {
  const cases: [string, (root: string) => void, RegExp][] = [
    ['an edit', (r) => writeFileSync(join(r, 'web', 'src', 'main.tsx'), 'render(<Other />);\n'), /web\/src\/main\.tsx changed/],
    ['a new lockfile (another package version)', (r) => writeFileSync(join(r, 'package-lock.json'), '{"v":2}\n'), /package-lock\.json changed/],
    ['a deleted input', (r) => rmSync(join(r, 'web', 'src', 'main.tsx')), /web\/src\/main\.tsx is gone/],
    ['no built page', (r) => rmSync(join(r, 'dist', 'web', 'index.html')), /no bundle at/],
    ['no record', (r) => rmSync(join(r, 'dist', 'web-inputs.json')), /no readable record/],
    ['a truncated record', (r) => writeFileSync(join(r, 'dist', 'web-inputs.json'), '{"files": ['), /no readable record/],
    ['a record of nothing', (r) => writeFileSync(join(r, 'dist', 'web-inputs.json'), '{"files": []}'), /lists no inputs/],
  ];
  for (const [what, change, why] of cases) {
    const { root, paths } = fixture();
    t.after(() => rmSync(root, { recursive: true, force: true }));
    change(root);
    assert.match(webBundleStale(paths) ?? 'up to date', why, what);
  }
});

test('the built bundle recorded the app, MapLibre, the basemap, the config and the lockfile among its inputs', (t) => {
  const record = webBuildPaths(REPO_ROOT).record;
  if (!existsSync(record)) return t.skip(`no ${record}: run npm run build`);
  const paths = (JSON.parse(readFileSync(record, 'utf8')) as InputsRecord).files.map((f) => f.path);
  for (const want of ['web/src/main.tsx', 'web/vite.config.ts', 'package-lock.json', 'src/web/index.ts']) assert.ok(paths.includes(want), `${want} in ${record}`);
  assert.ok(paths.some((p) => /node_modules\/maplibre-gl\//.test(p)), 'MapLibre');
  assert.ok(paths.some((p) => /node_modules\/world-atlas\/countries-110m\.json$/.test(p)), 'the basemap asset (imported with ?url)');
});
