/**
 * `npm run train -- --task place-weights --data ../shared/eval/acled [--cv] [--out DIR]`
 *
 * Learns the place resolver's weights (src/nlp/gazetteer/scoring.ts) from ACLED train by distant
 * supervision. Each note goes through the pipeline with the hand weights; for each name the
 * resolver settles among two or more readings, the features of its readings in that round are
 * kept. Where exactly one reading is the row's coded place (its name is the coded location, admin2
 * or admin1 and its country the coded country, or it lies within MATCH_KM of the coded point), that
 * reading is the right one. A conditional logit pulled toward the hand weights
 * (src/nlp/gazetteer/place-train.ts) is fitted to these choices.
 *
 * Cross-validation leaves one source_dataset out at a time:
 *   1. the L2 strength (L2_GRID) by the held-out accuracy of the chosen reading on aligned names;
 *   2. features whose learning does not help that accuracy keep their hand weight (frozen);
 *   3. with those settings, the pipeline's country / admin1 / location on the held-out dataset's
 *      notes, learned vs hand. The learned weights are used only when they win there, pooled.
 *
 * Writes models/place-weights.json (use, weights) and models/place-weights.meta.json (data file,
 * sha256, settings, CV figures). `--cv` prints the figures and writes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countryCoder, normaliseAcled, predictAcled, sumFieldHits, tallyFields, type AcledField, type FieldHits } from '../src/eval/acled.js';
import { csvRecords } from '../src/eval/gtd-csv.js';
import type { PlaceDecision } from '../src/nlp/gazetteer/place-weights.js';
import { defaultContext } from '../src/pipeline/context.js';
import { choiceAccuracy, fitConditionalLogit, LOGIT_DEFAULTS, type ChoiceItem, type LogitSettings } from '../src/nlp/gazetteer/place-train.js';
import { haversineKm } from '../src/nlp/gazetteer/resolve.js';
import { FEATURES, handWeights } from '../src/nlp/gazetteer/scoring.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A reading within this distance of the coded point is the coded place. */
const MATCH_KM = 10;
/** L2 strengths compared by cross-validation (penalty on the distance from the hand weights). */
const L2_GRID = [0.001, 0.01, 0.1, 1];
/** Pipeline fields compared, learned vs hand, on held-out notes. */
const PLACE_FIELDS: readonly AcledField[] = ['country', 'admin1', 'admin2', 'location', 'location_10km'];
/** Fields whose pooled sum decides learned vs hand. */
const DECIDING_FIELDS: readonly AcledField[] = ['country', 'admin1', 'location'];

type Row = Record<string, string>;
interface Aligned extends ChoiceItem {
  dataset: string;
}
type Hits = FieldHits;

const report = (s: string): void => void process.stderr.write(`${s}\n`);


/**
 * Index of the one reading that is the row's coded place, or -1 (none, or more than one). Where
 * several readings match (a town and the district named after it, two hamlets near the coded
 * point), the one named as the coded location and within MATCH_KM of the coded point, if only one is.
 */
export function codedReading(d: PlaceDecision, row: Row, cc: string): number {
  const names = new Set([row.location, row.admin2, row.admin1].map(normaliseAcled).filter((x) => x !== ''));
  const location = normaliseAcled(row.location);
  const lat = Number(row.latitude);
  const lon = Number(row.longitude);
  const hasPoint = (row.latitude ?? '') !== '' && Number.isFinite(lat) && Number.isFinite(lon);
  const near = (c: PlaceDecision['cands'][number]): boolean => hasPoint && c.lat !== null && c.lon !== null && haversineKm(c.lat, c.lon, lat, lon) <= MATCH_KM;
  const hits = d.cands.flatMap((c, j) => ((names.has(normaliseAcled(c.name)) && c.countryCode === cc) || near(c) ? [j] : []));
  if (hits.length === 1) return hits[0]!;
  const strict = hits.filter((j) => normaliseAcled(d.cands[j]!.name) === location && near(d.cands[j]!));
  return strict.length === 1 ? strict[0]! : -1;
}

