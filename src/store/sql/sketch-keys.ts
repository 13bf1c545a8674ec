import { sql, type RawBuilder } from 'kysely';

/**
 * The near-copy index's key for a document (table `sketch_keys`, migration 18): the first
 * KEY_HEX_DIGITS hex digits of its id, as an integer.
 *
 * Before, the index held each document's 16 smallest samples with the document's id, 64 hex
 * characters: about 80 bytes a row, 16 rows a document, inserted at random places in the B-tree. A
 * batch of 100 documents dirtied most of the table's pages, and every lookup and insert paid for the
 * long rows. With an integer the rows are about 12 bytes. Measured on the MUC-4 train documents (issue
 * 11, docs/benchmarks.md, seventh pass): the index's statements take about a third less time, and
 * `dossier ingest` into a store of 10 000 documents about a sixth less CPU; every other table is
 * stored the same.
 *
 * Why a prefix and not SQLite's rowid: rowids of a table without INTEGER PRIMARY KEY may be renumbered
 * by VACUUM, and PostgreSQL has none. A prefix is read back as a key range of the documents' primary
 * key: the documents whose id starts with those digits (sketchKeyPrefix), so a lookup stays one
 * statement. 52 bits are exact in a JavaScript number. Two stored documents share a key with a chance
 * of about n² / 2^53 (one in ten thousand at a million documents); then both are candidates for a hit
 * of either, and the whole-sketch comparison that follows decides as before.
 */
export const KEY_HEX_DIGITS = 13;

const HEX_PREFIX = new RegExp(`^[0-9a-f]{${KEY_HEX_DIGITS}}`);

/**
 * The key of a document id, or null for an id that is not lower-case hex. Every stored document's id
 * is its bytes' SHA-256 in hex (intake); a document with another id is not indexed, since no key range
 * would find it again.
 */
export function sketchKey(docId: string): number | null {
  return HEX_PREFIX.test(docId) ? parseInt(docId.slice(0, KEY_HEX_DIGITS), 16) : null;
}

/** SQL for the id prefix a key column stands for, in each dialect (lower-case hex, zero-padded). */
export function sketchKeyPrefix(kind: 'sqlite' | 'postgres', column: string): RawBuilder<string> {
  const c = sql.ref(column);
  return kind === 'sqlite'
    ? sql<string>`printf(${sql.lit(`%0${KEY_HEX_DIGITS}x`)}, ${c})`
    : sql<string>`lpad(to_hex(${c}), ${sql.lit(KEY_HEX_DIGITS)}, '0')`;
}
