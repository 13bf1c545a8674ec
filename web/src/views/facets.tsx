/**
 * The list's facets: search, country, type, actor, dates, review state, conflicts. Options for country
 * and type come from /api/stats (every incident, not the filtered ones, so another can be chosen).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Filters, View } from '../../../src/web/index.js';
import { getJson } from '../api.js';
import { kindLabel } from '../format.js';
import { useLoad } from '../hooks.js';
import { update } from '../router.js';

interface Count {
  key: string;
  label: string;
  count: number;
}

/** /api/stats answers counts by country and type; read both the array and the object forms. */
function countsOf(v: unknown, keyNames: string[]): Count[] {
  const rows: Count[] = [];
  if (Array.isArray(v)) {
    for (const r of v as Record<string, unknown>[]) {
      const key = keyNames.map((k) => r[k]).find((x) => typeof x === 'string' && x) as string | undefined;
      const label = (r.name ?? r.label ?? key) as string | undefined;
      const count = Number(r.incidents ?? r.count ?? 0);
      if (key) rows.push({ key, label: label ?? key, count });
    }
  } else if (v && typeof v === 'object') {
    for (const [key, c] of Object.entries(v as Record<string, unknown>)) {
      rows.push({ key, label: key, count: typeof c === 'number' ? c : Number((c as { incidents?: number })?.incidents ?? 0) });
    }
  }
  return rows.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

const setFilters = (change: (f: Filters) => Filters, replace = false) =>
  update((v) => ({ ...v, explore: { ...v.explore, filters: change(v.explore.filters) } }), { replace });

function set<K extends keyof Filters>(k: K, value: Filters[K] | undefined | '', replace = false): void {
  setFilters((f) => {
    const next = { ...f };
    if (value === undefined || value === '' || value === false) delete next[k];
    else next[k] = value as Filters[K];
    return next;
  }, replace);
}

/** A text box that writes to the URL when the user pauses, not on every key. */
function TextFacet({ name, label, value, placeholder }: { name: 'q' | 'actor'; label: string; value: string; placeholder: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => set(name, text.trim()), 350);
    return () => clearTimeout(t);
  }, [text]);
  return (
    <label>
      {label}
      <input type="search" name={name} value={text} placeholder={placeholder} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
    </label>
  );
}

function Select({ name, label, value, options }: { name: 'country' | 'type'; label: string; value: string; options: Count[] }) {
  const known = options.some((o) => o.key === value);
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => set(name, (e.target as HTMLSelectElement).value)}>
        <option value="">all</option>
        {!known && value && <option value={value}>{value}</option>}
        {options.map((o) => <option value={o.key}>{`${o.label} (${o.count})`}</option>)}
      </select>
    </label>
  );
}

export function Facets({ view }: { view: View }) {
  const f = view.explore.filters;
  const stats = useLoad('stats', () => getJson<Record<string, unknown>>('/api/stats'));
  const s = stats.data ?? {};
  const countries = countsOf(s.by_country ?? s.countries, ['country_code', 'code', 'country', 'key']);
  const types = countsOf(s.by_type ?? s.types, ['type', 'kind', 'key']).map((t) => ({ ...t, label: kindLabel(t.label) }));
  const any = Object.keys(f).length > 0 || view.explore.brush;
  // On a phone the facets fold away behind one line; on a wide screen the toggle is hidden and they always show.
  const [open, setOpen] = useState(false);
  return (
    <aside class={open ? 'facets' : 'facets closed'} aria-label="Filters">
      <button type="button" class="facets-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} Filters{any ? ` (${Object.keys(f).length + (view.explore.brush ? 1 : 0)})` : ''}
      </button>
      <TextFacet name="q" label="Search" value={f.q ?? ''} placeholder="words in the reports" />
      <Select name="country" label="Country" value={f.country ?? ''} options={countries} />
      <Select name="type" label="Type" value={f.type ?? ''} options={types} />
      <TextFacet name="actor" label="Actor" value={f.actor ?? ''} placeholder="perpetrator or target" />
      <div class="dates">
        <label>From<input type="date" name="from" value={f.from ?? ''} onChange={(e) => set('from', (e.target as HTMLInputElement).value)} /></label>
        <label>To<input type="date" name="to" value={f.to ?? ''} onChange={(e) => set('to', (e.target as HTMLInputElement).value)} /></label>
      </div>
      <label>
        Review
        <select name="reviewed" value={f.reviewed ?? ''} onChange={(e) => set('reviewed', (e.target as HTMLSelectElement).value as Filters['reviewed'])}>
          <option value="">any</option>
          <option value="yes">reviewed</option>
          <option value="no">not reviewed</option>
        </select>
      </label>
      <label class="check">
        <input type="checkbox" name="conflicts" checked={!!f.conflicts} onChange={(e) => set('conflicts', (e.target as HTMLInputElement).checked)} />
        Sources disagree
      </label>
      {any && (
        <button type="button" class="link" onClick={() => update((v) => ({ ...v, explore: { ...v.explore, filters: {}, brush: undefined } }))}>
          Clear filters
        </button>
      )}
    </aside>
  );
}
