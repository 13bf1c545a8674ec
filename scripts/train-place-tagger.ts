/**
 * `npm run train -- --task place-tagger --data ../shared/eval/acled [--cv] [--out DIR]`
 *
 * Learns which capitalised runs are PLACE mentions (src/nlp/place-tagger.ts) from ACLED train by
 * distant supervision. Each note goes through the pipeline with the rules; every run the tagger may
 * decide (typed PLACE by the rules, or known to the gazetteer; not a demonym or a country) is seen.
 * A run is a place when its text (lower case, no accents) is the row's coded location, admin2 or
 * admin1, or lies inside one of them or holds one as whole words; it is not a place when it is none
 * of these and no gazetteer reading of it lies in the row's country (a place of the same country the
 * row does not code is likely a place still: left out). A logistic regression (src/learn/sgd.ts,
 * seeded) is fitted to these.
 *
 * Cross-validation leaves one source_dataset out at a time and compares the rules, the model
 * (`model`) and the rules unless the model is at least SURE the other way (`combined`): on the
 * aligned runs (accuracy, precision and recall of PLACE) and on the pipeline's country / admin1 /
 * location for the held-out dataset's notes. The mode with the most pooled country+admin1+location
 * hits is used, the rules unless another beats them by MIN_GAIN of their hits.
 *
 * Writes models/place-tagger.json (use, sure, model) and models/place-tagger.meta.json (data file,
 * sha256, settings, CV table, decision). `--cv` prints the figures and writes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countryCoder, normaliseAcled, predictAcled, sumFieldHits, tallyFields, type AcledField, type FieldHits } from '../src/eval/acled.js';
import { csvRecords } from '../src/eval/gtd-csv.js';
import { fitPlaceTagger, PLACE_TAGGER_LABELS as LABELS, PLACE_TAGGER_SETTINGS as SETTINGS, type PlaceTaggerItem } from '../src/nlp/place-tagger-train.js';
import { featuresProbability, placeFeatures, type PlaceTagger, type PlaceTaggerMode, type TaggedRun } from '../src/nlp/place-tagger.js';
import { defaultContext } from '../src/pipeline/context.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** In `combined`, the probability the model needs to overrule the rules. */
const SURE = 0.9;
const PLACE_FIELDS: readonly AcledField[] = ['country', 'admin1', 'location'];
const MODES: readonly PlaceTaggerMode[] = ['rules', 'model', 'combined'];
/**
 * The share of the rules' pooled hits a learned mode must gain to be used. The labels are distant and
 * noisy (most "not a place" runs are real places abroad: London, New York, Abuja in a Benin note), so a
 * small gain on ACLED need not hold elsewhere: in the first training `combined` gained 45 of 23,685
 * hits (0.19%) in CV yet lost "New York City" on GTD dev and merge-corpus B-cubed recall (1.000 → 0.929).
 */
const MIN_GAIN = 0.005;

type Row = Record<string, string>;
interface Aligned extends PlaceTaggerItem {
  dataset: string;
  rule: boolean;
}
type Hits = FieldHits;
interface Confusion { tp: number; fp: number; fn: number; tn: number }

const report = (s: string): void => void process.stderr.write(`${s}\n`);


const wholeWords = (outer: string, inner: string): boolean => ` ${outer} `.includes(` ${inner} `);

/** PLACE, OTHER, or null (left out) for a run of a row's note. */
export function runLabel(r: TaggedRun, row: Row, cc: string): 'PLACE' | 'OTHER' | null {
  const t = normaliseAcled(r.text);
  if (!t) return null;
  const names = [row.location, row.admin2, row.admin1].map(normaliseAcled).filter((x) => x !== '');
  if (names.some((n) => n === t || wholeWords(n, t) || wholeWords(t, n))) return 'PLACE';
  return r.readings.every((c) => c.countryCode !== cc) ? 'OTHER' : null;
}

/** The tagger of the rules alone: the baseline every mode is compared with. */
const RULES: Omit<PlaceTagger, 'recorder'> = { mode: 'rules', sure: 1, model: null };

/**
 * Runs the pipeline, with this tagger, on rows; per dataset, the place fields it gets right; the aligned
 * runs when `record`. The tagger and the recorder go in a context derived from the default one, so the
 * gazetteer and the other models load once for every fold.
 */
