/**
 * CEAF-REE: entity-level scoring of role fillers, as in GRIT (Du, Rush and
 * Cardie 2021, eval.py `phi_strict`). Per document and role, gold entities
 * (clusters of coreferent mention strings) and predicted entities are
 * aligned one-to-one by an optimal assignment (Kuhn-Munkres) maximising the
 * summed similarity; phi(g, p) = 1 when every mention of p is one of g's
 * mentions, else 0. Counts are summed over documents and roles (micro).
 */

/** Names the five MUC-4 roles in the order the literature reports them. */
export const MUC_ROLES = ['PerpInd', 'PerpOrg', 'Target', 'Victim', 'Weapon'] as const;
export type MucRole = (typeof MUC_ROLES)[number];

/** An entity is its list of mention strings. */
export type Entity = string[];
export type RoleEntities = Partial<Record<string, Entity[]>>;

const PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * GRIT's normalisation (SQuAD's): lower-case, drop ASCII punctuation, drop the
 * words a/an/the wherever they stand, collapse whitespace.
 */
export function normalizeMention(s: string): string {
  return s.toLowerCase().replace(PUNCT, '').replace(/\b(?:a|an|the)\b/g, ' ').split(/\s+/).filter(Boolean).join(' ');
}

/** phi_strict: 1 when every predicted mention is among the gold mentions. */
export function phiStrict(gold: readonly string[], pred: readonly string[]): number {
  for (const m of pred) if (!gold.includes(m)) return 0;
  return 1;
}

/**
 * Maximum-weight assignment in a rectangular matrix (rows × cols), by the
 * Hungarian method (Kuhn-Munkres, O(n²m) with potentials). Returns, for each
 * row, the column it is assigned to or -1, and the total weight.
 */
export function maxAssignment(w: readonly (readonly number[])[]): { rowToCol: number[]; total: number } {
  const rows = w.length;
  const cols = rows ? w[0]!.length : 0;
  if (!rows || !cols) return { rowToCol: new Array<number>(rows).fill(-1), total: 0 };
  // Work on a square cost matrix (minimisation of -w), padded with zeros.
  const n = Math.max(rows, cols);
  const cost = (i: number, j: number): number => (i < rows && j < cols ? -w[i]![j]! : 0);
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[j]: row matched to column j (1-based), 0 = none
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(INF);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const rowToCol = new Array<number>(rows).fill(-1);
  let total = 0;
  for (let j = 1; j <= n; j++) {
    const i = p[j]! - 1;
    if (i >= 0 && i < rows && j - 1 < cols) {
      rowToCol[i] = j - 1;
      total += w[i]![j - 1]!;
    }
  }
  return { rowToCol, total };
}

export interface CeafCounts {
  /** Summed similarity of the optimal alignment (matched entities). */
  matched: number;
  predicted: number;
  gold: number;
}

/** One document, one role: the optimal alignment's similarity and the two entity counts. */
export function ceafRole(gold: readonly Entity[], pred: readonly Entity[]): CeafCounts {
  const g = gold.map((e) => e.map(normalizeMention)).filter((e) => e.length > 0);
  const p = pred.map((e) => e.map(normalizeMention)).filter((e) => e.length > 0);
  if (!g.length || !p.length) return { matched: 0, predicted: p.length, gold: g.length };
  const w = g.map((ge) => p.map((pe) => phiStrict(ge, pe)));
  return { matched: maxAssignment(w).total, predicted: p.length, gold: g.length };
}

export interface RoleScore extends CeafCounts {
  precision: number;
  recall: number;
  f1: number;
}

export interface CeafReeResult {
  roles: Record<MucRole, RoleScore>;
  micro: RoleScore;
}

function finish(c: CeafCounts): RoleScore {
  const precision = c.predicted ? c.matched / c.predicted : 0;
  const recall = c.gold ? c.matched / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

/**
 * Score predictions against gold over the gold documents' ids; a document
 * missing from `preds` counts as predicting nothing. Roles other than the
 * five are ignored.
 */
export function scoreCeafRee(golds: Record<string, RoleEntities>, preds: Record<string, RoleEntities>): CeafReeResult {
  const sums = Object.fromEntries(MUC_ROLES.map((r) => [r, { matched: 0, predicted: 0, gold: 0 }])) as Record<MucRole, CeafCounts>;
  for (const [docid, gold] of Object.entries(golds)) {
    const pred = preds[docid] ?? {};
    for (const role of MUC_ROLES) {
      const c = ceafRole(gold[role] ?? [], pred[role] ?? []);
      sums[role].matched += c.matched;
      sums[role].predicted += c.predicted;
      sums[role].gold += c.gold;
    }
  }
  const micro = { matched: 0, predicted: 0, gold: 0 };
  for (const r of MUC_ROLES) {
    micro.matched += sums[r].matched;
    micro.predicted += sums[r].predicted;
    micro.gold += sums[r].gold;
  }
  return { roles: Object.fromEntries(MUC_ROLES.map((r) => [r, finish(sums[r])])) as Record<MucRole, RoleScore>, micro: finish(micro) };
}
