/**
 * SHA-256 of what Dossier makes of the MUC-4 documents, to check that a speed change changed no output
 * (issue 11). Not a test: the data is not in the repository.
 *
 *   node dist/scripts/muc4-output-hash.js [--dir ../shared/eval/muc4] [--limit N] [--store]
 *
 * - pipeline: `fingerprint` (src/pipeline/version-record.ts, the golden test's hash) over every document
 *   of train.jsonl then dev.jsonl (then test.jsonl when there is one), each read as the ingest bench reads
 *   it: `intakeBuffer(Buffer.from(doctext), 'muc4:' + docid, 'text')`.
 * - with --store: the same documents saved as `dossier ingest` saves them (INGEST_BATCH_DOCS per
 *   transaction) into a fresh SQLite store, then every table's rows, sorted, hashed table by table.
 *   Columns that hold the wall-clock time of the save (`*_at`, `at`) are left out: they differ run to run.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { intakeBuffer } from '../src/intake/index.js';
import type { Doc } from '../src/model/index.js';
import { INGEST_BATCH_DOCS, runPipeline, saveExtracted, type PipelineState } from '../src/pipeline/index.js';
import { fingerprint } from '../src/pipeline/version-record.js';
import { openStore } from '../src/store/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPLITS = ['train', 'dev', 'test'];
/** Columns that record when a row was written, not what was extracted. */
const CLOCK_COLUMN = /(^|_)at$/;

function readDocs(dir: string, limit: number | null): Doc[] {
  const docs: Doc[] = [];
  for (const split of SPLITS) {
    const file = join(dir, `${split}.jsonl`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as { docid: string; doctext: string };
      docs.push(intakeBuffer(Buffer.from(rec.doctext), `muc4:${rec.docid}`, 'text'));
      if (limit !== null && docs.length >= limit) return docs;
    }
  }
  return docs;
}

/** Save the documents as ingestPaths does and hash each table of the store. */
async function storeHashes(docs: Doc[]): Promise<Map<string, string>> {
  const tmp = mkdtempSync(join(tmpdir(), 'dossier-hash-'));
  const file = join(tmp, 'hash.db');
  try {
    const store = await openStore(file);
    try {
      for (let i = 0; i < docs.length; i += INGEST_BATCH_DOCS) {
        const batch: [Doc, PipelineState][] = [];
        const slice = docs.slice(i, i + INGEST_BATCH_DOCS);
        const known = await store.storedDocuments(slice.map((d) => d.id));
        for (const doc of slice) if (!known.has(doc.id)) batch.push([doc, runPipeline(doc)]);
        await store.transaction(async () => {
          for (const [doc, st] of batch) await saveExtracted(store, doc, st);
        });
      }
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    const out = new Map<string, string>();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      const cols = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => !CLOCK_COLUMN.test(c));
      const list = cols.map((c) => `"${c}"`).join(', ');
      const h = createHash('sha256');
      let n = 0;
      for (const row of db.prepare(`SELECT ${list} FROM "${name}" ORDER BY ${list}`).raw().iterate()) {
        h.update(`${JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))}\n`);
        n++;
      }
      out.set(name, `${h.digest('hex')} (${n} rows)`);
    }
    db.close();
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, limit: { type: 'string' }, store: { type: 'boolean' } } });
  const dir = values.dir ? resolve(values.dir) : resolve(ROOT, '..', 'shared', 'eval', 'muc4');
  const docs = readDocs(dir, values.limit ? Number(values.limit) : null);
  if (!docs.length) throw new Error(`no MUC-4 documents under ${dir}`);
  process.stdout.write(`documents ${docs.length}\npipeline ${fingerprint(docs)}\n`);
  if (!values.store) return;
  const tables = await storeHashes(docs);
  const all = createHash('sha256');
  for (const [name, h] of tables) {
    process.stdout.write(`  ${name.padEnd(24)} ${h}\n`);
    all.update(`${name} ${h}\n`);
  }
  process.stdout.write(`store ${all.digest('hex')}\n`);
}

await main();
