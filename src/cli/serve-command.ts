import cluster, { type Worker } from 'node:cluster';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../model/index.js';
import { DEFAULT_DB, isPostgresUrl, openStore } from '../store/index.js';
import { note, text } from './output.js';
import type { Args } from './spec.js';

/** The package root, from dist/src/cli. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The most worker processes --workers takes: more than the cores only adds switching. */
const MAX_WORKERS = 64;

/** What a worker tells the primary once it listens. */
interface Listening {
  dossierListening: string;
}

/** `dossier serve`: runs until SIGINT or SIGTERM, then closes the store. */
export async function cmdServe(a: Args): Promise<number> {
  const values = { port: a.string('port'), host: a.string('host'), db: a.string('db'), web: a.string('web'), 'require-auth': a.flag('require-auth'), workers: a.string('workers') };
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new DossierError('E_USAGE', `--port takes a port number from 0 to 65535, not "${values.port}"`);
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) throw new DossierError('E_USAGE', `--workers takes a whole number from 1 to ${MAX_WORKERS}, not "${values.workers}"`);
  const host = values.host ?? '127.0.0.1';
  const target = values.db ?? (process.env.DOSSIER_DB || DEFAULT_DB);
  if (!isPostgresUrl(target) && !existsSync(target)) throw new DossierError('E_NOT_FOUND', 'no database here yet: run `dossier demo` or `dossier ingest PATH…` first, or pass --db', target);
  const webDir = values.web ?? join(ROOT, 'dist', 'web');
  if (values.web !== undefined && !existsSync(join(webDir, 'index.html'))) throw new DossierError('E_NOT_FOUND', 'no index.html in this folder (--web takes the built web app)', webDir);
  if (workers > 1 && cluster.isPrimary) return runPrimary(target, workers);
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
  const line = `Dossier is serving ${target.replace(/\/\/[^@/]*@/, '//…@')} at ${server.url}/  (${auth}; Ctrl-C stops it)\n`;
  // A worker leaves the saying to the primary, once every worker listens.
  if (cluster.isWorker) process.send?.({ dossierListening: line } satisfies Listening);
  else text(line);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  await store.close();
  // The channel to the primary would keep a worker's event loop alive.
  if (cluster.isWorker) cluster.worker?.disconnect();
  return 0;
}

/**
 * --workers N: N processes serve the same port (node:cluster hands each new connection to the next
 * worker), each with its own store connection: a page is CPU work in one Node thread (reading rows,
 * writing JSON), so one process serves one core's worth. The store is opened here once first, so its
 * migrations run once, before any worker opens it. A worker that dies is replaced; SIGINT or SIGTERM
 * stops them all.
 */
async function runPrimary(target: string, n: number): Promise<number> {
  await (await openStore(target)).close();
  let stopping = false;
  let said = false;
  const listening = new Set<number>();
  const fork = (): Worker => {
    const w = cluster.fork();
    w.on('message', (m: Partial<Listening>) => {
      if (typeof m.dossierListening !== 'string') return;
      listening.add(w.id);
      if (listening.size >= n && !said) {
        said = true;
        text(m.dossierListening.replace(/\(/, `(${n} workers; `));
      }
    });
    return w;
  };
  cluster.on('exit', (w, code) => {
    listening.delete(w.id);
    // A worker that stopped of its own accord (a signal to the whole group) is not replaced.
    if (stopping || w.exitedAfterDisconnect) return;
    note(`dossier serve: worker ${w.process.pid} exited (${code}); starting another\n`);
    fork();
  });
  for (let i = 0; i < n; i++) fork();
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  stopping = true;
  const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  // Ctrl-C reaches the workers too (one process group): one already gone is not waited for.
  await Promise.all(all.filter((w) => !w.isDead()).map((w) => new Promise<void>((r) => {
    w.once('exit', () => r());
    w.process.kill('SIGTERM');
  })));
  return 0;
}
