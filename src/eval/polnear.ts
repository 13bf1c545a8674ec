/**
 * PolNeAR (networkdynamics/PolNeAR): attribution relations in US political
 * news, BRAT standoff. Each relation has a Source, a Cue and a Content span;
 * we score each role separately.
 *
 * Metrics (per role):
 * - exact-span P/R/F1: a predicted span counts when a gold span of the same
 *   role has exactly the same start and end (one-to-one, multiset).
 *   Discontinuous gold spans ("a b;c d") are compared by their outer extent
 *   [first start, last end].
 * - token-overlap (soft) P/R/F1: words are /[\p{L}\p{N}]+/ runs. Precision is
 *   the mean, over predicted spans, of the best share of the prediction's
 *   words that lie in one gold span; recall is the mean, over gold spans, of
 *   the best share of the gold span's words (discontinuous spans: only their
 *   fragments' words) covered by one prediction. F1 is their harmonic mean.
 *
 * Annotator choice: an article with several .ann files (suffix after the last
 * `_` names the annotator) is scored against the file whose suffix sorts
 * first (code-unit order) — deterministic, independent of our predictions.
 *
 * Offsets: articles go through intakeBuffer + runPipeline like any input.
 * When the stored text equals the raw .txt (the usual case) offsets are used
 * as they are; otherwise every stored line is located in the raw text and
 * offsets are mapped back line by line (predictions on lines that cannot be
 * located are dropped and count as misses).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findAttributions } from '../extract/attribution/index.js';
import { intakeBuffer } from '../intake/index.js';
import { DossierError, type Span } from '../model/index.js';
import { defaultContext } from '../pipeline/context.js';
import { runPipeline } from '../pipeline/stages.js';
import type { Dataset, EvalOptions, EvalResult, EvalRow } from './types.js';

export type Role = 'Source' | 'Cue' | 'Content';
export const ROLES: Role[] = ['Source', 'Cue', 'Content'];

export interface GoldSpan {
  /** Outer extent. */
  start: number;
  end: number;
  fragments: Span[];
}

export interface GoldRelation {
  Source: GoldSpan | null;
  Cue: GoldSpan | null;
  Content: GoldSpan | null;
}

export interface PredRelation {
  source: [number, number] | null;
  cue: [number, number];
  content: [number, number];
}

/** Parse one BRAT .ann file into attribution relations. */
export function parseAnn(ann: string): GoldRelation[] {
  const T = new Map<string, { type: string; span: GoldSpan }>();
  const E: string[][] = [];
  for (const line of ann.split('\n')) {
    const p = line.split('\t');
    if (p[0]?.startsWith('T') && p.length >= 2) {
      const sp = p[1]!.indexOf(' ');
      if (sp < 0) continue;
      const type = p[1]!.slice(0, sp);
      const fragments = p[1]!
        .slice(sp + 1)
        .split(';')
        .map((f) => f.trim().split(/\s+/).map(Number))
        .filter((f) => f.length === 2 && Number.isFinite(f[0]) && Number.isFinite(f[1]))
        .map(([a, b]) => ({ start: a!, end: b! }));
      if (!fragments.length) continue;
      T.set(p[0], { type, span: { start: Math.min(...fragments.map((f) => f.start)), end: Math.max(...fragments.map((f) => f.end)), fragments } });
    } else if (p[0]?.startsWith('E') && p.length >= 2) E.push(p[1]!.split(/\s+/));
  }
  const out: GoldRelation[] = [];
  for (const args of E) {
    const rel: GoldRelation = { Source: null, Cue: null, Content: null };
    let any = false;
    for (const a of args.slice(1)) {
      const [role, id] = a.split(':');
      if ((role === 'Source' || role === 'Cue' || role === 'Content') && id && T.has(id)) {
        rel[role] = T.get(id)!.span;
        any = true;
      }
    }
    if (any) out.push(rel);
  }
  return out;
}

