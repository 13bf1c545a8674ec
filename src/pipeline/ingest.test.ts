import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DossierError } from '../model/index.js';
import { openStore, type Store } from '../store/index.js';
import { ingestPaths, type IngestEvent } from './ingest.js';

/**
 * `dossier ingest` asks the store which documents it already holds once per batch, before extracting,
 * not once per document (a round trip each on PostgreSQL). On a real SQLite store, seen through a
 * wrapper that counts the calls and can make the store fail to answer.
 */

const dir = mkdtempSync(join(tmpdir(), 'dossier-ingest-batch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const REPORTS = [
  'Gunmen opened fire on a market in Kabul on Friday, killing four people, police said.',
  'A car bomb exploded near a police station in Mosul on Monday, killing six people.',
  'Militants attacked a checkpoint in Maiduguri on Sunday, killing two soldiers.',
  'A roadside bomb killed three civilians in Kandahar on Tuesday, officials said.',
  'Protesters clashed with police in Lagos on Wednesday; twelve people were arrested.',
];

/** A folder of the reports as files (named so that they are read in this order), with `extra` files after them. */
function folder(name: string, extra: [string, string][] = []): string {
  const d = join(dir, name);
  const files: [string, string][] = [...REPORTS.map((t, i): [string, string] => [`${i}.txt`, t]), ...extra];
  for (const [f, body] of files) writeFileSync(join(d, f), body, { flag: 'w' });
  return d;
}

/** The store, with its calls of storedDocuments and hasDocument counted; `failFirst` makes the first storedDocuments fail. */
function counted(store: Store, failFirst = false): { store: Store; calls: { stored: number; has: number } } {
  const calls = { stored: 0, has: 0 };
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'storedDocuments') {
        return async (ids: readonly string[]) => {
          if (calls.stored++ === 0 && failFirst) throw new DossierError('E_STORE', 'the store did not answer');
          return target.storedDocuments(ids);
        };
      }
      if (key === 'hasDocument') calls.has++;
      const v = Reflect.get(target, key, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: wrapped, calls };
}

async function run(store: Store, path: string, batch: number): Promise<IngestEvent[]> {
  const events: IngestEvent[] = [];
  await ingestPaths(store, [path], (e) => void events.push(e), batch);
  return events;
}

test('one question per batch: new documents are extracted and stored, known ones settle as duplicates', async () => {
  const d = mkdtempSync(join(dir, 'a-'));
  const path = folder(d.slice(dir.length + 1), [['5-same.txt', REPORTS[0]!], ['6-empty.txt', '']]);
  const real = await openStore(join(d, 'store.db'));
  try {
    const first = counted(real);
    const events = await run(first.store, path, 2);
    // 5 reports, a copy of the first, an empty file: four batches of two. The copy shares a batch with
    // the fifth report, so the store does not hold it yet when asked: the save finds it a duplicate.
    assert.deepEqual(events.map((e) => e.status), ['stored', 'stored', 'stored', 'stored', 'stored', 'duplicate', 'failed']);
    assert.equal(events[6]!.error?.code, 'E_INPUT_EMPTY');
    assert.equal(first.calls.stored, 3, 'asked for the three batches that held a readable document (the last held only the empty file)');
    assert.equal(first.calls.has, 0);

    const again = counted(real);
    const second = await run(again.store, path, 100);
    assert.deepEqual(second.map((e) => e.status), ['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'failed']);
    assert.equal(again.calls.stored, 1);
  } finally {
    await real.close();
  }
});

test('negative: a store that cannot answer fails that batch, each document by name, and the next batch goes on', async () => {
  const d = mkdtempSync(join(dir, 'b-'));
  const path = folder(d.slice(dir.length + 1));
  const real = await openStore(join(d, 'store.db'));
  try {
    const { store } = counted(real, true);
    const events = await run(store, path, 2);
    assert.deepEqual(events.map((e) => e.status), ['failed', 'failed', 'stored', 'stored', 'stored']);
    for (const e of events.slice(0, 2)) {
      assert.equal(e.error?.code, 'E_STORE');
      assert.match(e.error!.message, /did not answer/);
      assert.ok(e.path.endsWith('.txt'), e.path);
    }
    assert.equal((await real.counts()).documents, 3);
  } finally {
    await real.close();
  }
});
