/**
 * Every annotation in Dossier is a span of the stored document text, with the
 * stage that made it and a human-readable reason. Offsets are UTF-16 code-unit
 * indices into `Doc.text` (what JavaScript's `String.prototype.slice` uses), so
 * `doc.text.slice(span.start, span.end)` is always the evidence.
 */
export interface Span {
  start: number;
  end: number;
}

/** A span produced by a pipeline stage, with the reason it was produced. */
export interface Annotation extends Span {
  /** Name of the stage that made it, e.g. "nlp.sentences". */
  stage: string;
  /** Why, in words a person can check, e.g. "rule: capitalised run + org head 'Party'". */
  reason: string;
}

export function spanText(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
