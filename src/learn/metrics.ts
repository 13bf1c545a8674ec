/**
 * Single-label classification scores as scikit-learn's classification_report
 * gives them (the CASE 2021 task 2 metric): per-label precision, recall and
 * F1; macro F1 = unweighted mean of per-label F1; weighted F1 = mean of
 * per-label F1 weighted by gold support. Labels are those in gold ∪ predicted;
 * a label with no prediction has precision 0 (sklearn's zero_division=0).
 */
export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  predicted: number;
}

export interface ClassificationScores {
  labels: LabelScore[];
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  macroPrecision: number;
  macroRecall: number;
  weightedPrecision: number;
  weightedRecall: number;
  n: number;
  /** confusion[gold][predicted] = count, for gold ≠ predicted. */
  confusions: { gold: string; predicted: string; count: number }[];
}

export function scoreClassification(pairs: { gold: string; predicted: string }[]): ClassificationScores {
  const labels = [...new Set(pairs.flatMap((p) => [p.gold, p.predicted]))].sort();
  const tp = new Map<string, number>();
  const sup = new Map<string, number>();
  const pred = new Map<string, number>();
  const conf = new Map<string, number>();
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    sup.set(gold, (sup.get(gold) ?? 0) + 1);
    pred.set(predicted, (pred.get(predicted) ?? 0) + 1);
    if (gold === predicted) {
      tp.set(gold, (tp.get(gold) ?? 0) + 1);
      correct++;
    } else {
      const k = `${gold}\t${predicted}`;
      conf.set(k, (conf.get(k) ?? 0) + 1);
    }
  }
  const rows: LabelScore[] = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const s = sup.get(label) ?? 0;
    const p = pred.get(label) ?? 0;
    const precision = p ? t / p : 0;
    const recall = s ? t / s : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: s, predicted: p };
  });
  const n = pairs.length;
  const mean = (f: (r: LabelScore) => number): number => (rows.length ? rows.reduce((a, r) => a + f(r), 0) / rows.length : 0);
  const wmean = (f: (r: LabelScore) => number): number => (n ? rows.reduce((a, r) => a + f(r) * r.support, 0) / n : 0);
  const confusions = [...conf.entries()]
    .map(([k, count]) => {
      const [gold, predicted] = k.split('\t') as [string, string];
      return { gold, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted));
  return {
    labels: rows,
    accuracy: n ? correct / n : 0,
    macroF1: mean((r) => r.f1),
    weightedF1: wmean((r) => r.f1),
    macroPrecision: mean((r) => r.precision),
    macroRecall: mean((r) => r.recall),
    weightedPrecision: wmean((r) => r.precision),
    weightedRecall: wmean((r) => r.recall),
    n,
    confusions,
  };
}
