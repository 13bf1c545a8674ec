/**
 * Our own claims gold set (data/gold/claims): short reports written for the
 * project, with gold.json listing, per file, the claims (anchor words, kind,
 * source, modality, targets) and quotes (anchor words, speaker).
 *
 * Matching: a predicted claim matches a gold claim when the gold anchor lies
 * in the same sentence as the prediction's cue (or content start); each gold
 * claim matches at most one prediction. Field scores: precision = predicted
 * claims whose field is right / all predicted claims; recall = gold claims
 * whose field is right / all gold claims. Source names compare
 * case-insensitively, without a leading "the" and the "*" of markup, and
 * count when one contains the other. Targets: each gold target name found in
 * a matched prediction's targets is a hit (recall over gold target names,
 * precision over predicted target names).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { intakeBuffer } from '../intake/index.js';
import { DossierError, type Claim, type Quote } from '../model/index.js';
import { runPipeline } from '../pipeline/stages.js';
import type { Dataset, EvalOptions, EvalResult, EvalRow } from './types.js';

interface GoldClaim {
  anchor: string;
  kind: string;
  source: string;
  modality: string;
  targets: string[];
}
interface GoldDoc {
  claims: GoldClaim[];
  quotes: { anchor: string; speaker: string }[];
}

export function sameName(a: string, b: string): boolean {
  const n = (x: string): string => x.toLowerCase().replace(/\*/g, '').replace(/^(?:the|a|an)\s+/, '').trim();
  const x = n(a);
  const y = n(b);
  return !!x && !!y && (x === y || x.includes(y) || y.includes(x));
}

function row(name: string, tpP: number, nP: number, tpR: number, nR: number): EvalRow {
  const precision = nP ? tpP / nP : 0;
  const recall = nR ? tpR / nR : 0;
  return { name, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: nR };
}

/** The counts the claims eval keeps across documents. */
type ClaimCounts = Record<'pred' | 'gold' | 'matched' | 'source' | 'kind' | 'modality' | 'tPred' | 'tGold' | 'tHitR' | 'tHitP' | 'qPred' | 'qGold' | 'qMatched' | 'qSpeaker', number>;

/** The gold file and the folder its documents are in. */
function readClaimsGold(dataPath: string): { gold: Record<string, GoldDoc>; dir: string } {
  const goldPath = statSync(dataPath).isDirectory() ? join(dataPath, 'gold.json') : dataPath;
  const dir = statSync(dataPath).isDirectory() ? dataPath : join(dataPath, '..');
  try {
    return { gold: JSON.parse(readFileSync(goldPath, 'utf8')) as Record<string, GoldDoc>, dir };
  } catch (e) {
    throw new DossierError('E_INPUT_MISSING', `cannot read the claims gold file (${(e as Error).message})`, goldPath);
  }
}

/** Match one document's gold claims to predicted ones (same sentence) and count the fields right. */
function scoreDocClaims(f: string, g: GoldDoc, st: ReturnType<typeof runPipeline>, text: string, c: ClaimCounts, errors: string[]): void {
  const sentOf = (pos: number): number => st.ann.sentences.findIndex((s) => s.start <= pos && pos < s.end);
  c.pred += st.claims.length;
  c.gold += g.claims.length;
  c.tPred += st.claims.reduce((n, x) => n + x.targets.length, 0);
  const used = new Set<Claim>();
  for (const gc of g.claims) {
    c.tGold += gc.targets.length;
    const at = text.indexOf(gc.anchor);
    if (at < 0) {
      errors.push(`${f}: anchor not found: ${gc.anchor}`);
      continue;
    }
    const si = sentOf(at);
    const p = st.claims.find((x) => !used.has(x) && sentOf(x.cue?.start ?? x.content.start) === si) ?? st.claims.find((x) => !used.has(x) && sentOf(x.content.start) === si);
    if (!p) {
      errors.push(`${f}: missed ${gc.kind} by ${gc.source} (${gc.anchor})`);
      continue;
    }
    used.add(p);
    c.matched++;
    if (sameName(p.source.value.name, gc.source)) c.source++;
    else errors.push(`${f}: source ${p.source.value.name} ≠ ${gc.source}`);
    if (p.kind.value === gc.kind) c.kind++;
    else errors.push(`${f}: kind ${p.kind.value} ≠ ${gc.kind} (${gc.anchor})`);
    if (p.modality.value === gc.modality) c.modality++;
    else errors.push(`${f}: modality ${p.modality.value} ≠ ${gc.modality} (${gc.anchor})`);
    for (const t of gc.targets) if (p.targets.some((x) => sameName(x.value.name, t))) c.tHitR++;
    for (const x of p.targets) if (gc.targets.some((t) => sameName(x.value.name, t))) c.tHitP++;
  }
  for (const x of st.claims) if (!used.has(x)) errors.push(`${f}: extra ${x.kind.value} by ${x.source.value.name}: ${text.slice(x.content.start, x.content.end).slice(0, 60)}`);
}

