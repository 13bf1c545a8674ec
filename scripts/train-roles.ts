/**
 * `npm run train -- --task roles --data ../shared/eval/muc4 [--epochs N] [--seed S] [--dev]`
 *
 * Trains the role tagger (src/nlp/roles) on DATA/train.jsonl only and writes
 * models/roles.json plus models/roles.meta.json. BIO labels come from the
 * gold mentions' offsets (checked against the text); every other occurrence
 * of a gold mention string in the same document is labelled too, since the
 * MUC-4 answer keys give only the first occurrence. `--dev` scores
 * DATA/dev.jsonl afterwards with the saved model, for the meta file; dev is
 * never trained on.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SequenceTagger, type SavedTagger, type TrainSequence } from '../src/learn/perceptron.js';
import { splitSentences } from '../src/nlp/sentences.js';
import { buildVocab, FEATURE_VERSION, findRoles, lowerSameLength, sentenceTokens, tokenFeatures } from '../src/nlp/roles/index.js';
import { defaultContext } from '../src/pipeline/context.js';
import { clusterFillers, goldEntities } from '../src/eval/muc4.js';
import { scoreCeafRee, type RoleEntities } from '../src/eval/ceaf.js';
import { rng } from '../src/learn/perceptron.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROLES = ['PerpInd', 'PerpOrg', 'Target', 'Victim', 'Weapon'] as const;

interface MucDoc {
  docid: string;
  doctext: string;
  extracts: Record<string, [string, number][][]>;
}

export function readMuc(path: string): MucDoc[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as MucDoc);
}

interface GoldSpan {
  start: number;
  end: number;
  role: string;
}

/** Gold spans of a document: the given offsets, then other occurrences of the same strings; no overlaps (longer first). */
export function goldSpans(d: MucDoc, stats: { checked: number; mismatched: number }): GoldSpan[] {
  const cands: GoldSpan[] = [];
  const lower = lowerSameLength(d.doctext);
  for (const role of ROLES) {
    for (const ent of d.extracts[role] ?? []) {
      for (const [m, off] of ent) {
        stats.checked++;
        if (d.doctext.slice(off, off + m.length) !== m) {
          stats.mismatched++;
          continue;
        }
        cands.push({ start: off, end: off + m.length, role });
        const needle = lowerSameLength(m);
        for (let k = lower.indexOf(needle); k >= 0; k = lower.indexOf(needle, k + 1)) {
          if (k === off) continue;
          const before = k > 0 ? lower[k - 1]! : ' ';
          const after = lower[k + needle.length] ?? ' ';
          if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
          cands.push({ start: k, end: k + needle.length, role });
        }
      }
    }
  }
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: GoldSpan[] = [];
  for (const c of cands) if (!taken.some((t) => c.start < t.end && t.start < c.end)) taken.push(c);
  return taken.sort((a, b) => a.start - b.start);
}

