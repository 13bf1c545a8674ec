import type Database from 'better-sqlite3';
import { containment, indexSamples, MIN_CONTAINMENT, sketchFromBuffer } from '../../resolve/near-copy.js';

type Stmt = (sql: string) => Database.Statement;

/** A stored document that a new one nearly copies. */
export interface NearCopy {
  id: string;
  source: string;
  /** Share of the shorter text's sampled shingles the other holds. */
  overlap: number;
  /** The document itself, or the original it is an update of: what counts as the source. */
  origin: string;
  simhash: string | null;
}

/** Index lookups are batched: SQLite binds at most 32,766 values per statement, and short lists plan better. */
const LOOKUP_BATCH = 500;
/** Candidates compared in full, most shared samples first. */
const MAX_CANDIDATES = 8;

/**
 * The stored document this sketch nearly copies, if any. Candidates share one
 * of the stored document's smallest samples (its index entries); each is then
 * compared on its whole sketch.
 */
export function findNearCopy(stmt: Stmt, sk: Uint32Array): NearCopy | null {
  if (!sk.length) return null;
  const hits = new Map<string, number>();
  const all = [...sk];
  for (let i = 0; i < all.length; i += LOOKUP_BATCH) {
    const part = all.slice(i, i + LOOKUP_BATCH);
    const rows = stmt(`SELECT doc_id FROM sketch_index WHERE sample IN (${part.map(() => '?').join(',')})`).all(...part) as { doc_id: string }[];
    for (const r of rows) hits.set(r.doc_id, (hits.get(r.doc_id) ?? 0) + 1);
  }
  const cands = [...hits].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES);
  let best: NearCopy | null = null;
  for (const [id] of cands) {
    const row = stmt('SELECT id, source, sketch, simhash, derived_from FROM documents WHERE id = ?').get(id) as
      { id: string; source: string; sketch: Buffer | null; simhash: string | null; derived_from: string | null } | undefined;
    if (!row) continue;
    const overlap = containment(sk, sketchFromBuffer(row.sketch));
    if (overlap >= MIN_CONTAINMENT && (!best || overlap > best.overlap)) {
      best = { id: row.id, source: row.source, overlap: Math.round(overlap * 1000) / 1000, origin: row.derived_from ?? row.id, simhash: row.simhash };
    }
  }
  return best;
}

export function indexSketch(stmt: Stmt, docId: string, sk: Uint32Array): void {
  for (const s of indexSamples(sk)) stmt('INSERT OR IGNORE INTO sketch_index (sample, doc_id) VALUES (?, ?)').run(s, docId);
}
