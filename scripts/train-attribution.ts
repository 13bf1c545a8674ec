/**
 * `npm run train -- --task attribution --data ../shared/eval/polnear [--epochs N] [--seed S] [--no-dev]`
 *
 * Trains the learned attribution taggers (src/extract/attribution/learned.ts)
 * on DATA/train only (one annotator per article, as the evaluation picks:
 * the .ann whose suffix sorts first) and writes models/attribution.json and
 * models/attribution.meta.json. Training is deterministic (seeded shuffles,
 * no clock or randomness in the model). Unless --no-dev, DATA/dev is then
 * scored with the saved model (rules only, union, model modes) for the meta
 * file; dev is never trained on.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HashedPerceptron } from '../src/learn/attribution-perceptron.js';
import { findRuleAttributions, insideQuote, quoteUnits } from '../src/extract/attribution/index.js';
import { defaultContext } from '../src/pipeline/context.js';
import {
  BITS, cueContext, encodeUnit, LEARNED_FEATURES, modelFromJSON, tagArgs, tagCues, tagSpans, trainArgs, trainCues,
  type SavedAttributionModel, type UnitData,
} from '../src/extract/attribution/learned.js';
import { ruleSpansIn, type MergeMode } from '../src/extract/attribution/merge.js';
import { listArticles, parseAnn, type GoldSpan } from '../src/eval/polnear.js';
import { splitSentences } from '../src/nlp/sentences.js';
import { tokenize } from '../src/nlp/tokens.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sha256(buf: Buffer | string): string {
  return createHash('sha256').update(buf).digest('hex');
}

function rand(seed: number): () => number {
  // xorshift32, seeded; enough for shuffling the training order
  let x = (seed >>> 0) || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function shuffle<T>(a: T[], r: () => number): T[] {
  const b = a.slice();
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [b[i], b[j]] = [b[j]!, b[i]!];
  }
  return b;
}

export interface Item {
  d: UnitData;
  gc: Uint8Array;
  gs: Uint8Array;
  gt: Uint8Array;
  C: Uint8Array;
  S: Uint8Array;
}

const byLen = (desc: boolean) => (a: GoldSpan, b: GoldSpan): number => (desc ? b.end - b.start - (a.end - a.start) : a.end - a.start - (b.end - b.start)) || a.start - b.start;

interface LoadStats {
  articles: number;
  relations: number;
  units: number;
  tokens: number;
  unalignedGold: number;
  cueSpans: number;
  sourceSpans: number;
  contentSpans: number;
}

/** Encode the units of these articles with their gold tags (one layer per role). */
export function loadItems(articles: { text: string; ann: string }[], stats: LoadStats, files?: { file: string; sha256: string }[]): Item[] {
  const items: Item[] = [];
  for (const a of articles) {
    const rawBuf = readFileSync(a.text);
    const annBuf = readFileSync(a.ann);
    files?.push({ file: `${basename(dirname(a.text))}/${basename(a.text)}`, sha256: sha256(rawBuf) }, { file: `${basename(dirname(a.ann))}/${basename(a.ann)}`, sha256: sha256(annBuf) });
    const text = rawBuf.toString('utf8');
    const gold = parseAnn(annBuf.toString('utf8'));
    stats.articles++;
    stats.relations += gold.length;
    const sents = splitSentences({ text });
    const units = quoteUnits(text, sents);
    const rules = findRuleAttributions(text, sents);
    const gCue = gold.flatMap((g) => (g.Cue ? [g.Cue] : [])).sort(byLen(false));
    const gSrc = gold.flatMap((g) => (g.Source ? [g.Source] : [])).sort(byLen(false));
    const gCon = gold.flatMap((g) => (g.Content ? [g.Content] : [])).sort(byLen(true));
    for (const u of units) {
      const toks = tokenize(text, u.start, u.end);
      if (!toks.length) continue;
      const inside = (s: GoldSpan): boolean => s.start < u.end && s.end > u.start;
      const d = encodeUnit(toks, insideQuote(toks), ruleSpansIn(rules, u.start, u.end));
      const gc = new Uint8Array(d.n);
      const gs = new Uint8Array(d.n);
      const gt = new Uint8Array(d.n);
      const cues = gCue.filter(inside);
      const srcs = gSrc.filter(inside);
      const cons = gCon.filter(inside);
      stats.unalignedGold += tagSpans(toks, cues, gc) + tagSpans(toks, srcs, gs) + tagSpans(toks, cons, gt);
      stats.cueSpans += cues.length;
      stats.sourceSpans += srcs.length;
      stats.contentSpans += cons.length;
      stats.units++;
      stats.tokens += d.n;
      items.push({ d, gc, gs, gt, C: new Uint8Array(d.n), S: new Uint8Array(d.n) });
    }
  }
  return items;
}

export function newStats(): LoadStats {
  return { articles: 0, relations: 0, units: 0, tokens: 0, unalignedGold: 0, cueSpans: 0, sourceSpans: 0, contentSpans: 0 };
}

