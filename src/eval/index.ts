import { DossierError } from '../model/index.js';
import type { Dataset, EvalResult, EvalRow } from './types.js';

export type { Dataset, EvalResult, EvalRow, EvalOptions } from './types.js';

/**
 * Datasets `dossier eval` knows. Each module registers itself here; the
 * scorers are ours, written from each dataset's published metric.
 */
const REGISTRY = new Map<string, () => Promise<Dataset>>([
  ['article-body', async () => (await import('./article-body.js')).ARTICLE_BODY],
  ['case2021', async () => (await import('./case2021.js')).CASE2021],
  ['muc4', async () => (await import('./muc4.js')).MUC4],
  ['gtd', async () => (await import('./gtd.js')).GTD],
  ['polnear', async () => (await import('./polnear.js')).POLNEAR],
  ['claims', async () => (await import('./claims.js')).CLAIMS],
  ['merge', async () => (await import('./merge.js')).MERGE],
  ['acled', async () => (await import('./acled.js')).ACLED],
  ['acled-merge', async () => (await import('./acled-merge.js')).ACLED_MERGE],
]);

export function registerDataset(name: string, load: () => Promise<Dataset>): void {
  REGISTRY.set(name, load);
}

export function datasetNames(): string[] {
  return [...REGISTRY.keys()];
}

export async function loadDataset(name: string): Promise<Dataset> {
  const load = REGISTRY.get(name);
  if (!load) throw new DossierError('E_USAGE', `unknown dataset "${name}"; known: ${datasetNames().join(', ')}`);
  return load();
}

const pct = (x: number | undefined): string => (x === undefined ? '' : x.toFixed(3));

export function formatTable(r: EvalResult): string {
  const head = ['field', 'P', 'R', 'F1', 'acc', 'support'];
  const rows = [...r.rows, r.overall].map((x: EvalRow) => [x.name, pct(x.precision), pct(x.recall), pct(x.f1), pct(x.accuracy), String(x.support)]);
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((x) => x[i]!.length)));
  const line = (x: string[]): string => x.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const out = [`${r.dataset}: ${r.items} items from ${r.data} in ${r.seconds.toFixed(1)} s`, line(head), ...rows.slice(0, -1).map(line), '-'.repeat(w.reduce((a, b) => a + b + 2, 0)), line(rows[rows.length - 1]!)];
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}
