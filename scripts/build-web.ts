/**
 * `npm run build`'s last step: the web app's bundle (`vite build`, web/vite.config.ts) into dist/web,
 * skipped when nothing it was made from has changed (webBundleStale, src/testing/web-build.ts).
 * `--force`, or `npm run build:web`, bundles anyway.
 *
 * Usage: `node dist/scripts/build-web.js [--force]`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/testing/fixtures.js';
import { webBuildPaths, webBundleStale } from '../src/testing/web-build.js';

const paths = webBuildPaths(REPO_ROOT);
const why = process.argv.includes('--force') ? 'asked to (--force)' : webBundleStale(paths);
if (why === null) {
  process.stdout.write('web app: unchanged since its last bundle (dist/web-inputs.json), not bundled again\n');
} else {
  // The record goes first: a bundle that fails halfway must not look whole to the next build.
  rmSync(paths.record, { force: true });
  const vite = join(createRequire(import.meta.url).resolve('vite/package.json'), '..', 'bin', 'vite.js');
  process.stdout.write(`web app: bundling, because ${why}\n`);
  const r = spawnSync(process.execPath, [vite, 'build', '--config', join(REPO_ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (r.error) throw r.error;
  process.exitCode = r.status ?? 1;
}
