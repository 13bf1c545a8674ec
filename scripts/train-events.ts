/**
 * `npm run train -- --task events --data ../shared/eval/plover-gsr [--own FILE] [--out DIR] [--epochs N] [--l2 X]`
 *
 * Trains the ACLED sub-event classifier (src/classify) from
 *   - our own labelled snippets, data/training/acled-subtypes.tsv (label<TAB>text), weight 1;
 *   - PLOVER gold-standard records read from --data (a folder or the JSON file), kept only
 *     where the PLOVER event/mode maps clearly to one ACLED sub-type (src/classify/plover-map.ts),
 *     weight 0.5. They are read at train time and never copied into the repository.
 * Writes models/events.json (the weights) and models/events.meta.json (data files with
 * sha256, counts, settings, date). Same inputs and settings → same weights.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { featurize } from '../src/classify/features.js';
import { DEFAULT_SETTINGS, trainLinear, type TrainItem, type TrainSettings } from '../src/classify/linear.js';
import { SUBTYPE_CODES } from '../src/classify/labels.js';
import { ploverToAcled, type PloverRecord } from '../src/classify/plover-map.js';
import { KEYWORD_RULES } from '../src/classify/rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export function readOwn(path: string): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${path}: line without a tab: ${line.slice(0, 60)}`);
    const label = line.slice(0, tab).trim();
    if (!SUBTYPE_CODES.includes(label)) throw new Error(`${path}: unknown label ${label}`);
    out.push({ label, text: line.slice(tab + 1).trim() });
  }
  return out;
}

export function readPlover(path: string): { file: string; items: { label: string; text: string }[]; seen: number } {
  const file = statSync(path).isDirectory() ? join(path, readdirSync(path).filter((f) => /\.(?:txt|json)$/i.test(f)).sort()[0] ?? '') : path;
  const recs = JSON.parse(readFileSync(file, 'utf8')) as PloverRecord[];
  const items: { label: string; text: string }[] = [];
  for (const r of recs) {
    if (!r.text) continue;
    const label = ploverToAcled(r.event, r.mode ?? '', r.context ?? '');
    if (label) items.push({ label, text: r.text.replace(/[{}]/g, '') });
  }
  return { file, items, seen: recs.length };
}

export async function train(args: string[]): Promise<void> {
  const data = arg(args, '--data');
  const own = resolve(arg(args, '--own') ?? join(ROOT, 'data/training/acled-subtypes.tsv'));
  const outDir = resolve(arg(args, '--out') ?? join(ROOT, 'models'));
  const settings: TrainSettings = {
    ...DEFAULT_SETTINGS,
    ...(arg(args, '--epochs') ? { epochs: Number(arg(args, '--epochs')) } : {}),
    ...(arg(args, '--l2') ? { l2: Number(arg(args, '--l2')) } : {}),
  };
  const PLOVER_WEIGHT = arg(args, '--plover-weight') ? Number(arg(args, '--plover-weight')) : 0.5;
  const ownItems = readOwn(own);
  const files: { path: string; sha256: string; items: number }[] = [{ path: own.startsWith(ROOT) ? own.slice(ROOT.length) : own, sha256: sha256(readFileSync(own)), items: ownItems.length }];
  const items: TrainItem[] = ownItems.map((x) => ({ features: featurize(x.text).names, label: x.label, weight: 1 }));
  let plover = 0;
  if (data && existsSync(data)) {
    const p = readPlover(data);
    files.push({ path: p.file, sha256: sha256(readFileSync(p.file)), items: p.items.length });
    for (const x of p.items) items.push({ features: featurize(x.text).names, label: x.label, weight: PLOVER_WEIGHT });
    plover = p.items.length;
  } else {
    process.stderr.write(`no PLOVER data at ${data ?? '(no --data given)'}; training on our own examples only\n`);
  }
  const t0 = Date.now();
  const model = trainLinear(items, [...SUBTYPE_CODES], settings);
  const perLabel: Record<string, number> = {};
  for (const it of items) perLabel[it.label] = (perLabel[it.label] ?? 0) + 1;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'events.json'), `${JSON.stringify(model)}\n`);
  const meta = {
    task: 'events',
    description: 'ACLED sub-event type classifier (CASE 2021 task 2 codes): multinomial logistic regression over word/bigram + keyword-rule features',
    date: new Date().toISOString(),
    files,
    counts: { own: ownItems.length, plover, total: items.length, features: Object.keys(model.weights).length, perLabel },
    settings: { ...settings, ploverWeight: PLOVER_WEIGHT, rules: KEYWORD_RULES.length },
    seconds: (Date.now() - t0) / 1000,
  };
  writeFileSync(join(outDir, 'events.meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
  process.stderr.write(`trained on ${items.length} items (${ownItems.length} own, ${plover} PLOVER) in ${meta.seconds.toFixed(1)} s; ${meta.counts.features} features → ${join(outDir, 'events.json')}\n`);
}
