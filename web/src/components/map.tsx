/**
 * The incident map: MapLibre GL over an offline basemap (world-atlas country shapes, served from this
 * server as a file), incident points clustered and sized by deaths. MapLibre loads on its own chunk
 * and its worker from this origin, so the strict CSP holds and the list never waits for it.
 *
 * The basemap comes at two scales, as Natural Earth makes it to be drawn: the 1:110m shapes for the
 * world and continents, the 1:50m ones once the map is zoomed in far enough to show their detail.
 * The 1:50m file is seven times the size (756 KB against 108 KB) and costs a browser without a GPU
 * about a second of CPU to cut into tiles and draw (3.0–3.7 s against 2.3–2.6 s for opening the page,
 * 2026-12-02), so it loads only when the map first goes that deep.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MapView } from '../../../src/web/index.js';
import type { IncidentPoint } from '../types.js';

export interface MapMove {
  view: MapView;
  bbox: [number, number, number, number];
  /** The user moved it (not the opening fit): the view belongs in the URL. */
  user: boolean;
}

interface Props {
  /** From /api/points: [id, lat, lon, date, killed]. */
  incidents: IncidentPoint[];
  view: MapView | undefined;
  onMove: (m: MapMove) => void;
  onPick: (id: number) => void;
}

type GeoJSON = { type: 'FeatureCollection'; features: unknown[] };

const placed = (p: IncidentPoint): boolean => p[1] !== null && p[2] !== null;

function pointsOf(incidents: readonly IncidentPoint[]): GeoJSON {
  const features = incidents.filter(placed).map(([id, lat, lon, date, killed]) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { id, deaths: killed ?? 0, label: `Incident ${id}${date ? `, ${date}` : ''}` },
  }));
  return { type: 'FeatureCollection', features };
}

/** Radius in pixels from deaths: area grows with deaths (radius with the square root), 5 px for none, 34 px at most. */
const RADIUS = ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'deaths'], 0]], 0, 5, 5, 11, 20, 26, 30, 34];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/**
 * Rings that cross the antimeridian (Russia's far east, Fiji) jump from 180° to -180° and back, which
 * the map draws as lines across the world: shift each point by 360° so every step is under 180°.
 */
function unwrap(ring: [number, number][]): [number, number][] {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    const prev = ring[i - 1];
    if (prev && lon - prev[0] > 180) shift -= 360;
    else if (prev && prev[0] - lon > 180) shift += 360;
    return [lon + shift, lat];
  });
}

function unwrapAll(fc: GeoJSON): GeoJSON {
  for (const f of fc.features as { geometry: { type: string; coordinates: Any } | null }[]) {
    const g = f.geometry;
    if (g?.type === 'Polygon') g.coordinates = g.coordinates.map(unwrap);
    if (g?.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p: [number, number][][]) => p.map(unwrap));
  }
  return fc;
}

/**
 * The zoom from which the 1:50m shapes are drawn. At zoom 2 a web map shows the world at about
 * 1:140 million and at zoom 3 at about 1:70 million: from there the 1:110m shapes are drawn larger
 * than the scale they were simplified for, and their coasts and borders turn visibly angular.
 */
const DETAIL_ZOOM = 3;
/** Start fetching the 1:50m shapes a little before they are needed, so a zoom in rarely waits for them. */
const DETAIL_PREFETCH = 0.5;

type Scale = '110m' | '50m';

