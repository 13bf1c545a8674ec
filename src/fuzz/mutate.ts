import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { insertAt } from './byte-arbs.js';
import { SPLICE_TOKENS } from './vocab.js';

/**
 * Mutation of seed documents: the repository's samples/ and the fixtures we wrote for the tests
 * (never ../shared). A mutated real report keeps most of what makes the pipeline work hard (places,
 * dates, casualty phrases) while its bytes and markup break in places.
 */

/** The repository root, from this file's place in src/fuzz or dist/src/fuzz. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
}

/** Folders seeds are read from, relative to the repository root. */
export const SEED_DIRS = ['samples', 'src/intake/fixtures', 'src/extract/fixtures'];

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

let seeds: Seed[] | null = null;
/** The seed documents, read once. */
export function loadSeeds(): Seed[] {
  if (seeds) return seeds;
  const root = repoRoot();
  seeds = SEED_DIRS.flatMap((d) => {
    const dir = join(root, d);
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.(?:html?|txt|md)$/.test(n)).sort();
    } catch {
      return [];
    }
    return names.map((n) => ({ name: `${d}/${n}`, bytes: new Uint8Array(readFileSync(join(dir, n))) }));
  });
  return seeds;
}

/** One edit; positions are fractions of the current length (so they stay valid as the input changes). */
export type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'insert'; at: number; token: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'repeat'; at: number; len: number; times: number }
  | { op: 'truncate'; at: number }
  | { op: 'splice'; at: number; seed: number; from: number; len: number };

const frac = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: frac, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: frac, token: fc.constantFrom(...SPLICE_TOKENS) }),
  fc.record({ op: fc.constant('delete' as const), at: frac, len: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: frac, len: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 2000 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: frac }),
  fc.record({ op: fc.constant('splice' as const), at: frac, seed: fc.nat(), from: frac, len: fc.integer({ min: 1, max: 4000 }) }),
);

const utf8 = new TextEncoder();

/** Apply one edit. */
export function applyMutation(bytes: Uint8Array, m: Mutation, pool: Seed[]): Uint8Array {
  const at = Math.floor(m.at * bytes.length);
  switch (m.op) {
    case 'flip': {
      if (!bytes.length) return bytes;
      const out = bytes.slice();
      out[Math.min(at, out.length - 1)] = m.byte;
      return out;
    }
    case 'insert':
      return insertAt(bytes, at, utf8.encode(m.token));
    case 'delete':
    {
      const end = Math.min(bytes.length, at + m.len);
      const out = new Uint8Array(bytes.length - (end - at));
      out.set(bytes.subarray(0, at), 0);
      out.set(bytes.subarray(end), at);
      return out;
    }
    case 'repeat': {
      const piece = bytes.subarray(at, at + m.len);
      const rep = new Uint8Array(piece.length * m.times);
      for (let i = 0; i < m.times; i++) rep.set(piece, i * piece.length);
      return insertAt(bytes, at, rep);
    }
    case 'truncate':
      return bytes.subarray(0, at);
    case 'splice': {
      const other = pool.length ? pool[m.seed % pool.length]!.bytes : new Uint8Array();
      const from = Math.floor(m.from * other.length);
      return insertAt(bytes, at, other.subarray(from, from + m.len));
    }
  }
}

/** A seed with one to eight edits; `name` says which seed. */
export function mutatedArb(pool: Seed[] = loadSeeds()): fc.Arbitrary<{ name: string; bytes: Uint8Array }> {
  if (!pool.length) throw new Error('fuzz: no seed documents found (samples/, src/intake/fixtures/)');
  return fc.record({ seed: fc.nat({ max: pool.length - 1 }), edits: fc.array(mutationArb, { minLength: 1, maxLength: 8 }) }).map((r) => {
    const seed = pool[r.seed]!;
    let b = seed.bytes;
    for (const m of r.edits) b = applyMutation(b, m, pool);
    return { name: seed.name, bytes: b };
  });
}
