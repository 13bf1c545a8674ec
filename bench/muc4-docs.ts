import { readFileSync } from 'node:fs';
import { benchUsage } from './args.js';

/** One document of a MUC-4-style JSONL file: `{docid, doctext, …}` a line. */
export interface BenchDoc {
  docid: string;
  doctext: string;
}

/**
 * The documents of a JSONL file of `{docid, doctext, …}`, the first `limit` when given. A line that is
 * not JSON, or lacks either field, is a usage error naming the file and the line (exit 2), never a
 * stack trace; so is a file that cannot be read. Shared by the ingest benches, which read the same files.
 */
export function readBenchDocs(bench: string, usage: string, path: string, limit: number | null = null): BenchDoc[] {
  const out: BenchDoc[] = [];
  let lines: string[];
  try {
    lines = readFileSync(path, 'utf8').split('\n');
  } catch (e) {
    // Missing, a folder, unreadable: named, as a usage error, whichever bench asked.
    return benchUsage(bench, usage, `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let rec: { docid?: unknown; doctext?: unknown };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch (e) {
      return benchUsage(bench, usage, `${path}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof rec.docid !== 'string' || typeof rec.doctext !== 'string') return benchUsage(bench, usage, `${path}:${i + 1}: expected {docid, doctext, …}`);
    out.push({ docid: rec.docid, doctext: rec.doctext });
    if (limit !== null && out.length >= limit) break;
  }
  return out;
}