/** The articles of a split folder (with text/ and attributions/), each with its chosen annotator file. */
export function listArticles(dir: string): { id: string; text: string; ann: string; annotator: string }[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  const anns = readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort();
  const byArticle = new Map<string, string>();
  for (const f of anns) {
    const base = f.slice(0, -4);
    const cut = base.lastIndexOf('_');
    const id = base.slice(0, cut);
    if (!byArticle.has(id)) byArticle.set(id, f); // sorted: the first suffix wins
  }
  const out: { id: string; text: string; ann: string; annotator: string }[] = [];
  for (const f of readdirSync(textDir).filter((x) => x.endsWith('.txt')).sort()) {
    const id = f.slice(0, -4);
    const ann = byArticle.get(id);
    if (!ann) continue;
    out.push({ id, text: join(textDir, f), ann: join(annDir, ann), annotator: ann.slice(ann.lastIndexOf('_') + 1, -4) });
  }
  return out;
}

/** Accept the PolNeAR root (pick dev/) or a split folder. */
export function resolveSplit(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new DossierError('E_INPUT_MISSING', 'PolNeAR data must be a folder with text/ and attributions/ (or the root holding dev/)', path);
  if (existsSync(join(path, 'text')) && existsSync(join(path, 'attributions'))) return path;
  if (existsSync(join(path, 'dev', 'text'))) return join(path, 'dev');
  throw new DossierError('E_INPUT_MISSING', 'no text/ and attributions/ folders here, nor a dev/ split', path);
}

/** Map stored-text offsets back to raw-text offsets, line by line. */
export function offsetMapper(stored: string, rawText: string): (pos: number) => number | null {
  if (stored === rawText) return (p) => p;
  // Intake turns no-break spaces into spaces; the same length, so offsets still hold once raw does too.
  const raw = rawText.replace(/\u00a0/g, ' ');
  const segs: { s: number; r: number; len: number }[] = [];
  let cursor = 0;
  let pos = 0;
  for (const line of stored.split('\n')) {
    const t = line.trim();
    if (t) {
      const lead = line.indexOf(t);
      const at = raw.indexOf(t, cursor);
      if (at >= 0) {
        segs.push({ s: pos + lead, r: at, len: t.length });
        cursor = at + t.length;
      }
    }
    pos += line.length + 1;
  }
  return (p: number) => {
    for (const g of segs) if (p >= g.s && p <= g.s + g.len) return g.r + (p - g.s);
    return null;
  };
}

const WORD = /[\p{L}\p{N}]+/gu;
function words(text: string, spans: Span[]): Set<number> {
  const out = new Set<number>();
  for (const s of spans) {
    WORD.lastIndex = 0;
    const slice = text.slice(s.start, s.end);
    let m: RegExpExecArray | null;
    while ((m = WORD.exec(slice)) !== null) out.add(s.start + m.index);
  }
  return out;
}

export interface RoleCounts {
  pred: number;
  gold: number;
  exact: number;
  softP: number;
  softR: number;
}

export function emptyCounts(): RoleCounts {
  return { pred: 0, gold: 0, exact: 0, softP: 0, softR: 0 };
}

/** Add one article's figures for one role. */
export function scoreRole(text: string, pred: Span[], gold: GoldSpan[], c: RoleCounts): void {
  c.pred += pred.length;
  c.gold += gold.length;
  const left = new Map<string, number>();
  for (const g of gold) left.set(`${g.start}:${g.end}`, (left.get(`${g.start}:${g.end}`) ?? 0) + 1);
  for (const p of pred) {
    const k = `${p.start}:${p.end}`;
    const n = left.get(k) ?? 0;
    if (n > 0) {
      c.exact++;
      left.set(k, n - 1);
    }
  }
  const pw = pred.map((p) => words(text, [p]));
  const gw = gold.map((g) => words(text, g.fragments));
  const inter = (a: Set<number>, b: Set<number>): number => {
    let n = 0;
    for (const x of a) if (b.has(x)) n++;
    return n;
  };
  for (const a of pw) {
    if (!a.size) continue;
    let best = 0;
    for (const b of gw) best = Math.max(best, inter(a, b) / a.size);
    c.softP += best;
  }
  for (const b of gw) {
    if (!b.size) continue;
    let best = 0;
    for (const a of pw) best = Math.max(best, inter(a, b) / b.size);
    c.softR += best;
  }
}

