/** The source document beside an incident: its text with the evidence words lit and scrolled into view. */
import type { Mark, View } from '../../../src/web/index.js';
import { getJson } from '../api.js';
import { DocText } from '../components/doctext.js';
import { useLoad } from '../hooks.js';
import { linkProps } from '../router.js';
import { pickFrom } from '../selection.js';
import type { DocumentView } from '../types.js';

interface Props {
  view: View;
  docId: string;
  spans: [number, number][];
  onClose: () => void;
}

export function DocPane({ view, docId, spans, onClose }: Props) {
  const doc = useLoad(`doc:${docId}`, () => getJson<DocumentView>(`/api/documents/${docId}`));
  const marks: Mark[] = spans.map(([start, end]) => ({ start, end, layer: 'evidence', title: 'evidence' }));
  const d = doc.data;
  return (
    <aside class="docpane" aria-label="Source document">
      <div class="docpane-head">
        <strong>{d?.meta.title ?? d?.meta.source ?? 'Document'}</strong>
        <span class="muted">{d ? [d.meta.publisher ?? d.meta.author, d.meta.published].filter(Boolean).join(', ') : ''}</span>
        <a {...linkProps({ ...view, route: { name: 'document', id: docId, ...(spans.length ? { spans } : {}) } })}>annotations</a>
        <button type="button" class="link" aria-label="Close the document" onClick={onClose}>✕</button>
      </div>
      {doc.error && <p class="error">{doc.error.message}</p>}
      {d && <DocText text={d.text} marks={marks} onSelect={(box) => pickFrom(box, docId)} />}
    </aside>
  );
}
