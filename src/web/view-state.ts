/**
 * The workbench keeps its whole view in the URL (path and query), so a view can be bookmarked or
 * sent to a colleague: the filters, the brushed range, the map's view, the open incident and the
 * value whose evidence is shown. `parseView` and `formatView` are inverses on every state they
 * produce; unknown or malformed parameters are dropped rather than trusted.
 */
import { BIN_SIZES, type BinSize } from './bins.js';

export interface Filters {
  country?: string;
  type?: string;
  actor?: string;
  /** Full-text search. */
  q?: string;
  /** Inclusive ISO dates. */
  from?: string;
  to?: string;
  reviewed?: 'yes' | 'no';
  conflicts?: boolean;
}

export interface MapView {
  lon: number;
  lat: number;
  zoom: number;
}

export interface ExploreView {
  filters: Filters;
  /** The range brushed on the timeline (inclusive ISO days). */
  brush?: [string, string];
  bin?: BinSize;
  map?: MapView;
  /** Filter the list to the map's visible box. */
  inView: boolean;
  /** The box that filter uses: west, south, east, north. */
  bbox?: [number, number, number, number];
  /** Which panes show on a narrow screen. */
  pane?: 'list' | 'map' | 'timeline';
}

export type Route =
  | { name: 'explore' }
  /** `doc` and `spans`: the source document open beside the incident, and the evidence words lit in it. */
  | { name: 'incident'; id: number; field?: string; doc?: string; spans?: [number, number][] }
  | { name: 'document'; id: string; layers?: string[]; spans?: [number, number][] }
  | { name: 'entities'; type?: string }
  | { name: 'entity'; id: number }
  | { name: 'claims'; source?: string; kind?: string }
  | { name: 'login' }
  | { name: 'not-found'; path: string };

export interface View {
  route: Route;
  explore: ExploreView;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const TEXT_KEYS = ['country', 'type', 'actor', 'q'] as const;
const DOC_ID = /^[A-Za-z0-9_-]{1,128}$/;

function str(p: URLSearchParams, key: string): string | undefined {
  const v = p.get(key)?.trim();
  return v ? v.slice(0, 200) : undefined;
}

function date(p: URLSearchParams, key: string): string | undefined {
  const v = str(p, key);
  return v && ISO_DATE.test(v) ? v : undefined;
}

function numbers(v: string | undefined, n: number): number[] | undefined {
  if (!v) return undefined;
  const parts = v.split(',').map((x) => Number(x));
  return parts.length === n && parts.every((x) => Number.isFinite(x)) ? parts : undefined;
}

const SPAN = /^(\d{1,9})-(\d{1,9})$/;
const DIGITS = /^\d{1,12}$/;
/** At most this many evidence spans ride in a URL. */
const MAX_SPANS = 20;

/** "12-20,31-40" → [[12, 20], [31, 40]]; a malformed or empty span is dropped. */
function spansOf(v: string | undefined): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const part of (v ?? '').split(',').slice(0, MAX_SPANS)) {
    const m = SPAN.exec(part);
    if (m && Number(m[2]) > Number(m[1])) out.push([Number(m[1]), Number(m[2])]);
  }
  return out.length ? out : undefined;
}

const formatSpans = (spans: [number, number][]): string => spans.map(([a, b]) => `${a}-${b}`).join(',');

function parseFilters(p: URLSearchParams): Filters {
  const f: Filters = {};
  for (const k of TEXT_KEYS) {
    const v = str(p, k);
    if (v) f[k] = v;
  }
  const from = date(p, 'from');
  const to = date(p, 'to');
  if (from) f.from = from;
  if (to) f.to = to;
  const reviewed = p.get('reviewed');
  if (reviewed === 'yes' || reviewed === 'no') f.reviewed = reviewed;
  if (p.get('conflicts') === '1') f.conflicts = true;
  return f;
}

function parseExplore(p: URLSearchParams): ExploreView {
  const e: ExploreView = { filters: parseFilters(p), inView: p.get('inview') === '1' };
  const b1 = date(p, 'b1');
  const b2 = date(p, 'b2');
  if (b1 && b2) e.brush = b1 <= b2 ? [b1, b2] : [b2, b1];
  const bin = p.get('bin');
  if (bin && (BIN_SIZES as readonly string[]).includes(bin)) e.bin = bin as BinSize;
  const m = numbers(str(p, 'map'), 3);
  if (m && Math.abs(m[1]!) <= 90 && m[2]! >= 0 && m[2]! <= 22) e.map = { lon: m[0]!, lat: m[1]!, zoom: m[2]! };
  const box = numbers(str(p, 'bbox'), 4);
  if (box && box[1]! <= box[3]!) e.bbox = box as [number, number, number, number];
  const pane = p.get('pane');
  if (pane === 'list' || pane === 'map' || pane === 'timeline') e.pane = pane;
  return e;
}

