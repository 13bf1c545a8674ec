import type { IncidentFilter, Store } from '../store/index.js';
import { badParam } from './errors.js';

export type ApiFilter = IncidentFilter;

export interface FilterQuery {
  from?: string | undefined;
  to?: string | undefined;
  country?: string | undefined;
  admin1?: string | undefined;
  type?: string | undefined;
  actor?: string | undefined;
  text?: string | undefined;
  bbox?: string | undefined;
  has_conflicts?: boolean | undefined;
  reviewed?: boolean | undefined;
  include_rejected?: boolean | undefined;
}

/** The store filter for a validated query; a range that cannot hold anything is a 400 naming the bound. */
export function filterOf(q: FilterQuery): ApiFilter {
  const f: ApiFilter = {};
  if (q.from && q.to) {
    const n = Math.min(q.from.length, q.to.length);
    if (q.from.slice(0, n) > q.to.slice(0, n)) throw badParam('to', `${q.to} is before from=${q.from}`);
  }
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  if (q.country) f.country = q.country;
  if (q.admin1) f.admin1 = q.admin1;
  if (q.type) f.type = q.type;
  if (q.actor) f.actor = q.actor;
  if (q.text) f.text = q.text;
  if (q.bbox) f.bbox = bboxOf(q.bbox);
  if (q.has_conflicts !== undefined) f.hasConflicts = q.has_conflicts;
  if (q.reviewed !== undefined) f.reviewed = q.reviewed;
  if (q.include_rejected) f.excludeRejected = false;
  return f;
}

function bboxOf(v: string): [number, number, number, number] {
  const [w, s, e, n] = v.split(',').map(Number) as [number, number, number, number];
  if (w < -180 || e > 180 || s < -90 || n > 90 || w > e || s > n) throw badParam('bbox', `west,south,east,north in degrees with west ≤ east and south ≤ north, not "${v}"`);
  return [w, s, e, n];
}

/** How many incidents a filter keeps. */
export function countIncidents(store: Store, filter: ApiFilter): Promise<number> {
  return store.countIncidents(filter);
}
