/** Entities: the list by type, and one entity's page — where it is named, its incidents, who claimed, denied or accused what. */
import type { Route, View } from '../../../src/web/index.js';
import { getJson } from '../api.js';
import { kindLabel } from '../format.js';
import { useLoad } from '../hooks.js';
import { go, linkProps } from '../router.js';

interface EntityRow { id: number; name: string; type: string; mentions: number; documents: number }

interface EntityView {
  id: number; type: string; name: string; aliases: string[];
  mentions: { document: string; words: string; sentence: string | null }[];
  incidents: { id: number; label: string; as: string[] }[];
  claimsMade: { id: string; kind: string; modality: string; words: string }[];
  claimsReceived: { id: string; kind: string; role: string; source: string; words: string }[];
  relations: { subject: string; predicate: string; object: string; document: string }[];
}

const TYPES = ['', 'person', 'organisation', 'armed_group', 'state_body', 'media', 'place', 'facility'];

export function EntityList({ view, route }: { view: View; route: Extract<Route, { name: 'entities' }> }) {
  const list = useLoad(`entities:${route.type ?? ''}`, () => getJson<{ entities: EntityRow[] } | EntityRow[]>('/api/entities', { type: route.type, limit: 1000 }));
  const rows = Array.isArray(list.data) ? list.data : (list.data?.entities ?? []);
  return (
    <main class="page">
      <h1>Entities</h1>
      <label>Type{' '}
        <select name="type" value={route.type ?? ''} onChange={(e) => go({ ...view, route: { name: 'entities', ...((e.target as HTMLSelectElement).value ? { type: (e.target as HTMLSelectElement).value } : {}) } })}>
          {TYPES.map((t) => <option value={t}>{t ? kindLabel(t) : 'all'}</option>)}
        </select>
      </label>
      {list.error && <p class="error">{list.error.message}</p>}
      <table class="plain">
        <thead><tr><th>Name</th><th>Type</th><th class="n">Mentions</th><th class="n">Documents</th></tr></thead>
        <tbody>
          {rows.map((e) => (
            <tr><td><a {...linkProps({ ...view, route: { name: 'entity', id: e.id } })}>{e.name}</a></td><td>{e.type}</td><td class="n">{e.mentions}</td><td class="n">{e.documents}</td></tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

export function EntityPage({ view, route }: { view: View; route: Extract<Route, { name: 'entity' }> }) {
  const ent = useLoad(`entity:${route.id}`, () => getJson<EntityView>(`/api/entities/${route.id}`));
  const e = ent.data;
  if (ent.error) return <main class="page"><h1>Entity</h1><p class="error">{ent.error.message}</p></main>;
  if (!e) return <main class="page"><p class="muted">Loading…</p></main>;
  return (
    <main class="page entity">
      <h1>{e.name} <span class="muted">{e.type}</span></h1>
      {e.aliases.length > 0 && <p class="sub">Also: {e.aliases.join(', ')}</p>}
      <section>
        <h2>Incidents</h2>
        {e.incidents.length === 0 ? <p class="muted">None.</p> : (
          <ul>{e.incidents.map((i) => <li><a {...linkProps({ ...view, route: { name: 'incident', id: i.id } })}>#{i.id} {i.label}</a> <span class="muted">as {i.as.join(', ')}</span></li>)}</ul>
        )}
      </section>
      <section>
        <h2>What it claimed, denied or accused</h2>
        {e.claimsMade.length === 0 ? <p class="muted">None.</p> : (
          <ul>{e.claimsMade.map((c) => <li><span class="badge">{kindLabel(c.kind)}</span> <span class={`badge m-${c.modality}`}>{c.modality}</span> {c.words}</li>)}</ul>
        )}
      </section>
      <section>
        <h2>Claims about it</h2>
        {e.claimsReceived.length === 0 ? <p class="muted">None.</p> : (
          <ul>{e.claimsReceived.map((c) => <li><b>{c.source}</b> <span class="badge">{kindLabel(c.kind)}</span> ({kindLabel(c.role)}): {c.words}</li>)}</ul>
        )}
      </section>
      {e.relations.length > 0 && (
        <section>
          <h2>Relations</h2>
          <ul>{e.relations.map((r) => <li>{r.subject} <i>{kindLabel(r.predicate)}</i> {r.object} <span class="muted">({r.document})</span></li>)}</ul>
        </section>
      )}
      <section>
        <h2>Mentions</h2>
        <ul class="mentions">{e.mentions.slice(0, 200).map((m) => <li>{m.sentence ?? m.words} <span class="muted">— {m.document}</span></li>)}</ul>
      </section>
    </main>
  );
}