function runRows(rows: Row[], record: boolean, tagger: Omit<PlaceTagger, 'recorder'>): { hits: Map<string, Hits>; aligned: Aligned[] } {
  const code = countryCoder();
  const hits = new Map<string, Hits>();
  const aligned: Aligned[] = [];
  let runs: TaggedRun[] = [];
  const ctx = defaultContext().derive({ placeTagger: tagger, ...(record ? { placeTaggerRecorder: (r: TaggedRun) => runs.push(r) } : {}) });
  for (const row of rows) {
    runs = [];
    const p = predictAcled(row.notes ?? '', row.event_id_cnty ?? '', row.event_date ?? '', ctx);
    const ds = row.source_dataset || 'unknown';
    tallyFields(hits, ds, PLACE_FIELDS, row, p, code);
    const cc = code(row.country ?? '');
    for (const r of runs) {
      const label = runLabel(r, row, cc);
      if (label) aligned.push({ dataset: ds, features: placeFeatures(r), label, weight: 1, rule: r.type === 'PLACE' });
    }
  }
  return { hits, aligned };
}


/** The decision of a mode on an aligned run, given the model's probability of PLACE. */
function decide(mode: PlaceTaggerMode, rule: boolean, p: number): boolean {
  if (mode === 'rules') return rule;
  if (mode === 'model') return p >= 0.5;
  return rule ? p > 1 - SURE : p >= SURE;
}

/** Leave-one-dataset-out confusion of each mode on the aligned runs, per dataset. */
function runCV(items: Aligned[], datasets: string[]): Map<string, Record<PlaceTaggerMode, Confusion>> {
  const out = new Map<string, Record<PlaceTaggerMode, Confusion>>();
  for (const ds of datasets) {
    const model = fitPlaceTagger(items.filter((x) => x.dataset !== ds));
    const conf = Object.fromEntries(MODES.map((m) => [m, { tp: 0, fp: 0, fn: 0, tn: 0 }])) as Record<PlaceTaggerMode, Confusion>;
    for (const it of items) {
      if (it.dataset !== ds) continue;
      const p = featuresProbability(model, it.features);
      for (const m of MODES) {
        const said = decide(m, it.rule, p);
        const gold = it.label === 'PLACE';
        conf[m][said ? (gold ? 'tp' : 'fp') : gold ? 'fn' : 'tn']++;
      }
    }
    out.set(ds, conf);
  }
  return out;
}

/** The pipeline's place fields on each held-out dataset's notes, per mode, with a model fitted without it. */
function pipelineCV(rows: Row[], items: Aligned[], datasets: string[], mode: PlaceTaggerMode): Map<string, Hits> {
  const out = new Map<string, Hits>();
  for (const ds of datasets) {
    const tagger = { mode, sure: SURE, model: fitPlaceTagger(items.filter((x) => x.dataset !== ds)) };
    const r = runRows(rows.filter((x) => (x.source_dataset || 'unknown') === ds), false, tagger);
    for (const [k, v] of r.hits) out.set(k, v);
  }
  return out;
}

function sumConf(cs: Confusion[]): Confusion {
  return cs.reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn, tn: s.tn + c.tn }), { tp: 0, fp: 0, fn: 0, tn: 0 });
}

function sumHits(hs: Hits[]): Hits {
  return sumFieldHits(hs, PLACE_FIELDS);
}

const fmt = (x: number): string => x.toFixed(3);
const ratio = (a: number, b: number): number => (b ? a / b : 0);

function tableRow(name: string, mode: PlaceTaggerMode, c: Confusion, h: Hits): string {
  const acc = ratio(c.tp + c.tn, c.tp + c.fp + c.fn + c.tn);
  const cells = [fmt(acc), fmt(ratio(c.tp, c.tp + c.fp)), fmt(ratio(c.tp, c.tp + c.fn)), String(c.tp + c.fp + c.fn + c.tn), ...PLACE_FIELDS.map((f) => fmt(ratio(h[f]!.right, h[f]!.n)))];
  return `| ${name} | ${mode} | ${cells.join(' | ')} |`;
}