/** Runs the pipeline on rows; per dataset, the place fields it gets right; the resolver's decisions when `record`. */
function runRows(rows: Row[], record: boolean, weights: Float64Array): { hits: Map<string, Hits>; aligned: Aligned[]; decisions: { all: number; none: number; several: number } } {
  const code = countryCoder();
  const hits = new Map<string, Hits>();
  const aligned: Aligned[] = [];
  const counts = { all: 0, none: 0, several: 0 };
  let decisions: PlaceDecision[] = [];
  // The weights and the recorder go in a context derived from the default one: the gazetteer and the
  // other models load once for every fold.
  const ctx = defaultContext().derive({ placeWeights: weights, ...(record ? { placeRecorder: (d: PlaceDecision) => decisions.push(d) } : {}) });
  for (const row of rows) {
    decisions = [];
    const p = predictAcled(row.notes ?? '', row.event_id_cnty ?? '', row.event_date ?? '', ctx);
    const ds = row.source_dataset || 'unknown';
    tallyFields(hits, ds, PLACE_FIELDS, row, p, code);
    const cc = code(row.country ?? '');
    for (const d of decisions) {
      const positive = codedReading(d, row, cc);
      counts.all++;
      if (positive === -1) counts[d.cands.some((c) => codedReading({ ...d, cands: [c] }, row, cc) === 0) ? 'several' : 'none']++;
      if (positive >= 0) aligned.push({ dataset: ds, features: d.features, positive });
    }
  }
  return { hits, aligned, decisions: counts };
}

interface FitPlan {
  settings: LogitSettings;
  frozen: Set<number>;
}

/** Leave-one-dataset-out accuracy of the chosen reading, per held-out dataset and pooled. */
function choiceCV(items: Aligned[], datasets: string[], plan: FitPlan | null): { per: Record<string, number>; right: number; n: number } {
  const per: Record<string, number> = {};
  let right = 0;
  let n = 0;
  for (const ds of datasets) {
    const test = items.filter((x) => x.dataset === ds);
    const w = plan ? fitConditionalLogit(items.filter((x) => x.dataset !== ds), handWeights(), plan.settings, plan.frozen) : handWeights();
    const a = choiceAccuracy(test, w);
    per[ds] = a.n ? a.right / a.n : 0;
    right += a.right;
    n += a.n;
  }
  return { per, right, n };
}

/** The L2 strength with the best pooled held-out accuracy, then features frozen at their hand weight where that does not hurt. */
function choosePlan(items: Aligned[], datasets: string[]): { plan: FitPlan; trace: string[] } {
  const trace: string[] = [];
  let best: { plan: FitPlan; right: number } | null = null;
  for (const l2 of L2_GRID) {
    const plan = { settings: { ...LOGIT_DEFAULTS, l2 }, frozen: new Set<number>() };
    const cv = choiceCV(items, datasets, plan);
    trace.push(`l2 ${l2}: held-out reading accuracy ${(cv.right / cv.n).toFixed(4)} (${cv.right}/${cv.n})`);
    // Ties go to the stronger pull toward the hand weights (later in the grid).
    if (!best || cv.right >= best.right) best = { plan, right: cv.right };
  }
  const plan = best!.plan;
  let right = best!.right;
  FEATURES.forEach((name, i) => {
    const frozen = new Set([...plan.frozen, i]);
    const cv = choiceCV(items, datasets, { settings: plan.settings, frozen });
    // A feature keeps its hand weight where learning it hurts the held-out accuracy.
    if (cv.right > right) {
      plan.frozen = frozen;
      right = cv.right;
      trace.push(`${name}: kept at its hand weight (held-out accuracy ${(cv.right / cv.n).toFixed(4)})`);
    }
  });
  return { plan, trace };
}

function rate(h: { right: number; n: number } | undefined): number {
  return h && h.n ? h.right / h.n : 0;
}

function pooled(hits: Map<string, Hits>): Hits {
  return sumFieldHits(hits.values(), PLACE_FIELDS);
}

/** The pipeline's place fields on each held-out dataset's notes, with weights fitted without it. */
function pipelineCV(rows: Row[], items: Aligned[], datasets: string[], plan: FitPlan): Map<string, Hits> {
  const out = new Map<string, Hits>();
  for (const ds of datasets) {
    const weights = fitConditionalLogit(items.filter((x) => x.dataset !== ds), handWeights(), plan.settings, plan.frozen);
    const r = runRows(rows.filter((x) => (x.source_dataset || 'unknown') === ds), false, weights);
    for (const [k, v] of r.hits) out.set(k, v);
  }
  return out;
}