/** One training sequence per sentence, labels BIO from the gold spans (token-aligned). */
export function docSequences(d: MucDoc, spans: GoldSpan[], counts: { unaligned: number }, vocab: ReadonlyMap<string, string> | null): TrainSequence[] {
  const lower = lowerSameLength(d.doctext);
  const out: TrainSequence[] = [];
  for (const s of splitSentences({ text: d.doctext })) {
    const { tokens, words } = sentenceTokens(lower, s.start, s.end);
    if (!tokens.length) continue;
    const labels = tokens.map(() => 'O');
    for (const g of spans) {
      if (g.end <= s.start || g.start >= s.end) continue;
      const inside = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.start >= g.start && t.end <= g.end);
      if (!inside.length || inside[0]![0].start !== g.start || inside[inside.length - 1]![0].end !== g.end) {
        counts.unaligned++;
        continue;
      }
      inside.forEach(([, i], k) => (labels[i] = `${k === 0 ? 'B' : 'I'}-${g.role}`));
    }
    out.push({ feats: tokenFeatures(words, s.index, vocab), labels });
  }
  return out;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      epochs: { type: 'string', default: '8' },
      seed: { type: 'string', default: '13' },
      'min-count': { type: 'string', default: '2' },
      'o-bias': { type: 'string' },
      'tune-fraction': { type: 'string', default: '0.15' },
      prune: { type: 'string', default: '0.1' },
      dev: { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, 'models', 'roles.json') },
    },
    allowPositionals: false,
  });
  if (!values.data) throw new Error('--data DIR (holding train.jsonl) is required');
  const dataDir = resolve(values.data);
  const trainPath = existsSync(dataDir) && statSync(dataDir).isFile() ? dataDir : join(dataDir, 'train.jsonl');
  if (/dev\.jsonl$|test\.jsonl$/.test(trainPath)) throw new Error(`refusing to train on ${trainPath}`);
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const minCount = Number(values['min-count']);
  const prune = Number(values.prune);

  const docs = readMuc(trainPath);
  const stats = { checked: 0, mismatched: 0 };
  const counts = { unaligned: 0 };
  // Word frequency classes from train.jsonl (the tokens the tagger sees).
  const vocabObj = buildVocab(docs.flatMap((d) => sentenceTokens(lowerSameLength(d.doctext), 0, d.doctext.length).words));
  const vocab = new Map(Object.entries(vocabObj));
  const perDoc = docs.map((d) => {
    const spans = goldSpans(d, stats);
    return { d, spans, seqs: docSequences(d, spans, counts, vocab) };
  });
  const seqs = perDoc.flatMap((x) => x.seqs);
  const spansTotal = perDoc.reduce((a, x) => a + x.spans.length, 0);
  if (stats.mismatched) process.stderr.write(`warning: ${stats.mismatched}/${stats.checked} gold offsets do not match the text\n`);
  const tokens = seqs.reduce((a, s) => a + s.labels.length, 0);
  process.stderr.write(`train: ${docs.length} docs, ${seqs.length} sentences, ${tokens} tokens, ${spansTotal} labelled spans (${counts.unaligned} not token-aligned)\n`);
  const t0 = Date.now();
  const log = (e: number, errs: number): void => void process.stderr.write(`  epoch ${e}: ${errs} sentences with errors (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);

  // Decoding bias on "O": chosen on a seeded held-out part of train.jsonl
  // (never dev), then the final model is trained on all of train.jsonl.
  let oBias = values['o-bias'] === undefined ? NaN : Number(values['o-bias']);
  let tuning: unknown = null;
  if (Number.isNaN(oBias)) {
    const rand = rng(seed + 1);
    const held = new Set(docs.map((_, i) => i).filter(() => rand() < Number(values['tune-fraction'])));
    // The held-out documents must not shape the vocabulary either.
    const partVocabObj = buildVocab(docs.filter((_, i) => !held.has(i)).flatMap((d) => sentenceTokens(lowerSameLength(d.doctext), 0, d.doctext.length).words));
    const partVocab = new Map(Object.entries(partVocabObj));
    const part = SequenceTagger.train(perDoc.filter((_, i) => !held.has(i)).flatMap((x) => docSequences(x.d, x.spans, { unaligned: 0 }, partVocab)), { epochs, seed, minCount, onEpoch: log });
    part.extra = { vocab: partVocabObj };
    const heldDocs = docs.filter((_, i) => held.has(i));
    const golds: Record<string, RoleEntities> = Object.fromEntries(heldDocs.map((d) => [d.docid, goldEntities(d)]));
    const grid: { bias: number; p: number; r: number; f1: number }[] = [];
    for (let b = 0; b >= -12; b -= 1) {
      part.setBias('O', b);
      const preds: Record<string, RoleEntities> = {};
      for (const d of heldDocs) {
        const roles = findRoles(d.doctext, splitSentences({ text: d.doctext }), part);
        preds[d.docid] = clusterFillers(roles.map((r) => ({ role: r.role, text: r.text, start: r.start })), 'one');
      }
      const m = scoreCeafRee(golds, preds).micro;
      grid.push({ bias: b, p: m.precision, r: m.recall, f1: m.f1 });
      process.stderr.write(`  held-out (${heldDocs.length} docs) O bias ${b}: P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)}\n`);
    }
    oBias = grid.reduce((a, b) => (b.f1 > a.f1 ? b : a)).bias;
    tuning = { heldOutDocs: heldDocs.length, grid };
  }
  const tagger = SequenceTagger.train(seqs, { epochs, seed, minCount, onEpoch: log });
  tagger.setBias('O', oBias);
  tagger.extra = { vocab: vocabObj };
  const saved = tagger.toJSON(prune, 2);
  const json = JSON.stringify(saved);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, json);
  process.stderr.write(`wrote ${values.out}: ${(json.length / 1e6).toFixed(2)} MB, ${Object.keys(saved.weights).length} of ${tagger.featureCount} features kept\n`);

  let dev: unknown = null;
  const devPath = join(dirname(trainPath), 'dev.jsonl');
  if (values.dev && existsSync(devPath)) {
    // The new tagger in a context of its own; the other models are the shipped ones.
    const ctx = defaultContext().derive({ roleTagger: SequenceTagger.fromJSON(JSON.parse(json) as SavedTagger) });
    const { MUC4 } = await import('../src/eval/muc4.js');
    const r = await MUC4.run(devPath, { ctx });
    dev = { data: devPath, sha256: sha256(devPath), rows: r.rows, overall: r.overall };
    process.stderr.write(`dev micro CEAF-REE: P ${r.overall.precision?.toFixed(3)} R ${r.overall.recall?.toFixed(3)} F1 ${r.overall.f1?.toFixed(3)}\n`);
    for (const row of r.rows) process.stderr.write(`  ${row.name.padEnd(8)} P ${row.precision?.toFixed(3)} R ${row.recall?.toFixed(3)} F1 ${row.f1?.toFixed(3)} (${row.support})\n`);
  }
  const meta = {
    task: 'roles',
    model: 'structured averaged perceptron, first-order BIO transitions, Viterbi (src/learn/perceptron.ts)',
    data: { file: trainPath.startsWith(ROOT) ? trainPath.slice(ROOT.length + 1) : trainPath, sha256: sha256(trainPath), documents: docs.length, sentences: seqs.length, tokens, labelledSpans: spansTotal, unalignedSpans: counts.unaligned, goldOffsetsChecked: stats.checked, goldOffsetsMismatched: stats.mismatched },
    labels: saved.labels,
    settings: { epochs, seed, minCount, prune, roundDigits: 2, features: FEATURE_VERSION, labelAllOccurrences: true, oBias },
    tuning,
    features: { seen: tagger.featureCount, kept: Object.keys(saved.weights).length },
    bytes: json.length,
    trainedAt: new Date().toISOString(),
    dev,
  };
  writeFileSync(values.out.replace(/\.json$/, '.meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}