async function basemap(scale: Scale): Promise<GeoJSON> {
  const [{ default: url }, { feature }] = await Promise.all([
    scale === '110m' ? import('world-atlas/countries-110m.json?url') : import('world-atlas/countries-50m.json?url'),
    import('topojson-client'),
  ]);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the ${scale} basemap answered ${res.status}`);
  const topo = (await res.json()) as Any;
  return unwrapAll(feature(topo, topo.objects.countries) as unknown as GeoJSON);
}

const EMPTY: GeoJSON = { type: 'FeatureCollection', features: [] };
const LAND_PAINT = { 'fill-color': '#f7f5f0', 'fill-outline-color': '#b9b4a8' };
const BORDER_PAINT = { 'line-color': '#b9b4a8', 'line-width': 0.6 };

function style(land: GeoJSON, points: GeoJSON): Any {
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: land },
      // Empty until the map first nears DETAIL_ZOOM (loadDetail).
      detail: { type: 'geojson', data: EMPTY },
      incidents: { type: 'geojson', data: points, cluster: true, clusterRadius: 40, clusterMaxZoom: 9, clusterProperties: { deaths: ['+', ['get', 'deaths']] } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dfe8ee' } },
      // The 1:110m shapes at every zoom until the 1:50m ones have come, then only below DETAIL_ZOOM.
      { id: 'land', type: 'fill', source: 'land', paint: LAND_PAINT },
      { id: 'borders', type: 'line', source: 'land', paint: BORDER_PAINT },
      { id: 'land-detail', type: 'fill', source: 'detail', minzoom: DETAIL_ZOOM, paint: LAND_PAINT },
      { id: 'borders-detail', type: 'line', source: 'detail', minzoom: DETAIL_ZOOM, paint: BORDER_PAINT },
      {
        id: 'clusters', type: 'circle', source: 'incidents', filter: ['has', 'point_count'],
        paint: { 'circle-color': '#8a1c1c', 'circle-opacity': 0.55, 'circle-radius': RADIUS, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
      },
      {
        id: 'points', type: 'circle', source: 'incidents', filter: ['!', ['has', 'point_count']],
        paint: { 'circle-color': '#c0392b', 'circle-opacity': 0.75, 'circle-radius': RADIUS, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
      },
    ],
  };
}

function boundsOf(map: Any): [number, number, number, number] {
  const b = map.getBounds();
  const clampLon = (x: number) => Math.max(-180, Math.min(180, x));
  return [clampLon(b.getWest()), Math.max(-90, b.getSouth()), clampLon(b.getEast()), Math.min(90, b.getNorth())];
}

function report(map: Any, props: { current: Props }, user: boolean): void {
  const c = map.getCenter();
  props.current.onMove({ view: { lon: c.lng, lat: c.lat, zoom: map.getZoom() }, bbox: boundsOf(map), user });
}

/** The box around the points, to open the map on them when the URL names no view. */
function extent(points: GeoJSON): [[number, number], [number, number]] | null {
  const cs = points.features.map((f) => (f as { geometry: { coordinates: [number, number] } }).geometry.coordinates);
  if (cs.length === 0) return null;
  const lons = cs.map((c) => c[0]);
  const lats = cs.map((c) => c[1]);
  return [[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]];
}

/**
 * Once the map nears DETAIL_ZOOM, fetch the 1:50m shapes and hand the zooms from there to them. A
 * fetch that fails leaves the 1:110m shapes drawn at every zoom: coarser, but still a map.
 * `gone`: the map has been removed (the page changed while the file came).
 */
function loadDetail(map: Any, container: HTMLElement, gone: () => boolean): void {
  let asked = false;
  const check = () => {
    if (asked || map.getZoom() < DETAIL_ZOOM - DETAIL_PREFETCH) return;
    asked = true;
    map.off('zoom', check);
    // The page says what the map has done ("asked", then "1" once drawn, or "failed"): for tests, and
    // for anyone wondering why the coasts are coarse.
    container.setAttribute('data-detail', 'asked');
    basemap('50m')
      .then((detail) => {
        if (gone()) return;
        map.getSource('detail').setData(detail);
        map.setLayerZoomRange('land', 0, DETAIL_ZOOM);
        map.setLayerZoomRange('borders', 0, DETAIL_ZOOM);
        container.setAttribute('data-detail', '1');
      })
      .catch(() => container.setAttribute('data-detail', 'failed'));
  };
  map.on('zoom', check);
  check();
}

function wire(map: Any, maplibre: Any, props: { current: Props }): void {
  // The opening fit is not the user's choice of view: it is reported, but not as the user's.
  map.on('moveend', (e: Any) => report(map, props, !e.fit));
  map.on('click', 'clusters', async (e: Any) => {
    const f = e.features?.[0];
    const zoom = await map.getSource('incidents').getClusterExpansionZoom(f.properties.cluster_id);
    map.easeTo({ center: f.geometry.coordinates, zoom });
  });
  map.on('click', 'points', (e: Any) => {
    const id = e.features?.[0]?.properties?.id;
    if (typeof id === 'number') props.current.onPick(id);
  });
  const tip = new maplibre.Popup({ closeButton: false, closeOnClick: false, className: 'map-tip' });
  for (const layer of ['clusters', 'points']) {
    map.on('mouseenter', layer, (e: Any) => {
      map.getCanvas().classList.add('pointer');
      const p = e.features?.[0]?.properties ?? {};
      const text = p.point_count ? `${p.point_count} incidents, ${p.deaths} deaths` : `${p.label} — ${p.deaths} deaths`;
      tip.setLngLat(e.features[0].geometry.coordinates).setText(text).addTo(map);
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().classList.remove('pointer');
      tip.remove();
    });
  }
}

/**
 * Calls `start` once `box` is laid out with a size: at once where the map is on screen as the page
 * opens, and on a phone only when the reader picks the map pane (until then its box is display:none).
 * A hidden map used to load MapLibre, its worker and the basemap (1.7 MB, 396 KB as brotli) and draw
 * in WebGL for nobody: on a machine without a GPU that is about a second of CPU per page (2026-12-03).
 */
function whenShown(box: HTMLElement | null, start: () => void): { disconnect(): void } {
  if (!box) return { disconnect: () => undefined };
  const seen = new ResizeObserver((entries) => {
    if (!entries.some((e) => e.contentRect.width > 0 && e.contentRect.height > 0)) return;
    seen.disconnect();
    start();
  });
  seen.observe(box);
  return seen;
}

export function IncidentMap(props: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<Any>(null);
  const latest = useRef(props);
  latest.current = props;
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef(false);
  const fitted = useRef(false);
  /** Show the current points; the first time there are some and the URL names no view, open on them. */
  const sync = () => {
    const m = map.current;
    if (!m || !loaded.current) return;
    const points = pointsOf(latest.current.incidents);
    m.getSource('incidents')?.setData(points);
    const box = fitted.current || latest.current.view ? null : extent(points);
    if (box) {
      fitted.current = true;
      m.fitBounds(box, { padding: 40, maxZoom: 4, animate: false }, { fit: true });
    }
  };
  useEffect(() => {
    let gone = false;
    const start = () => void (async () => {
      const [maplibre, { default: workerUrl }, land] = await Promise.all([
        import('maplibre-gl'),
        import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
        basemap('110m'),
        import('maplibre-gl/dist/maplibre-gl.css'),
      ]);
      if (gone || !container.current) return;
      maplibre.setWorkerUrl(workerUrl);
      const v = latest.current.view;
      const m = new maplibre.Map({
        container: container.current,
        style: style(land, pointsOf(latest.current.incidents)),
        center: v ? [v.lon, v.lat] : [20, 25],
        zoom: v?.zoom ?? 1,
        attributionControl: false,
        renderWorldCopies: false,
      });
      m.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      m.on('load', () => {
        loaded.current = true;
        report(m, latest, false);
        sync();
        if (container.current) loadDetail(m, container.current, () => gone);
        container.current?.setAttribute('data-ready', '1');
      });
      wire(m, maplibre, latest);
      map.current = m;
    })().catch((e: Error) => setError(e.message));
    const shown = whenShown(container.current, start);
    return () => {
      gone = true;
      shown.disconnect();
      map.current?.remove();
    };
  }, []);
  useEffect(sync, [props.incidents]);
  const n = props.incidents.filter(placed).length;
  return (
    <section class="map" aria-label="Map">
      <div ref={container} class="map-box" data-points={n} />
      {error && <p class="error">The map could not start: {error}</p>}
    </section>
  );
}
