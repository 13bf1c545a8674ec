/**
 * The main page: facets, the timeline, the map and the incident list, all driven by the URL. The
 * timeline and the map draw every incident the facets keep (fetched in pages up to POINTS_MAX);
 * the list shows the same set narrowed by the brushed range and, when asked, the map's view.
 */
import { useRef, useState } from 'preact/hooks';
import { effectiveFilters, fitSize, inRange, type ExploreView, type View } from '../../../src/web/index.js';
import { filterParams, getJson } from '../api.js';
import { IncidentMap, type MapMove } from '../components/map.js';
import { Timeline } from '../components/timeline.js';
import { useLoad } from '../hooks.js';
import { go, update } from '../router.js';
import type { IncidentList, IncidentSummary } from '../types.js';
import { Facets } from './facets.js';
import { IncidentTable } from './incident-table.js';
import { canWrite, useSession } from '../session.js';
import { Upload } from './upload.js';

/** The most incidents the timeline and the map draw; beyond it they say so. */
const POINTS_MAX = 5000;
const PAGE = 500;

async function allPoints(filters: Record<string, string | undefined>): Promise<{ incidents: IncidentSummary[]; capped: boolean }> {
  const out: IncidentSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: IncidentList = await getJson<IncidentList>('/api/incidents', { ...filters, limit: PAGE, cursor });
    out.push(...page.incidents);
    cursor = page.next;
  } while (cursor && out.length < POINTS_MAX);
  return { incidents: out, capped: cursor !== null };
}

const setExplore = (change: (e: ExploreView) => ExploreView, replace = false) =>
  update((v) => ({ ...v, explore: change(v.explore) }), { replace });

export function Explore({ view }: { view: View }) {
  const e = view.explore;
  const { session } = useSession();
  // Moved on by an upload, so the list, the timeline and the map read the store again.
  const [gen, setGen] = useState(0);
  const facetParams = filterParams(e.filters);
  const points = useLoad(`${gen}:${JSON.stringify(facetParams)}`, () => allPoints(facetParams), true);
  const all = points.data?.incidents ?? [];
  const dated = all.map((i) => ({ date: i.date, deaths: i.killed }));
  const size = e.bin ?? fitSize(dated);
  const onMap = e.brush ? all.filter((i) => inRange({ start: i.date ?? '', end: i.date ?? '', incidents: 0, deaths: 0 }, e.brush)) : all;
  const pane = e.pane ?? 'list';
  // The box the map shows now, whoever moved it: ticking "filter by map view" uses it at once.
  const shown = useRef<[number, number, number, number] | undefined>(undefined);
  const onMove = (m: MapMove) => {
    shown.current = m.bbox;
    if (m.user) setExplore((x) => ({ ...x, map: m.view, bbox: m.bbox }), true);
  };
  const setInView = (on: boolean) => setExplore((x) => ({ ...x, inView: on, bbox: on ? (x.bbox ?? shown.current) : x.bbox }));
  return (
    <main class={`explore pane-${pane}`}>
      <Facets view={view} />
      <div class="panes" role="tablist" aria-label="Show">
        {(['list', 'map', 'timeline'] as const).map((p) => (
          <button type="button" role="tab" aria-selected={pane === p} class={pane === p ? 'on' : ''} onClick={() => setExplore((x) => ({ ...x, pane: p }), true)}>{p}</button>
        ))}
      </div>
      <Timeline
        items={dated}
        size={size}
        brush={e.brush}
        onBrush={(b) => setExplore((x) => ({ ...x, brush: b }))}
        onSize={(s) => setExplore((x) => ({ ...x, bin: s }))}
      />
      <div class="map-wrap">
        <IncidentMap incidents={onMap} view={e.map} onMove={onMove} onPick={(id) => go({ ...view, route: { name: 'incident', id } })} />
        <label class="inview">
          <input type="checkbox" checked={e.inView} onChange={(ev) => setInView((ev.target as HTMLInputElement).checked)} />
          Filter the list by the map view
        </label>
        {points.data?.capped && <p class="muted">The map and timeline show the first {POINTS_MAX} incidents.</p>}
      </div>
      <div class="list-wrap">
        {canWrite(session) && <Upload view={view} onDone={() => setGen((g) => g + 1)} />}
        <IncidentTable view={view} filters={effectiveFilters(e)} gen={gen} />
      </div>
    </main>
  );
}
