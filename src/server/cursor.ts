import { badParam } from './errors.js';

/**
 * Keyset cursors: the key of the last item a page returned, as opaque base64url JSON. A cursor says
 * which ordering made it, so one from another ordering is refused rather than misread.
 */
export type CursorKey =
  | { s: 'id'; id: number; o?: string }
  | { s: 'date'; date: string; id: number; o?: string }
  | { s: 'since'; seq: number }
  | { s: 'offset'; n: number };

export function encodeCursor(k: CursorKey): string {
  return Buffer.from(JSON.stringify(k)).toString('base64url');
}

/** The key of a cursor of this kind (and ordering, `o`, when given); a 400 naming `cursor` otherwise. */
export function decodeCursor<S extends CursorKey['s']>(raw: string | undefined, kind: S, order?: string): Extract<CursorKey, { s: S }> | null {
  if (raw === undefined) return null;
  let k: unknown;
  try {
    k = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badParam('cursor', 'not a cursor this server made (pass the `next` of the previous page)');
  }
  if (!valid(k) || k.s !== kind || (order !== undefined && (k as { o?: string }).o !== order)) throw badParam('cursor', `not a cursor for this ordering (${order ?? kind})`);
  return k as Extract<CursorKey, { s: S }>;
}

const nat = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function valid(k: unknown): k is CursorKey {
  if (!k || typeof k !== 'object') return false;
  const o = k as Record<string, unknown>;
  switch (o.s) {
    case 'id':
      return nat(o.id);
    case 'date':
      return nat(o.id) && typeof o.date === 'string' && o.date.length <= 10;
    case 'since':
      return nat(o.seq);
    case 'offset':
      return nat(o.n);
    default:
      return false;
  }
}
