import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc, RegionKind } from '../model/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Fixtures live beside the sources; tests run from dist/, so look in both places. */
export function fixture(name: string): string {
  for (const dir of [join(here, 'fixtures'), resolve(here, '../../../src/intake/fixtures')]) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`fixture not found: ${name}`);
}

export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'dossier-intake-'));
}

/** The stored text of each region of a kind, in order. */
export function regionTexts(doc: Doc, kind: RegionKind): string[] {
  return doc.regions.filter((r) => r.kind === kind).map((r) => doc.text.slice(r.start, r.end));
}

/** Regions are ordered, non-overlapping, trimmed and cover whole paragraphs. */
export function checkRegionInvariants(doc: Doc): string | null {
  let last = 0;
  for (const r of doc.regions) {
    if (r.start < last) return `region ${r.kind} ${r.start} overlaps previous end ${last}`;
    if (r.end <= r.start) return `empty region ${r.kind} at ${r.start}`;
    const s = doc.text.slice(r.start, r.end);
    if (s !== s.trim()) return `region ${r.kind} at ${r.start} is not trimmed`;
    if (s.includes('\n\n')) return `region ${r.kind} at ${r.start} spans a paragraph break`;
    if (r.start > 0 && doc.text.slice(r.start - 2, r.start) !== '\n\n') return `region ${r.kind} at ${r.start} does not start a paragraph`;
    last = r.end;
  }
  if (last !== doc.text.length) return 'the last region does not end the text';
  if (/\n{3,}/.test(doc.text)) return 'the text has a run of blank lines';
  return null;
}
