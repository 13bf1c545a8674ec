import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'web');
/** What the last bundle was made from: read by scripts/build-web.ts, which skips a bundle whose inputs are unchanged. */
const INPUTS_RECORD = join(ROOT, 'dist', 'web-inputs.json');
/**
 * Inputs that are no module of the bundle: this file, the lockfile that pins every package it
 * bundles, and web/public, copied as it is.
 */
const alsoInputs = (): string[] => [fileURLToPath(import.meta.url), join(ROOT, 'package-lock.json'), ...filesUnder(join(ROOT, 'web', 'public'))];
/** Files worth compressing: text. Images and fonts are compressed already. */
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.map', '.txt']);
/** Smaller than this, a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Each text file of the build beside its brotli (.br, highest quality) and gzip (.gz, level 9) copies:
 * `dossier serve` sends one of them as it is when the browser accepts it (src/server/static.ts), so
 * compression costs nothing per request and the map's megabyte goes as about a quarter of it.
 */
function precompress() {
  return {
    name: 'dossier-precompress',
    apply: 'build' as const,
    closeBundle() {
      for (const f of filesUnder(OUT)) {
        if (!TEXT.has(extname(f)) || statSync(f).size < MIN_BYTES) continue;
        const raw = readFileSync(f);
        writeFileSync(`${f}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        writeFileSync(`${f}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

/**
 * Every file this bundle was made from (its modules, from the app's own to MapLibre's, and
 * alsoInputs) with its SHA-256, in INPUTS_RECORD once the bundle is written: `npm run build` then
 * skips the bundle while none of them changed (scripts/build-web.ts), as `npm test` builds first.
 */
function recordInputs() {
  let files: string[] = [];
  let written = false;
  return {
    name: 'dossier-record-inputs',
    apply: 'build' as const,
    generateBundle(this: { getModuleIds(): IterableIterator<string> }) {
      // Ids are paths, some with a query (`countries-110m.json?url`); virtual modules start with \0.
      files = [...this.getModuleIds()].map((id) => id.split('?')[0]!).filter((f) => !f.startsWith('\0') && existsSync(f));
    },
    writeBundle() {
      written = true;
    },
    closeBundle() {
      // A build that failed before its files were written records nothing: the next build makes it again.
      if (!written) return;
      const all = [...new Set([...files, ...alsoInputs()])].sort();
      const record = all.map((f) => ({ path: relative(ROOT, f), sha256: createHash('sha256').update(readFileSync(f)).digest('hex') }));
      writeFileSync(INPUTS_RECORD, JSON.stringify({ files: record }, null, 1) + '\n');
    },
  };
}

/**
 * The workbench's bundle. It goes to dist/web, where `dossier serve` reads it; everything it needs
 * (the basemap, MapLibre's worker) is emitted beside it, so no page loads anything from another host.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), precompress(), recordInputs()],
  build: {
    outDir: OUT,
    emptyOutDir: true,
    // MapLibre alone is ~1 MB; it is loaded on its own chunk so the list renders without it.
    chunkSizeWarningLimit: 1200,
    // No data: URLs: the CSP is strict, and small assets cost little as files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