function parseRoute(path: string, p: URLSearchParams): Route {
  const parts = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const [head, id] = parts;
  if (parts.length === 0) return { name: 'explore' };
  if (head === 'incidents' && id && DIGITS.test(id) && parts.length === 2) {
    const r: Route = { name: 'incident', id: Number(id) };
    const field = str(p, 'field');
    const doc = str(p, 'doc');
    const spans = spansOf(p.get('span') ?? undefined);
    if (field) r.field = field;
    if (doc && DOC_ID.test(doc)) r.doc = doc;
    if (spans) r.spans = spans;
    return r;
  }
  if (head === 'documents' && id && DOC_ID.test(id) && parts.length === 2) {
    const r: Route = { name: 'document', id };
    const layers = str(p, 'layers');
    const spans = spansOf(p.get('span') ?? undefined);
    if (layers !== undefined) r.layers = layers.split(',').filter(Boolean);
    if (spans) r.spans = spans;
    return r;
  }
  if (head === 'entities' && parts.length === 1) return withOpt({ name: 'entities' }, 'type', str(p, 'etype'));
  if (head === 'entities' && id && DIGITS.test(id) && parts.length === 2) return { name: 'entity', id: Number(id) };
  if (head === 'claims' && parts.length === 1) {
    return withOpt(withOpt({ name: 'claims' }, 'source', str(p, 'source')), 'kind', str(p, 'kind'));
  }
  if (head === 'login' && parts.length === 1) return { name: 'login' };
  return { name: 'not-found', path };
}

function withOpt<R extends Route>(r: R, key: string, v: string | undefined): R {
  return v ? { ...r, [key]: v } : r;
}

/** The view a URL's path and query describe. */
export function parseView(path: string, search: string): View {
  const p = new URLSearchParams(search);
  return { route: parseRoute(path, p), explore: parseExplore(p) };
}

function formatFilters(f: Filters, q: URLSearchParams): void {
  for (const k of TEXT_KEYS) if (f[k]) q.set(k, f[k]!);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.reviewed) q.set('reviewed', f.reviewed);
  if (f.conflicts) q.set('conflicts', '1');
}

/** Round a coordinate for the URL: 4 decimals is about 10 m. */
const r4 = (x: number): string => String(Math.round(x * 1e4) / 1e4);

function formatExplore(e: ExploreView, q: URLSearchParams): void {
  formatFilters(e.filters, q);
  if (e.brush) {
    q.set('b1', e.brush[0]);
    q.set('b2', e.brush[1]);
  }
  if (e.bin) q.set('bin', e.bin);
  if (e.map) q.set('map', [r4(e.map.lon), r4(e.map.lat), String(Math.round(e.map.zoom * 100) / 100)].join(','));
  if (e.inView) q.set('inview', '1');
  if (e.inView && e.bbox) q.set('bbox', e.bbox.map(r4).join(','));
  if (e.pane) q.set('pane', e.pane);
}

function formatRoute(r: Route, q: URLSearchParams): string {
  switch (r.name) {
    case 'explore':
      return '/';
    case 'incident':
      if (r.field) q.set('field', r.field);
      if (r.doc) q.set('doc', r.doc);
      if (r.spans) q.set('span', formatSpans(r.spans));
      return `/incidents/${r.id}`;
    case 'document':
      if (r.layers) q.set('layers', r.layers.join(','));
      if (r.spans) q.set('span', formatSpans(r.spans));
      return `/documents/${encodeURIComponent(r.id)}`;
    case 'entities':
      if (r.type) q.set('etype', r.type); // not `type`: that is the list's facet, which rides along
      return '/entities';
    case 'entity':
      return `/entities/${r.id}`;
    case 'claims':
      if (r.source) q.set('source', r.source);
      if (r.kind) q.set('kind', r.kind);
      return '/claims';
    case 'login':
      return '/login';
    case 'not-found':
      return r.path;
  }
}

/**
 * The URL (path and query) for a view. The explore state rides along on every page, so going back
 * to the list from an incident keeps its filters.
 */
export function formatView(v: View): string {
  const q = new URLSearchParams();
  const path = formatRoute(v.route, q);
  formatExplore(v.explore, q);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The filters the list and the map apply: the facets, narrowed by the brushed range and the map box. */
export function effectiveFilters(e: ExploreView): Filters & { bbox?: [number, number, number, number] } {
  const f: Filters & { bbox?: [number, number, number, number] } = { ...e.filters };
  if (e.brush) {
    f.from = f.from && f.from > e.brush[0] ? f.from : e.brush[0];
    f.to = f.to && f.to < e.brush[1] ? f.to : e.brush[1];
  }
  if (e.inView && e.bbox) f.bbox = e.bbox;
  return f;
}
