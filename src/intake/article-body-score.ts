import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DossierError } from '../model/index.js';
import { decodeBytes } from './decode.js';
import { extractHtmlBody } from './html.js';

/**
 * Article-body scoring in the manner of the scrapinghub
 * article-extraction-benchmark: word tokens (\w+), multiset overlap per
 * page, counts normalised per page so long pages do not dominate, then the
 * mean precision and mean recall over pages and F1 of those two means.
 * The benchmark itself matches 4-token shingles; `ngram` selects that
 * stricter variant (order-sensitive), the default 1 is plain tokens.
 */

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/** Python's \w on Unicode text: letters, digits, marks and underscore. */
const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu;

function tokens(s: string): string[] {
  return s.toLowerCase().match(TOKEN) ?? [];
}

function grams(s: string, n: number): Map<string, number> {
  const t = tokens(s);
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, t.length - n + 1); i++) {
    const g = t.slice(i, i + n);
    if (g.length === 0) continue;
    const key = g.join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function counts(pred: string, gold: string, n: number): Counts {
  const p = grams(pred, n);
  const g = grams(gold, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...p.keys(), ...g.keys()])) {
    const pc = p.get(key) ?? 0;
    const gc = g.get(key) ?? 0;
    tp += Math.min(pc, gc);
    fp += Math.max(0, pc - gc);
    fn += Math.max(0, gc - pc);
  }
  return { tp, fp, fn };
}

function precisionOf({ tp, fp, fn }: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

function f1Of(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Token-level precision/recall/F1 of a predicted body against the gold body. */
export function tokenF1(pred: string, gold: string, ngram = 1): PRF {
  const c = counts(pred, gold, ngram);
  const precision = precisionOf(c);
  const recall = recallOf(c);
  return { precision, recall, f1: f1Of(precision, recall) };
}

export interface PageScore extends PRF {
  id: string;
  error?: string;
  /** The extracted body text (the prediction). */
  body: string;
}

export interface BodyScore extends PRF {
  pages: number;
  perPage: PageScore[];
}

/**
 * Score intake's HTML body extraction over a benchmark folder holding
 * `html/<id>.html.gz` (or `.html`) and `ground-truth.json` ({id: {articleBody}}).
 * A page that fails extraction counts as an empty prediction.
 */
export function scoreArticleBodies(dir: string, options: { ngram?: number; limit?: number } = {}): BodyScore {
  const n = options.ngram ?? 1;
  let truth: Record<string, { articleBody?: string }>;
  try {
    truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
  } catch (e) {
    throw new DossierError('E_INPUT_MISSING', `cannot read ground-truth.json (${(e as Error).message})`, dir);
  }
  const htmlDir = join(dir, 'html');
  const files = readdirSync(htmlDir)
    .filter((f) => /\.html?(?:\.gz)?$/.test(f))
    .sort()
    .slice(0, options.limit ?? Infinity);
  const perPage: PageScore[] = [];
  // As in the benchmark, a page with no predicted tokens has no precision
  // (it is left out of that mean) and zero recall.
  let sumP = 0;
  let nP = 0;
  let sumR = 0;
  let nR = 0;
  for (const f of files) {
    const id = f.replace(/\.html?(?:\.gz)?$/, '');
    const gold = truth[id]?.articleBody;
    if (gold === undefined) continue;
    const raw = readFileSync(join(htmlDir, f));
    const bytes = f.endsWith('.gz') ? gunzipSync(raw) : raw;
    let pred = '';
    let error: string | undefined;
    try {
      pred = extractHtmlBody(decodeBytes(bytes, f, true), f);
    } catch (e) {
      error = e instanceof DossierError ? e.code : String(e);
    }
    const c = counts(pred, gold, n);
    const precision = precisionOf(c);
    const recall = recallOf(c);
    if (c.tp + c.fp > 0) {
      sumP += precision;
      nP++;
    }
    if (c.tp + c.fn > 0) {
      sumR += recall;
      nR++;
    }
    perPage.push({ id, precision, recall, f1: f1Of(precision, recall), body: pred, ...(error ? { error } : {}) });
  }
  const pages = perPage.length;
  const precision = nP ? sumP / nP : 0;
  const recall = nR ? sumR / nR : 0;
  return { pages, precision, recall, f1: f1Of(precision, recall), perPage };
}
