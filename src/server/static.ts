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

/** Encodings the build precompresses files in (web/vite.config.ts), best first, with their suffixes. */
const PRECOMPRESSED: [encoding: string, suffix: string][] = [['br', '.br'], ['gzip', '.gz']];

/** The encodings an Accept-Encoding header allows (a q of 0 refuses one; * allows any not named). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!header) return out;
  const refused = new Set<string>();
  let any = false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (name === '*') any = ok;
    else if (name) (ok ? out : refused).add(name);
  }
  if (any) for (const [enc] of PRECOMPRESSED) if (!refused.has(enc)) out.add(enc);
  return out;
}

/**
 * A built file, as the build precompressed it when the client accepts that (brotli, else gzip): no
 * compression work per request, and the best ratio (brotli at its highest quality, done once).
 */
function send(c: Context, file: string, immutable: boolean): Response {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const accepted = acceptedEncodings(c.req.header('accept-encoding'));
  const pre = PRECOMPRESSED.find(([enc, suffix]) => accepted.has(enc) && existsSync(file + suffix));
  const path = pre ? file + pre[1] : file;
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return c.body(body, 200, {
    'Content-Type': type,
    'Content-Length': String(statSync(path).size),
    ...(pre ? { 'Content-Encoding': pre[0] } : {}),
    // Caches keep one copy per encoding.
    Vary: 'Accept-Encoding',
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
