import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.txt': 'text/plain; charset=utf-8', '.pbf': 'application/x-protobuf', '.wasm': 'application/wasm',
};

/** A file under `root` for a URL path, or null (outside root, absent, a folder). */
function fileFor(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const full = resolve(root, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

function send(c: Context, file: string, immutable: boolean): Response {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return c.body(body, 200, {
    'Content-Type': type,
    'Content-Length': String(statSync(file).size),
    // Vite names built assets by their content hash: they never change under one name.
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}

/** The page shown at / when the web app has not been built: plain HTML, no script. */
const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Dossier</title>
<h1>Dossier</h1><p>The web app is not built here. Run <code>npm run build</code>, or pass <code>--web DIR</code>.</p>
<p>The API answers at <a href="/api/openapi.json">/api/openapi.json</a>.</p></html>`;

/**
 * The built web app: its files as they are, and index.html for any other path that is not the API,
 * so the app's own routes (/incidents/12) load it. Paths outside the folder are never served.
 */
export function staticHandler(webDir: string | null): (c: Context) => Response {
  const root = webDir ? resolve(webDir) : null;
  const index = root ? join(root, 'index.html') : null;
  return (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.json({ error: { code: 'E_NOT_FOUND', message: 'not found' } }, 404);
    const path = new URL(c.req.url).pathname;
    if (root) {
      const f = fileFor(root, path);
      if (f) return send(c, f, path.startsWith('/assets/'));
    }
    // A missing asset is a 404, not the app's page: a browser would run HTML as a script or style.
    if (extname(path) && path !== '/index.html') return c.text('not found', 404);
    if (index && existsSync(index)) return send(c, index, false);
    return c.html(NOT_BUILT, 200);
  };
}
