/**
 * A stored document: its clean text with switchable annotation layers (mentions, dates, quantities,
 * incidents, claims, quotes). The layers on are in the URL; so are spans to light (from an incident).
 */
import type { Mark, Route, View } from '../../../src/web/index.js';
import { getJson } from '../api.js';
import { DocText } from '../components/doctext.js';
import { useLoad } from '../hooks.js';
import { go, linkProps } from '../router.js';
import type { DocumentView } from '../types.js';

const LAYERS = ['mentions', 'dates', 'quantities', 'incidents', 'claims', 'quotes'] as const;
type Layer = (typeof LAYERS)[number];
const DEFAULT_LAYERS: Layer[] = ['mentions', 'dates', 'quantities'];

function marksOf(d: DocumentView, on: readonly string[]): Mark[] {
  const L = d.layers;
  const marks: Mark[] = [];
  const has = (l: Layer) => on.includes(l);
  if (has('mentions')) for (const m of L.mentions ?? []) marks.push({ start: m.start, end: m.end, layer: `mention-${m.type.toLowerCase()}`, title: `${m.type}: ${m.key}` });
  if (has('dates')) for (const m of L.dates ?? []) marks.push({ start: m.start, end: m.end, layer: 'date', title: `date: ${m.iso ?? '?'}` });
  if (has('quantities')) for (const m of L.quantities ?? []) marks.push({ start: m.start, end: m.end, layer: 'quantity', title: `quantity: ${m.text ?? ''}` });
  if (has('incidents')) {
    for (const r of L.incidents ?? []) {
      marks.push({ start: r.anchor.start, end: r.anchor.end, layer: 'incident', title: `incident #${r.incident_id}: ${r.label}` });
      for (const s of r.spans) marks.push({ start: s.start, end: s.end, layer: 'field', title: `#${r.incident_id} ${s.field}` });
    }
  }
  if (has('claims')) for (const c of L.claims ?? []) marks.push({ start: c.content.start, end: c.content.end, layer: 'claim', title: `${c.kind.value} by ${c.source.value.name} (${c.modality.value})` });
  if (has('quotes')) for (const q of L.quotes ?? []) marks.push({ start: q.text.start, end: q.text.end, layer: 'quote', title: `quote: ${q.speaker.value.name}` });
  return marks;
}

export function DocumentPage({ view, route }: { view: View; route: Extract<Route, { name: 'document' }> }) {
  const doc = useLoad(`doc:${route.id}`, () => getJson<DocumentView>(`/api/documents/${route.id}`));
  const on = route.layers ?? DEFAULT_LAYERS;
  const toggle = (l: Layer) => {
    const next = on.includes(l) ? on.filter((x) => x !== l) : [...on, l];
    go({ ...view, route: { ...route, layers: next } }, { replace: true });
  };
  const d = doc.data;
  if (doc.error) return <main class="page"><h1>Document</h1><p class="error">{doc.error.message}</p></main>;
  if (!d) return <main class="page"><p class="muted">Loading…</p></main>;
  const marks = marksOf(d, on).concat((route.spans ?? []).map(([start, end]) => ({ start, end, layer: 'evidence', title: 'evidence' })));
  const incidents = [...new Map((d.layers.incidents ?? []).map((r) => [r.incident_id, r.label])).entries()];
  return (
    <main class="page document">
      <h1>{d.meta.title ?? d.meta.source}</h1>
      <p class="sub">{[d.meta.publisher ?? d.meta.author, d.meta.published, d.meta.source].filter(Boolean).join(' · ')}</p>
      {incidents.length > 0 && (
        <p>Reports: {incidents.map(([id, label]) => <a class="chip" {...linkProps({ ...view, route: { name: 'incident', id } })}>#{id} {label}</a>)}</p>
      )}
      <fieldset class="layers">
        <legend>Layers</legend>
        {LAYERS.map((l) => (
          <label class={`layer-${l}`}><input type="checkbox" name={l} checked={on.includes(l)} onChange={() => toggle(l)} /> {l}</label>
        ))}
      </fieldset>
      <DocText text={d.text} marks={marks} />
    </main>
  );
}