function table(datasets: string[], hand: Map<string, Hits>, learned: Map<string, Hits>, handChoice: Record<string, number>, learnedChoice: Record<string, number>): string[] {
  const cols = ['reading', ...PLACE_FIELDS];
  const lines = [`held out              ${cols.map((c) => c.padStart(22)).join('')}`];
  const cell = (a: number, b: number): string => `${a.toFixed(3)} → ${b.toFixed(3)}`.padStart(22);
  const row = (name: string, h: Hits, l: Hits, hc: number, lc: number): string =>
    `${name.padEnd(22)}${cell(hc, lc)}${PLACE_FIELDS.map((f) => cell(rate(h[f]), rate(l[f]))).join('')}`;
  for (const ds of datasets) lines.push(row(ds, hand.get(ds)!, learned.get(ds)!, handChoice[ds] ?? 0, learnedChoice[ds] ?? 0));
  return lines;
}

export async function train(args: string[]): Promise<void> {
  const d = args.indexOf('--data');
  const dir = resolve(d >= 0 ? args[d + 1]! : join(ROOT, '..', 'shared', 'eval', 'acled'));
  const file = statSync(dir).isDirectory() ? join(dir, 'train.csv') : dir;
  const o = args.indexOf('--out');
  const outDir = resolve(o >= 0 ? args[o + 1]! : join(ROOT, 'models'));
  const bytes = readFileSync(file);
  const rows = csvRecords(bytes.toString('utf8')).filter((r) => (r.notes ?? '').trim() !== '');
  const base = runRows(rows, true, handWeights());
  const items = base.aligned;
  const datasets = [...new Set(rows.map((r) => r.source_dataset || 'unknown'))].sort();
  const dc = base.decisions;
  report(`${rows.length} notes, ${dc.all} names settled among ≥ 2 readings: ${items.length} with one coded reading, ${dc.none} with none, ${dc.several} with several`);
  const { plan, trace } = choosePlan(items, datasets);
  for (const t of trace) report(t);
  const handChoice = choiceCV(items, datasets, null);
  const learnedChoice = choiceCV(items, datasets, plan);
  const learnedHits = pipelineCV(rows, items, datasets, plan);
  const ph = pooled(base.hits);
  const pl = pooled(learnedHits);
  const lines = table(datasets, base.hits, learnedHits, handChoice.per, learnedChoice.per);
  const pooledRow = new Map([['pooled', ph]]);
  lines.push(...table(['pooled'], pooledRow, new Map([['pooled', pl]]), { pooled: handChoice.right / handChoice.n }, { pooled: learnedChoice.right / learnedChoice.n }).slice(1));
  for (const l of lines) report(l);
  const gain = DECIDING_FIELDS.reduce((s, f) => s + pl[f]!.right - ph[f]!.right, 0);
  const use = gain > 0 && learnedChoice.right >= handChoice.right ? 'learned' : 'hand';
  report(`decision: ${use} (pooled ${DECIDING_FIELDS.join('+')} hits ${gain >= 0 ? '+' : ''}${gain}; reading ${handChoice.right} → ${learnedChoice.right} of ${handChoice.n})`);
  if (args.includes('--cv')) return;
  const w = fitConditionalLogit(items, handWeights(), plan.settings, plan.frozen);
  const weights = Object.fromEntries(FEATURES.map((n, i) => [n, Number(w[i]!.toFixed(6))]));
  const hand = Object.fromEntries(FEATURES.map((n, i) => [n, handWeights()[i]!]));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'place-weights.json'), `${JSON.stringify({ use, weights }, null, 1)}\n`);
  const meta = {
    task: 'place-weights',
    trained: new Date().toISOString().slice(0, 10),
    data: { decisions: base.decisions, file: file.replace(`${resolve(ROOT, '..')}/`, '../'), sha256: createHash('sha256').update(bytes).digest('hex'), rows: rows.length, aligned: items.length },
    settings: { ...plan.settings, frozen: [...plan.frozen].map((i) => FEATURES[i]), l2Grid: L2_GRID, matchKm: MATCH_KM, objective: 'conditional logit, L2 toward the hand weights, Newton' },
    hand,
    cv: { folds: 'leave one source_dataset out', trace, table: lines, decision: use, deciding: DECIDING_FIELDS, gain },
  };
  writeFileSync(join(outDir, 'place-weights.meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
  report(`wrote ${join(outDir, 'place-weights.json')} (use: ${use})`);
}
