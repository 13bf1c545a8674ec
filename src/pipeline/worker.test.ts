import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { reportFiles } from '../eval/merge.js';
import { openStore, type Store } from '../store/index.js';
import { runCli } from '../testing/cli.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { ingestPaths } from './ingest.js';
import { shuffled } from '../testing/shuffle.js';

/**
 * Workers on PostgreSQL (issue 11): the merge corpus through 4 concurrent worker processes, in a
 * shuffled order, clusters as one process does; a worker killed with -9 mid-batch loses nothing and
 * duplicates nothing. Real processes where processes are the point (the concurrent workers, the one
 * killed), a real server: nothing mocked. Filling the queue and the worker that finishes after the
 * kill run in this process (src/testing/cli.ts), which spares a Node start and a model load each.
 */
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const CORPUS = join(REPO_ROOT, 'data', 'merge-corpus', 'reports');
const skip = (await pgUnavailable()) ?? false;
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d();
});

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.on('exit', (code) => resolve({ code, out }));
  });
}

/**
 * The partition of the ingested files (by file name) into incidents: ids aside, what a clustering is.
 * A repost is a location of the document it repeats, whichever of the two came first, so a stored
 * document counts with the places its text was also found: two workers may commit a repost pair in
 * either order (a run stored 16-westminster-repost with 14 as its location, instead of the reverse).
 */
async function partition(store: Store): Promise<string[]> {
  const groups: string[] = [];
  const base = (source: string): string => source.split('/').pop()!;
  for await (const inc of store.eachIncident()) {
    const names = new Set<string>();
    const sources = await store.documentSources(inc.reports.map((r) => r.docId));
    for (const r of inc.reports) {
      names.add(base((await store.getDocumentMeta(r.docId))!.meta.source));
      for (const l of sources.get(r.docId)?.alsoAt ?? []) names.add(base(l.source));
    }
    groups.push([...names].sort().join(' '));
  }
  return groups.sort();
}


let reference: { partition: string[]; counts: { documents: number; incidents: number; reports: number } } | undefined;
/** The corpus ingested by one process, in file order: the clustering every worker run must give. */
async function oneProcess(): Promise<NonNullable<typeof reference>> {
  if (reference) return reference;
  const db = await freshDatabase('one');
  drops.push(db.drop);
  const store = await openStore(db.url);
  await ingestPaths(store, reportFiles(join(CORPUS, '..')).map((f) => join(CORPUS, f)), () => undefined);
  reference = { partition: await partition(store), counts: await store.counts() };
  await store.close();
  return reference;
}

test('4 concurrent workers in a shuffled order store every document once and cluster as one process does', { skip }, async () => {
  const db = await freshDatabase('workers');
  drops.push(db.drop);
  const files = shuffled(reportFiles(join(CORPUS, '..'))).map((f) => join(CORPUS, f));
  assert.equal((await runCli('ingest', ...files, '--queue', '--db', db.url)).code, 0);
  const runs = await Promise.all([1, 2, 3, 4].map(() => cli(['worker', '--db', db.url, '--until-idle'])));
  for (const r of runs) assert.equal(r.code, 0, r.out);
  const store = await openStore(db.url, { readonly: true });
  const mine = await partition(store);
  const counts = await store.counts();
  // Each document's bytes are kept beside it, for `dossier reprocess`.
  const versions = await store.webState().documentVersions();
  assert.ok(versions.length > 0 && versions.every((v) => v.hasRaw));
  await store.close();
  const ref = await oneProcess();
  // Nothing lost, nothing twice: the documents and reports one process stores, whatever the order.
  assert.equal(counts.documents, ref.counts.documents);
  assert.equal(counts.reports, ref.counts.reports);
  // The incidents: the same partition of the documents as one process in file order. The
  // resolution lock makes the workers one process in commit order, and consolidation
  // (src/resolve/consolidate.ts) makes the clusters independent of that order.
  assert.deepEqual(mine, ref.partition);
});

test('a worker killed with -9 mid-batch loses nothing and duplicates nothing; its job is retried', { skip }, async () => {
  const db = await freshDatabase('kill');
  drops.push(db.drop);
  const files = reportFiles(join(CORPUS, '..')).map((f) => join(CORPUS, f));
  assert.equal((await runCli('ingest', ...files, '--queue', '--db', db.url)).code, 0);
  // Kill the worker once it has finished a few documents: it is then inside another one.
  await new Promise<void>((resolve) => {
    const p = spawn(process.execPath, [CLI, 'worker', '--db', db.url, '--until-idle'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let done = 0;
    p.stdout.on('data', (b: Buffer) => {
      done += (b.toString().match(/^done /gm) ?? []).length;
      if (done >= 3) p.kill('SIGKILL');
    });
    p.on('exit', () => resolve());
  });
  const rest = await runCli('worker', '--db', db.url, '--until-idle');
  assert.equal(rest.code, 0, rest.out + rest.err);
  const store = await openStore(db.url, { readonly: true });
  const mine = await partition(store);
  const counts = await store.counts();
  await store.close();
  const ref = await oneProcess();
  assert.deepEqual(mine, ref.partition);
  // Nothing lost, nothing twice: as many documents, reports and incidents as one uninterrupted process stores.
  assert.deepEqual(counts, ref.counts);
  assert.ok(counts.documents > 0);
});