/** Match one document's gold quotes to predicted ones (the quote holds the anchor) and count speakers right. */
function scoreDocQuotes(f: string, g: GoldDoc, st: ReturnType<typeof runPipeline>, text: string, c: ClaimCounts, errors: string[]): void {
  c.qPred += st.quotes.length;
  c.qGold += g.quotes.length;
  const qUsed = new Set<Quote>();
  for (const gq of g.quotes) {
    const at = text.indexOf(gq.anchor);
    const q = st.quotes.find((x) => !qUsed.has(x) && x.text.start <= at && at < x.text.end);
    if (!q) {
      errors.push(`${f}: missed quote ${gq.anchor}`);
      continue;
    }
    qUsed.add(q);
    c.qMatched++;
    if (sameName(q.speaker.value.name, gq.speaker)) c.qSpeaker++;
    else errors.push(`${f}: quote speaker ${q.speaker.value.name} ≠ ${gq.speaker}`);
  }
}

export function runClaims(dataPath: string, options: EvalOptions): EvalResult {
  const t0 = Date.now();
  const { gold, dir } = readClaimsGold(dataPath);
  let files = Object.keys(gold).sort();
  if (options.limit) files = files.slice(0, options.limit);
  const c: ClaimCounts = { pred: 0, gold: 0, matched: 0, source: 0, kind: 0, modality: 0, tPred: 0, tGold: 0, tHitR: 0, tHitP: 0, qPred: 0, qGold: 0, qMatched: 0, qSpeaker: 0 };
  const errors: string[] = [];
  const predictions: Record<string, unknown> = {};
  for (const f of files) {
    const g = gold[f]!;
    const doc = intakeBuffer(readFileSync(join(dir, f)), f, 'text');
    const st = runPipeline(doc, options.ctx);
    const text = doc.text;
    predictions[f] = {
      claims: st.claims.map((x) => ({ kind: x.kind.value, source: x.source.value.name, modality: x.modality.value, targets: x.targets.map((t) => t.value.name), content: text.slice(x.content.start, x.content.end) })),
      quotes: st.quotes.map((q) => ({ speaker: q.speaker.value.name, text: text.slice(q.text.start, q.text.end) })),
    };
    scoreDocClaims(f, g, st, text, c, errors);
    scoreDocQuotes(f, g, st, text, c, errors);
  }
  const rows: EvalRow[] = [
    row('claim found', c.matched, c.pred, c.matched, c.gold),
    row('source', c.source, c.pred, c.source, c.gold),
    row('kind', c.kind, c.pred, c.kind, c.gold),
    row('modality', c.modality, c.pred, c.modality, c.gold),
    row('target', c.tHitP, c.tPred, c.tHitR, c.tGold),
    row('quote found', c.qMatched, c.qPred, c.qMatched, c.qGold),
    row('quote speaker', c.qSpeaker, c.qPred, c.qSpeaker, c.qGold),
  ];
  return {
    dataset: 'claims',
    data: dataPath,
    items: files.length,
    rows,
    overall: row('claims: source+kind+modality all right', Math.min(c.source, c.kind, c.modality), c.pred, Math.min(c.source, c.kind, c.modality), c.gold),
    notes: [
      'a prediction matches a gold claim in the same sentence; field P = right / predicted claims, R = right / gold claims',
      'overall uses the weakest of the three field counts (a conservative joint figure)',
      ...errors.slice(0, 60),
    ],
    predictions,
    seconds: (Date.now() - t0) / 1000,
  };
}

export const CLAIMS: Dataset = {
  name: 'claims',
  input: 'either',
  description: "Dossier's own gold set of claims and quotes (data/gold/claims)",
  run: runClaims,
};
