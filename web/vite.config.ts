import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The workbench's bundle. It goes to dist/web, where `dossier serve` reads it; everything it needs
 * (the basemap, MapLibre's worker) is emitted beside it, so no page loads anything from another host.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
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
