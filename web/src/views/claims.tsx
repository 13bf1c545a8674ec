/** The claims view: who claimed, denied, accused or linked what, filterable by source and kind. */
import { useEffect, useState } from 'preact/hooks';
import type { Route, View } from '../../../src/web/index.js';
import { getJson } from '../api.js';
import { kindLabel } from '../format.js';
import { useLoad } from '../hooks.js';
import { go, linkProps } from '../router.js';
import type { ClaimView } from '../types.js';

const KINDS = ['', 'responsibility', 'denial', 'accusation', 'linkage', 'reported_fact', 'no_claim'];

export function Claims({ view, route }: { view: View; route: Extract<Route, { name: 'claims' }> }) {
  const key = `${route.source ?? ''}|${route.kind ?? ''}`;
  const list = useLoad(`claims:${key}`, () => getJson<{ claims: ClaimView[]; next?: string | null } | ClaimView[]>('/api/claims', { source: route.source, kind: route.kind, limit: 1000 }));
  const rows = Array.isArray(list.data) ? list.data : (list.data?.claims ?? []);
  const [source, setSource] = useState(route.source ?? '');
  useEffect(() => setSource(route.source ?? ''), [route.source]);
  const set = (r: Partial<Extract<Route, { name: 'claims' }>>) => {
    const next = { ...route, ...r };
    go({ ...view, route: { name: 'claims', ...(next.source ? { source: next.source } : {}), ...(next.kind ? { kind: next.kind } : {}) } }, { replace: true });
  };
  return (
    <main class="page">
      <h1>Claims</h1>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); set({ source: source.trim() || undefined }); }}>
        <label>Source <input type="search" name="source" value={source} onInput={(e) => setSource((e.target as HTMLInputElement).value)} /></label>
        <label>Kind{' '}
          <select name="kind" value={route.kind ?? ''} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value || undefined })}>
            {KINDS.map((k) => <option value={k}>{k ? kindLabel(k) : 'all'}</option>)}
          </select>
        </label>
        <button type="submit" class="small">Filter</button>
      </form>
      {list.error && <p class="error">{list.error.message}</p>}
      <table class="plain claims-table">
        <thead><tr><th>Who</th><th>Kind</th><th>Modality</th><th>About</th><th>Words</th></tr></thead>
        <tbody>
          {rows.map((c) => (
            <tr>
              <td><b>{c.source.value.name}</b> <span class="muted">{c.source.value.kind}</span></td>
              <td>{kindLabel(c.kind.value)}</td>
              <td><span class={`badge m-${c.modality.value}`}>{c.modality.value}</span></td>
              <td>{c.targets.map((t) => `${t.value.name} (${kindLabel(t.value.role)})`).join(', ')}</td>
              <td><a {...linkProps({ ...view, route: { name: 'document', id: c.docId, layers: ['claims'], spans: [[c.content.start, c.content.end]] } })}>{c.words ?? c.quote ?? 'open'}</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      {!list.loading && rows.length === 0 && <p class="muted">No claims match.</p>}
      {!Array.isArray(list.data) && list.data?.next && <p class="muted">The first {rows.length} claims; narrow by source or kind to see others.</p>}
    </main>
  );
}