function prf(tp: number, pred: number, gold: number, name: string, support: number): EvalRow {
  const precision = pred ? tp / pred : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { name, precision, recall, f1, support };
}

function softRow(c: RoleCounts, name: string): EvalRow {
  const precision = c.pred ? c.softP / c.pred : 0;
  const recall = c.gold ? c.softR / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { name, precision, recall, f1, support: c.gold };
}

export interface Agreement {
  /** Articles with at least two .ann files. */
  articles: number;
  counts: Record<Role, RoleCounts>;
}

/**
 * How closely PolNeAR's own annotators agree, scored with the same metrics:
 * for every article of `dir` with two or more .ann files, the first file
 * (suffix order) is gold and the second is scored as if it were a system.
 * This is the ceiling a single-annotator evaluation can expect; a system
 * target above it cannot be met by agreeing with people.
 */
export function annotatorAgreement(dir: string): Agreement {
  const annDir = join(dir, 'attributions');
  const textDir = join(dir, 'text');
  const byArticle = new Map<string, string[]>();
  for (const f of readdirSync(annDir).filter((x) => x.endsWith('.ann')).sort()) {
    const id = f.slice(0, f.lastIndexOf('_'));
    const list = byArticle.get(id) ?? [];
    list.push(f);
    byArticle.set(id, list);
  }
  const counts: Record<Role, RoleCounts> = { Source: emptyCounts(), Cue: emptyCounts(), Content: emptyCounts() };
  let articles = 0;
  for (const [id, files] of byArticle) {
    if (files.length < 2 || !existsSync(join(textDir, `${id}.txt`))) continue;
    articles++;
    const text = readFileSync(join(textDir, `${id}.txt`), 'utf8');
    const gold = parseAnn(readFileSync(join(annDir, files[0]!), 'utf8'));
    const other = parseAnn(readFileSync(join(annDir, files[1]!), 'utf8'));
    for (const r of ROLES) {
      const pred = other.flatMap((g) => (g[r] ? [{ start: g[r]!.start, end: g[r]!.end }] : []));
      scoreRole(text, pred, gold.flatMap((g) => (g[r] ? [g[r]!] : [])), counts[r]);
    }
  }
  return { articles, counts };
}

function agreementNote(label: string, a: Agreement): string {
  const f = (x: number): string => x.toFixed(3);
  const parts = ROLES.map((r) => {
    const c = a.counts[r];
    const exact = prf(c.exact, c.pred, c.gold, '', 0).f1 ?? 0;
    return `${r.toLowerCase()} exact ${f(exact)}, overlap ${f(softRow(c, '').f1 ?? 0)}`;
  });
  return `human agreement (${label}: ${a.articles} articles with two annotators, one scored against the other): ${parts.join('; ')}`;
}

