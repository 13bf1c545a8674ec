import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../model/index.js';
import { DEFAULT_DB, isPostgresUrl, openStore } from '../store/index.js';
import { text } from './output.js';
import type { Args } from './spec.js';

/** The package root, from dist/src/cli. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** `dossier serve`: runs until SIGINT or SIGTERM, then closes the store. */
export async function cmdServe(a: Args): Promise<number> {
  const values = { port: a.string('port'), host: a.string('host'), db: a.string('db'), web: a.string('web'), 'require-auth': a.flag('require-auth') };
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new DossierError('E_USAGE', `--port takes a port number from 0 to 65535, not "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const target = values.db ?? (process.env.DOSSIER_DB || DEFAULT_DB);
  if (!isPostgresUrl(target) && !existsSync(target)) throw new DossierError('E_NOT_FOUND', 'no database here yet: run `dossier demo` or `dossier ingest PATH…` first, or pass --db', target);
  const webDir = values.web ?? join(ROOT, 'dist', 'web');
  if (values.web !== undefined && !existsSync(join(webDir, 'index.html'))) throw new DossierError('E_NOT_FOUND', 'no index.html in this folder (--web takes the built web app)', webDir);
  const store = await openStore(target);
  const { startServer, isLoopback } = await import('../server/index.js');
  let server;
  try {
    server = await startServer({ store, host, port, requireAuth: values['require-auth'], webDir: existsSync(webDir) ? webDir : null });
  } catch (e) {
    await store.close();
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new DossierError('E_USAGE', `port ${port} on ${host} is in use; pass another --port`);
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new DossierError('E_USAGE', `cannot listen on ${host} (${err.code})`);
    throw e;
  }
  const auth = values['require-auth'] || !isLoopback(host) ? 'reads and writes need a token' : 'reads are open on this machine; writes need a reviewer token';
  text(`Dossier is serving ${target.replace(/\/\/[^@/]*@/, '//…@')} at ${server.url}/  (${auth}; Ctrl-C stops it)\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  await store.close();
  return 0;
}