/** The CV table (markdown) and each mode's pooled country+admin1+location hits. */
function cvTable(datasets: string[], conf: Map<string, Record<PlaceTaggerMode, Confusion>>, hits: Record<PlaceTaggerMode, Map<string, Hits>>): { lines: string[]; score: Record<PlaceTaggerMode, number> } {
  const lines = [`| held out | decision | run acc | P(PLACE) | R(PLACE) | runs | ${PLACE_FIELDS.join(' | ')} |`, `|---|---|${'---|'.repeat(4 + PLACE_FIELDS.length)}`];
  for (const ds of datasets) for (const m of MODES) lines.push(tableRow(ds, m, conf.get(ds)![m], hits[m].get(ds)!));
  const score = {} as Record<PlaceTaggerMode, number>;
  for (const m of MODES) {
    const h = sumHits(datasets.map((ds) => hits[m].get(ds)!));
    lines.push(tableRow('**pooled**', m, sumConf(datasets.map((ds) => conf.get(ds)![m])), h));
    score[m] = PLACE_FIELDS.reduce((s, f) => s + h[f]!.right, 0);
  }
  return { lines, score };
}

export async function train(args: string[]): Promise<void> {
  const d = args.indexOf('--data');
  const dir = resolve(d >= 0 ? args[d + 1]! : join(ROOT, '..', 'shared', 'eval', 'acled'));
  const file = statSync(dir).isDirectory() ? join(dir, 'train.csv') : dir;
  const o = args.indexOf('--out');
  const outDir = resolve(o >= 0 ? args[o + 1]! : join(ROOT, 'models'));
  const bytes = readFileSync(file);
  const rows = csvRecords(bytes.toString('utf8')).filter((r) => (r.notes ?? '').trim() !== '');
  const base = runRows(rows, true, RULES);
  const items = base.aligned;
  const datasets = [...new Set(rows.map((r) => r.source_dataset || 'unknown'))].sort();
  const pos = items.filter((x) => x.label === 'PLACE').length;
  report(`${rows.length} notes, ${items.length} aligned runs: ${pos} places, ${items.length - pos} not`);
  const conf = runCV(items, datasets);
  const hits = { rules: base.hits, model: pipelineCV(rows, items, datasets, 'model'), combined: pipelineCV(rows, items, datasets, 'combined') };
  const { lines, score } = cvTable(datasets, conf, hits);
  for (const l of lines) report(l);
  const need = Math.ceil(score.rules * MIN_GAIN);
  const best = (['model', 'combined'] as const).reduce<PlaceTaggerMode>((b, m) => (score[m] >= score.rules + need && score[m] > score[b] ? m : b), 'rules');
  const decision = `${best} (pooled ${PLACE_FIELDS.join('+')} hits: ${MODES.map((m) => `${m} ${score[m]}`).join(', ')}; a mode must beat the rules by ${need} (${MIN_GAIN * 100}%))`;
  report(`decision: ${decision}`);
  if (args.includes('--cv')) return;
  await writeModel(outDir, { file, bytes, rows: rows.length, items, lines, decision, use: best });
}

async function writeModel(outDir: string, r: { file: string; bytes: Buffer; rows: number; items: Aligned[]; lines: string[]; decision: string; use: PlaceTaggerMode }): Promise<void> {
  const model = fitPlaceTagger(r.items);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'place-tagger.json'), `${JSON.stringify({ use: r.use, sure: SURE, model })}\n`);
  const meta = {
    task: 'place-tagger',
    trained: new Date().toISOString().slice(0, 10),
    data: { file: r.file.replace(`${resolve(ROOT, '..')}/`, '../'), sha256: createHash('sha256').update(r.bytes).digest('hex'), rows: r.rows, aligned: r.items.length, places: r.items.filter((x) => x.label === 'PLACE').length },
    settings: { ...SETTINGS, sure: SURE, minGain: MIN_GAIN, labels: LABELS, objective: 'logistic regression, mini-batch AdaGrad (src/learn/sgd.ts)' },
    cv: { folds: 'leave one source_dataset out', deciding: PLACE_FIELDS, table: r.lines, decision: r.decision },
    use: r.use,
  };
  writeFileSync(join(outDir, 'place-tagger.meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
  report(`wrote ${join(outDir, 'place-tagger.json')} (use: ${r.use})`);
}
