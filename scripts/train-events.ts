/**
 * `npm run train -- --task events --data ../shared/eval/plover-gsr --data ../shared/eval/acled --data ../shared/eval/gtd-modern [options]`
 *
 * Trains the ACLED sub-event classifier (src/classify/events.ts), two models in one file:
 *   - the base model, over all 29 CASE classes, as before: our own labelled snippets
 *     (data/training/acled-subtypes.tsv, weight 1) and PLOVER gold records that map clearly to
 *     one ACLED class (plover-map.ts, weight 0.5); full-batch trainer (linear.ts);
 *   - the ACLED expert, over the 24 ACLED classes: ACLED train notes (sub_event_type → CASE
 *     code; old-schema rows without one as partial labels over their event type), GTD-modern
 *     train summaries (attack type → partial labels), and our own snippets of ACLED classes;
 *     names masked; mini-batch trainer (sgd.ts).
 * Each --data is recognised by its contents (src/classify/events-train.ts). Data are read at
 * train time and never copied into the repository. Writes models/events.json and
 * models/events.meta.json (data files with sha256, counts, settings, CV and dev figures, date).
 * With PLOVER and our own snippets only, the base model alone is written (as before).
 *
 * Options (defaults: DEFAULT_CONFIG in src/classify/events-train.ts, chosen by grouped CV;
 * docs/eval-acled-classifier.md): --alpha X (expert weight), --compact X (prune), --plover-weight X,
 * --base-mask 0|1|2, --base-bigrams 0|1, --base-epochs N, --base-lr X, --base-l2 X,
 * --expert 0|1, --mask 0|1|2 (2: names only), --bigrams 0|1, --balance X, --partial 0|1,
 * --gtd-weight X, --own-weight X, --epochs N, --lr X, --l2 X, --batch N, --min-count N,
 * --prune X, --seed N, --own FILE, --out DIR.
 *
 * `--cv`: grouped cross-validation on the train split (src/classify/events-cv.ts). Options may
 * then be comma lists: every combination is cross-validated and printed for every --alpha
 * value; nothing is written. `--cv-final`: the CV of the one setting (at alpha 0 and alpha),
 * then the model, with the CV figures in its meta. `--dev`: the ACLED dev.csv figures
 * (beside train.csv) go into the meta too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinearModel } from '../src/learn/linear.js';
import { KEYWORD_RULES } from '../src/classify/rules.js';
import { readAcled, readLabelled, readPlover } from '../src/classify/corpora.js';
import { baseExamples, combine, corpusLexicon, DEFAULT_CONFIG, expertExamples, fitBase, fitExpert, loadEventsCorpus, predictRows, scoreAcled, type EventsConfig, type EventsCorpus } from '../src/classify/events-train.js';
import { alphasFrom, configsFrom, printEventsCv, runEventsCv } from '../src/classify/events-cv.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const rel = (p: string): string => (p.startsWith(ROOT) ? p.slice(ROOT.length) : p);

/** Kept for callers of the old script. */
export const readOwn = (path: string): { label: string; text: string }[] => readLabelled(path);
export { readPlover };

const bxN = (c: Record<string, unknown>): number => (c.base as { items: number }).items;
const exN = (c: Record<string, unknown>): number => (c.expert as { items: number }).items;

function fitAll(c: EventsCorpus, cfg: EventsConfig): { model: LinearModel; counts: Record<string, unknown> } {
  const bx = baseExamples(c, cfg.base);
  const ex = cfg.expert && c.acled.length ? expertExamples(c, cfg.expert) : [];
  const base = fitBase(bx, cfg.base);
  const expert = cfg.expert && ex.length ? fitExpert(ex, cfg.expert, corpusLexicon(c)) : null;
  const tally = (xs: typeof bx): { bySource: Record<string, number>; perLabel: Record<string, number> } => {
    const perLabel: Record<string, number> = {};
    const bySource: Record<string, number> = {};
    for (const x of xs) {
      const k = x.allowed ? `partial:${x.source}:${x.eventType ?? x.allowed.join('|')}` : x.label;
      perLabel[k] = (perLabel[k] ?? 0) + 1;
      bySource[x.source] = (bySource[x.source] ?? 0) + 1;
    }
    return { bySource, perLabel };
  };
  const model = combine(base, expert, cfg.alpha, cfg.prune);
  const counts = {
    base: { items: bx.length, ...tally(bx), features: Object.keys(model.weights).length },
    expert: { items: ex.length, partial: ex.filter((x) => x.allowed).length, ...tally(ex), features: model.expert ? Object.keys(model.expert.model.weights).length : 0, lexicon: expert?.lexicon?.length ?? 0 },
    gtd: ex.filter((x) => x.source === 'gtd').length,
  };
  return { model, counts };
}

export async function train(args: string[]): Promise<void> {
  const own = resolve(arg(args, '--own') ?? join(ROOT, 'data/training/acled-subtypes.tsv'));
  const data = args.flatMap((a, i) => (a === '--data' && args[i + 1] ? [args[i + 1]!] : []));
  const c = loadEventsCorpus(own, data, rel);
  if (!c.acled.length && !c.plover.length) process.stderr.write('no PLOVER or ACLED data given; training on our own examples only\n');
  const base: EventsConfig = c.acled.length ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, expert: null };
  const configs = configsFrom(args, base);
  if (args.includes('--cv')) {
    for (const cfg of configs) printEventsCv(cfg, runEventsCv(c, cfg, alphasFrom(args, cfg)));
    return;
  }
  const cfg: EventsConfig = { ...configs[0]!, alpha: alphasFrom(args, configs[0]!)[0]! };
  const extra: Record<string, unknown> = {};
  if (args.includes('--cv-final')) {
    const r = runEventsCv(c, cfg, cfg.alpha ? [0, cfg.alpha] : [0]);
    printEventsCv(cfg, r);
    extra.cv = { folds: 'leave one ACLED country group out of the expert; own snippets hashed into 8 folds out of the base model', byAlpha: r.alphas };
  }
  const t0 = Date.now();
  const { model, counts } = fitAll(c, cfg);
  const seconds = (Date.now() - t0) / 1000;
  if (args.includes('--dev') && c.acledDev) {
    const rows = readAcled(c.acledDev);
    extra.dev = { file: c.acledDev, ...scoreAcled(rows, predictRows(model, rows)) };
  }
  const outDir = resolve(arg(args, '--out') ?? join(ROOT, 'models'));
  const gtd = c.files.find((f) => f.path === c.gtdFile);
  if (gtd) gtd.items = Number(counts.gtd ?? 0);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'events.json'), `${JSON.stringify(model)}\n`);
  const meta = {
    task: 'events',
    description: 'ACLED sub-event type classifier (CASE 2021 task 2 codes): multinomial logistic regression over word/bigram + keyword-rule features (own snippets + PLOVER), plus an ACLED expert over the 24 ACLED classes (ACLED notes + GTD summaries, names masked) added with weight alpha',
    date: new Date().toISOString(),
    files: c.files,
    counts,
    settings: { ...cfg, trainers: { base: 'full-batch AdaGrad (src/learn/linear.ts)', expert: 'mini-batch AdaGrad (src/learn/sgd.ts)' }, rules: KEYWORD_RULES.length },
    ...extra,
    seconds,
  };
  writeFileSync(join(outDir, 'events.meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
  process.stderr.write(`trained base (${bxN(counts)} items) + expert (${exN(counts)} items) in ${seconds.toFixed(1)} s → ${join(outDir, 'events.json')}\n`);
  if (extra.dev) process.stderr.write(`ACLED dev: ${JSON.stringify(extra.dev)}\n`);
}
