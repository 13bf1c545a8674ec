/**
 * CASE 2021 shared task 2 (fine-grained event classification): each row is a
 * news snippet with its ACLED sub-event type (25 ACLED types + 5 extra
 * classes). Each snippet goes through intake and the full pipeline; the
 * prediction is the document-level class the event-class stage sets
 * (`state.eventClass`). Scored as the task did: weighted F1 (per-label F1
 * weighted by support) and macro F1, plus per-label P/R/F1.
 */
import { readFileSync } from 'node:fs';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from '../pipeline/index.js';
import { scoreClassification } from '../learn/metrics.js';
import { DossierError } from '../model/index.js';
import type { Dataset, EvalResult } from './types.js';

export interface Case2021Row {
  id: string;
  text: string;
  label: string;
}

/** Parses the TSV (header id, EventSnippet, SubType); snippets may be quoted with doubled quotes inside. */
export function parseCase2021(tsv: string): Case2021Row[] {
  const rows: Case2021Row[] = [];
  const lines = tsv.split(/\r?\n/);
  const head = (lines[0] ?? '').split('\t').map((h) => h.trim());
  const iId = head.indexOf('id');
  const iText = head.indexOf('EventSnippet');
  const iLabel = head.indexOf('SubType');
  if (iId < 0 || iText < 0 || iLabel < 0) throw new DossierError('E_USAGE', 'expected a TSV with columns id, EventSnippet, SubType');
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const cells = line.split('\t');
    let text = (cells[iText] ?? '').trim();
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).replace(/""/g, '"');
    rows.push({ id: (cells[iId] ?? '').trim(), text, label: (cells[iLabel] ?? '').trim() });
  }
  return rows;
}

/** Runs one snippet through intake + pipeline; the document's event class, or null. */
export function predictSnippet(id: string, text: string): string | null {
  try {
    const doc = intakeBuffer(Buffer.from(text), `case2021:${id}`, 'text');
    return runPipeline(doc).eventClass?.label ?? null;
  } catch {
    return null;
  }
}

/** What a snippet with no prediction counts as: a wrong answer under its own name. */
export const NO_LABEL = 'NONE';

export const CASE2021: Dataset = {
  name: 'case2021',
  input: 'file',
  description: 'CASE 2021 task 2: ACLED sub-event type of news snippets (weighted and macro F1)',
  run(dataPath, options): EvalResult {
    const t0 = Date.now();
    let rows = parseCase2021(readFileSync(dataPath, 'utf8'));
    if (options.limit) rows = rows.slice(0, options.limit);
    const predictions: Record<string, string> = {};
    const pairs = rows.map((r) => {
      const p = predictSnippet(r.id, r.text) ?? NO_LABEL;
      predictions[r.id] = p;
      return { gold: r.label, predicted: p };
    });
    const s = scoreClassification(pairs);
    const none = pairs.filter((p) => p.predicted === NO_LABEL).length;
    return {
      dataset: 'case2021',
      data: dataPath,
      items: rows.length,
      rows: [
        ...s.labels.filter((l) => l.support > 0).map((l) => ({ name: l.label, precision: l.precision, recall: l.recall, f1: l.f1, support: l.support })),
        { name: 'macro avg', precision: s.macroPrecision, recall: s.macroRecall, f1: s.macroF1, support: s.n },
      ],
      overall: { name: 'weighted avg', precision: s.weightedPrecision, recall: s.weightedRecall, f1: s.weightedF1, accuracy: s.accuracy, support: s.n },
      notes: [
        'metric: per-label P/R/F1 over gold ∪ predicted labels; weighted F1 = F1 averaged with gold-support weights, macro F1 = unweighted mean (CASE 2021 task 2)',
        `macro F1 ${s.macroF1.toFixed(3)}, weighted F1 ${s.weightedF1.toFixed(3)}, accuracy ${s.accuracy.toFixed(3)}`,
        `${none} snippet(s) got no class (counted as wrong, label ${NO_LABEL})`,
        `top confusions (gold→predicted): ${s.confusions.slice(0, 8).map((c) => `${c.gold}→${c.predicted} ×${c.count}`).join(', ') || 'none'}`,
      ],
      predictions,
      seconds: (Date.now() - t0) / 1000,
    };
  },
};
