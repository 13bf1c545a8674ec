/**
 * The words a reviewer has selected in a source document, as offsets into its stored text: a
 * correction can cite them as its evidence. The document is rendered as its text exactly (text
 * nodes, marks around some), so the length of the text before the selection is its start offset.
 */
import { useEffect, useState } from 'preact/hooks';

export interface Picked {
  docId: string;
  start: number;
  end: number;
  text: string;
}

let picked: Picked | null = null;
const listeners = new Set<(p: Picked | null) => void>();

function set(p: Picked | null): void {
  picked = p;
  for (const l of listeners) l(p);
}

/** Read the selection inside `box` (the document's text) after the mouse or keys moved it. */
export function pickFrom(box: HTMLElement, docId: string): void {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
  const range = sel.getRangeAt(0);
  if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return;
  const before = document.createRange();
  before.setStart(box, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const text = range.toString();
  if (text.trim()) set({ docId, start, end: start + text.length, text });
}

export function clearPicked(): void {
  set(null);
}

export function usePicked(): Picked | null {
  const [p, setP] = useState(picked);
  useEffect(() => {
    listeners.add(setP);
    return () => void listeners.delete(setP);
  }, []);
  return p;
}
