import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { COMPILER_FLAGS } from './compiler-tuning.js';

const MODULE = fileURLToPath(new URL('./compiler-tuning.js', import.meta.url));

/** tuneCompiler in a fresh process (it sets process-wide flags once), with this environment. */
function tunedIn(env: Record<string, string>): string[] {
  const code = `import(${JSON.stringify(MODULE)}).then((m) => { const a = m.tuneCompiler(); const b = m.tuneCompiler(); process.stdout.write(JSON.stringify([a, a === b])); });`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ...env } });
  assert.equal(r.status, 0, r.stderr);
  const [flags, same] = JSON.parse(r.stdout) as [string[], boolean];
  assert.ok(same, 'a second call sets nothing again');
  return flags;
}

test('the compiler flags are set once per process, and DOSSIER_V8_DEFAULTS=1 leaves V8 as it is', () => {
  assert.deepEqual(tunedIn({}), [...COMPILER_FLAGS]);
  assert.deepEqual(tunedIn({ DOSSIER_V8_DEFAULTS: '1' }), []);
  // Each flag is one V8 knows: node takes it on its command line (an unknown one stops node there).
  const r = spawnSync(process.execPath, [...COMPILER_FLAGS, '-e', '0'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