export function runPolnear(dataPath: string, options: EvalOptions): EvalResult {
  const t0 = Date.now();
  const dir = resolveSplit(dataPath);
  const ctx = options.ctx ?? defaultContext();
  // --model with no model file would quietly score the rules under the model's name.
  if (options.model && !ctx.attributionModel) {
    throw new DossierError('E_INPUT_MISSING', 'no learned attribution model to score; train one with npm run train -- --task attribution --data PATH', 'models/attribution.json');
  }
  let articles = listArticles(dir);
  if (options.limit) articles = articles.slice(0, options.limit);
  const counts: Record<Role, RoleCounts> = { Source: emptyCounts(), Cue: emptyCounts(), Content: emptyCounts() };
  const predictions: Record<string, PredRelation[]> = {};
  let remapped = 0;
  let dropped = 0;
  for (const a of articles) {
    const bytes = readFileSync(a.text);
    const raw = bytes.toString('utf8');
    const gold = parseAnn(readFileSync(a.ann, 'utf8'));
    let preds: PredRelation[] = [];
    try {
      const doc = intakeBuffer(bytes, a.text, 'text');
      const state = runPipeline(doc, ctx);
      const map = offsetMapper(doc.text, raw);
      if (doc.text !== raw) remapped++;
      const m = (s: Span): [number, number] | null => {
        const x = map(s.start);
        const y = map(s.end);
        return x === null || y === null || y < x ? null : [x, y];
      };
      for (const at of findAttributions(doc.text, state.ann.sentences, options.model ? { ...ctx.attribution, model: ctx.attributionModel } : ctx.attribution)) {
        const cue = m(at.cue);
        const content = m(at.content);
        if (!cue || !content) {
          dropped++;
          continue;
        }
        preds.push({ source: at.source ? m(at.source) : null, cue, content });
      }
    } catch (e) {
      if (!(e instanceof DossierError)) throw e;
      preds = [];
    }
    predictions[a.id] = preds;
    const sp = (x: [number, number]): Span => ({ start: x[0], end: x[1] });
    scoreRole(raw, preds.flatMap((p) => (p.source ? [sp(p.source)] : [])), gold.flatMap((g) => (g.Source ? [g.Source] : [])), counts.Source);
    scoreRole(raw, preds.map((p) => sp(p.cue)), gold.flatMap((g) => (g.Cue ? [g.Cue] : [])), counts.Cue);
    scoreRole(raw, preds.map((p) => sp(p.content)), gold.flatMap((g) => (g.Content ? [g.Content] : [])), counts.Content);
  }
  const rows: EvalRow[] = [];
  for (const r of ROLES) rows.push(prf(counts[r].exact, counts[r].pred, counts[r].gold, `${r.toLowerCase()} (exact)`, counts[r].gold));
  for (const r of ROLES) rows.push(softRow(counts[r], `${r.toLowerCase()} (token overlap)`));
  const all = ROLES.reduce((s, r) => ({ tp: s.tp + counts[r].exact, p: s.p + counts[r].pred, g: s.g + counts[r].gold }), { tp: 0, p: 0, g: 0 });
  return {
    dataset: 'polnear',
    data: dir,
    items: articles.length,
    rows,
    overall: prf(all.tp, all.p, all.g, 'all spans (exact, micro)', all.g),
    notes: [
      'exact: same start and end as a gold span of the role (discontinuous gold spans by outer extent); token overlap: mean best word overlap per predicted span (P) and per gold span (R)',
      'annotator: for articles with several .ann files, the one whose suffix (after the last "_") sorts first',
      `offsets: ${remapped} of ${articles.length} articles had stored text different from the .txt and were mapped back line by line; ${dropped} predictions could not be mapped and were dropped`,
      'gold relations without a Source are scored for Cue and Content only',
      options.model ? 'spans: rules and the learned model (models/attribution.json, merge mode "model")' : 'spans: the rules alone, as the claims stage uses them (--model scores the learned model)',
      ...agreementNotes(dir),
    ],
    predictions,
    seconds: (Date.now() - t0) / 1000,
  };
}

/** Agreement in this split and, when it sits beside it, in train/ (which holds most doubly annotated articles). */
function agreementNotes(dir: string): string[] {
  const out: string[] = [];
  const here = annotatorAgreement(dir);
  if (here.articles) out.push(agreementNote('this split', here));
  const train = join(dir, '..', 'train');
  if (!dir.replace(/(?<![\\/])[\\/]+$/, '').endsWith('train') && existsSync(join(train, 'attributions')) && existsSync(join(train, 'text'))) {
    const t = annotatorAgreement(train);
    if (t.articles) out.push(agreementNote('train/', t));
  }
  return out;
}

export const POLNEAR: Dataset = {
  name: 'polnear',
  input: 'folder',
  description: 'PolNeAR attribution relations (Source, Cue, Content spans) in US political news, BRAT standoff',
  run: runPolnear,
};
