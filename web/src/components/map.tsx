/**
 * The incident map: MapLibre GL over an offline basemap (world-atlas country shapes, served from this
 * server as a file), incident points clustered and sized by deaths. MapLibre loads on its own chunk
 * and its worker from this origin, so the strict CSP holds and the list never waits for it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MapView } from '../../../src/web/index.js';
import type { IncidentSummary } from '../types.js';

export interface MapMove {
  view: MapView;
  bbox: [number, number, number, number];
  /** The user moved it (not the opening fit): the view belongs in the URL. */
  user: boolean;
}

interface Props {
  incidents: IncidentSummary[];
  view: MapView | undefined;
  onMove: (m: MapMove) => void;
  onPick: (id: number) => void;
}

type GeoJSON = { type: 'FeatureCollection'; features: unknown[] };

function pointsOf(incidents: readonly IncidentSummary[]): GeoJSON {
  const features = incidents
    .filter((i) => i.place?.lat != null && i.place?.lon != null)
    .map((i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [i.place!.lon, i.place!.lat] },
      properties: { id: i.incident_id, deaths: i.killed ?? 0, label: i.label },
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

async function basemap(): Promise<GeoJSON> {
  const [{ default: url }, { feature }] = await Promise.all([
    import('world-atlas/countries-50m.json?url'),
    import('topojson-client'),
  ]);
  const topo = (await (await fetch(url)).json()) as Any;
  return unwrapAll(feature(topo, topo.objects.countries) as unknown as GeoJSON);
}

function style(land: GeoJSON, points: GeoJSON): Any {
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: land },
      incidents: { type: 'geojson', data: points, cluster: true, clusterRadius: 40, clusterMaxZoom: 9, clusterProperties: { deaths: ['+', ['get', 'deaths']] } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dfe8ee' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f7f5f0', 'fill-outline-color': '#b9b4a8' } },
      { id: 'borders', type: 'line', source: 'land', paint: { 'line-color': '#b9b4a8', 'line-width': 0.6 } },
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
    void (async () => {
      const [maplibre, { default: workerUrl }, land] = await Promise.all([
        import('maplibre-gl'),
        import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
        basemap(),
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
        container.current?.setAttribute('data-ready', '1');
      });
      wire(m, maplibre, latest);
      map.current = m;
    })().catch((e: Error) => setError(e.message));
    return () => {
      gone = true;
      map.current?.remove();
    };
  }, []);
  useEffect(sync, [props.incidents]);
  const n = props.incidents.filter((i) => i.place?.lat != null).length;
  return (
    <section class="map" aria-label="Map">
      <div ref={container} class="map-box" data-points={n} />
      {error && <p class="error">The map could not start: {error}</p>}
    </section>
  );
}
