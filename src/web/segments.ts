/**
 * Cutting a document's text into runs for display. The workbench shows every stored text as text
 * nodes only (never as markup), so highlighting is done by splitting the text at every mark's
 * edges and wrapping each run in an element whose classes name the marks that cover it. Marks may
 * overlap (a date inside a claim inside a sentence); a run lists all of them.
 */

export interface Mark {
  start: number;
  end: number;
  /** The annotation layer, e.g. "mentions", "evidence": a CSS class on the run. */
  layer: string;
  /** What the mark says, for a tooltip ("PLACE: Moscow"). */
  title?: string;
}

export interface Run {
  start: number;
  end: number;
  text: string;
  marks: Mark[];
}

/** Keep the marks that lie inside the text, clipped to it; empty or inverted ones are dropped. */
function clip(marks: readonly Mark[], length: number): Mark[] {
  const out: Mark[] = [];
  for (const m of marks) {
    const start = Math.max(0, Math.min(length, Math.floor(m.start)));
    const end = Math.max(0, Math.min(length, Math.floor(m.end)));
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) out.push({ ...m, start, end });
  }
  return out;
}

/**
 * The text as consecutive runs covering it exactly once; each run carries the marks that cover all
 * of it. Runs with no mark are merged, so a text with no marks is one run.
 */
export function runsOf(text: string, marks: readonly Mark[]): Run[] {
  const kept = clip(marks, text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const m of kept) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const edges = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    const covering = kept.filter((m) => m.start <= start && end <= m.end);
    const last = runs[runs.length - 1];
    if (last && covering.length === 0 && last.marks.length === 0) {
      last.end = end;
      last.text = text.slice(last.start, end);
    } else {
      runs.push({ start, end, text: text.slice(start, end), marks: covering });
    }
  }
  return runs;
}