/** Train the three taggers in turn (cue → source given predicted cues → content given both). */
export function trainTaggers(items: Item[], epochs: number, seed: number, log: (s: string) => void = () => {}): { cue: HashedPerceptron; source: HashedPerceptron; content: HashedPerceptron } {
  const t0 = Date.now();
  const r = rand(seed);
  const out = new Uint8Array(4096);
  const scratchOut = (n: number): Uint8Array => (n <= out.length ? out : new Uint8Array(n));
  // 1. cues
  const cue = new HashedPerceptron(3, BITS);
  for (let e = 1; e <= epochs; e++) {
    let errs = 0;
    for (const it of shuffle(items, r)) errs += trainCues(cue, it.d, it.gc, scratchOut(it.d.n));
    log(`  cue epoch ${e}: ${errs} token errors (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  cue.average();
  for (const it of items) tagCues(cue, it.d, it.C);
  // 2. sources, given predicted cues
  const source = new HashedPerceptron(3, BITS);
  for (let e = 1; e <= epochs; e++) {
    let errs = 0;
    for (const it of shuffle(items, r)) errs += trainArgs(source, 0, it.d, it.C, cueContext(it.d, it.C), null, it.gs, scratchOut(it.d.n));
    log(`  source epoch ${e}: ${errs} token errors (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  source.average();
  for (const it of items) tagArgs(source, 0, it.d, it.C, cueContext(it.d, it.C), null, it.S);
  // 3. contents, given predicted cues and sources
  const content = new HashedPerceptron(3, BITS);
  for (let e = 1; e <= epochs; e++) {
    let errs = 0;
    for (const it of shuffle(items, r)) errs += trainArgs(content, 1, it.d, it.C, cueContext(it.d, it.C), it.S, it.gt, scratchOut(it.d.n));
    log(`  content epoch ${e}: ${errs} token errors (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  content.average();
  return { cue, source, content };
}

export async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      epochs: { type: 'string', default: '10' },
      seed: { type: 'string', default: '17' },
      prune: { type: 'string', default: '0.2' },
      'no-dev': { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, 'models', 'attribution.json') },
    },
    allowPositionals: false,
  });
  if (!values.data) throw new Error('--data DIR (the PolNeAR root holding train/, or train/ itself) is required');
  const root = resolve(values.data);
  const trainDir = existsSync(join(root, 'train', 'text')) ? join(root, 'train') : root;
  if (/(?:^|[\\/])(?:dev|test)[\\/]?$/.test(trainDir)) throw new Error(`refusing to train on ${trainDir}`);
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const prune = Number(values.prune);
  const t0 = Date.now();

  const articles = listArticles(trainDir);
  const files: { file: string; sha256: string }[] = [];
  const stats = newStats();
  const items = loadItems(articles, stats, files);
  process.stderr.write(`train: ${stats.articles} articles, ${stats.relations} relations, ${stats.units} units, ${stats.tokens} tokens (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  const { cue, source, content } = trainTaggers(items, epochs, seed, (s) => process.stderr.write(s));

  const saved: SavedAttributionModel = { features: LEARNED_FEATURES, cue: cue.toJSON(prune, 100), source: source.toJSON(prune, 100), content: content.toJSON(prune, 100) };
  const json = JSON.stringify(saved);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, json);
  const kept = { cue: saved.cue.rows.length, source: saved.source.rows.length, content: saved.content.rows.length };
  process.stderr.write(`wrote ${values.out}: ${(json.length / 1e6).toFixed(2)} MB, rows kept ${JSON.stringify(kept)}\n`);

  let dev: unknown = null;
  const devDir = join(dirname(trainDir), 'dev');
  if (!values['no-dev'] && existsSync(join(devDir, 'text'))) {
    const { runPolnear } = await import('../src/eval/polnear.js');
    const model = modelFromJSON(JSON.parse(json) as SavedAttributionModel);
    const figures: Record<string, unknown> = {};
    for (const mode of ['rules', 'union', 'model'] as const) {
      // The claims stage and the scorer both read the context's attribution options.
      const ctx = defaultContext().derive({ attribution: mode === 'rules' ? {} : { model, mode: mode as MergeMode } });
      const res = runPolnear(devDir, { ctx });
      figures[mode] = Object.fromEntries(res.rows.map((row) => [row.name, { p: round(row.precision), r: round(row.recall), f1: round(row.f1) }]));
      process.stderr.write(`dev (${mode}):\n`);
      for (const row of res.rows) process.stderr.write(`  ${row.name.padEnd(24)} P ${row.precision?.toFixed(3)} R ${row.recall?.toFixed(3)} F1 ${row.f1?.toFixed(3)}\n`);
    }
    dev = { data: devDir.startsWith(ROOT) ? devDir.slice(ROOT.length + 1) : devDir, articles: listArticles(devDir).length, figures };
  }
  const listDigest = sha256(files.map((f) => `${f.file} ${f.sha256}`).join('\n'));
  const meta = {
    task: 'attribution',
    model: 'three BIO taggers (cue → source → content), Viterbi-decoded structured averaged perceptrons over hashed features (src/learn/attribution-perceptron.ts); rules\' spans as features; merged with the rules (src/extract/attribution/merge.ts)',
    data: { dir: trainDir.startsWith(ROOT) ? trainDir.slice(ROOT.length + 1) : trainDir, annotator: 'first .ann suffix per article (as the evaluation)', ...stats, filesSha256: listDigest, files },
    settings: { epochs, seed, prune, bits: BITS, weightScale: 100, features: LEARNED_FEATURES, goldOverlap: 'one layer per role: shorter cue/source spans first, longer content spans first' },
    rowsKept: kept,
    bytes: json.length,
    trainedAt: new Date().toISOString(),
    seconds: (Date.now() - t0) / 1000,
    dev,
  };
  writeFileSync(values.out.replace(/\.json$/, '.meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

function round(x: number | undefined): number | null {
  return x === undefined ? null : Math.round(x * 1000) / 1000;
}
