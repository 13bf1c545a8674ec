import { existsSync } from 'node:fs';
import type { HeadlinePolicy } from '../resolve/index.js';
import { DEFAULT_DB, isPostgresUrl, openStore, type IncidentFilter, type Store } from '../store/index.js';
import { usage, type Args } from './spec.js';
import { DossierError } from '../model/index.js';

/** What the commands that read a store share: which store, opening it, and the filters of `incidents` and `export`. */

/** The store a command uses: --db, else $DOSSIER_DB (a file or a postgres:// URL), else ./dossier.db. */
export function targetOf(db: string | undefined): string {
  return db ?? (process.env.DOSSIER_DB || DEFAULT_DB);
}

/** An existing store, never a new empty one (a typo in --db is an error, not an empty listing). */
export function openExisting(db: string | undefined, opts: { readonly?: boolean } = { readonly: true }): Promise<Store> {
  const target = targetOf(db);
  if (!isPostgresUrl(target) && !existsSync(target)) throw new DossierError('E_NOT_FOUND', 'no database here yet: run `dossier ingest PATH…` first, or pass --db', target);
  return openStore(target, { readonly: opts.readonly !== false });
}

/** Runs `fn` on the existing store, and closes it whatever happens. */
export async function withExisting<T>(db: string | undefined, fn: (s: Store) => Promise<T>, opts: { readonly?: boolean } = { readonly: true }): Promise<T> {
  const store = await openExisting(db, opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** --policy, already checked against its choices by the parser. */
export function policyOf(a: Args): HeadlinePolicy {
  return (a.string('policy') ?? 'conservative') as HeadlinePolicy;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DIGITS = /^\d+$/;

function checkDate(v: string | undefined, name: string): string | undefined {
  if (v !== undefined && !DATE.test(v)) usage(`${name} takes a date like 2024, 2024-03 or 2024-03-22, not "${v}"`);
  return v;
}

/** `--bbox west,south,east,north` in degrees, checked. */
function bboxOf(v: string | undefined): [number, number, number, number] | undefined {
  if (v === undefined) return undefined;
  const n = v.split(',').map((x) => Number(x.trim()));
  const [w, s, e, no] = n;
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || w! < -180 || e! > 180 || s! < -90 || no! > 90 || w! > e! || s! > no!) {
    usage(`--bbox takes west,south,east,north in degrees (west ≤ east, south ≤ north), not "${v}"`);
  }
  return [w!, s!, e!, no!];
}

/** The filters `incidents` and `export` share, checked. */
export function filterOf(a: Args): IncidentFilter {
  const filter: IncidentFilter = {};
  const from = checkDate(a.string('from'), '--from');
  const to = checkDate(a.string('to'), '--to');
  if (from && to && from.slice(0, Math.min(from.length, to.length)) > to.slice(0, Math.min(from.length, to.length))) usage(`--from ${from} is after --to ${to}`);
  if (from) filter.from = from;
  if (to) filter.to = to;
  for (const k of ['country', 'type', 'text', 'actor'] as const) {
    const v = a.string(k);
    if (v) filter[k] = v;
  }
  const bbox = bboxOf(a.string('bbox'));
  if (bbox) filter.bbox = bbox;
  return filter;
}

/** A whole number option within bounds, or undefined when not given. */
export function intOption(a: Args, name: string, min: number, max = Number.MAX_SAFE_INTEGER, what = ''): number | undefined {
  const v = a.string(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(DIGITS.test(v.trim()) && Number.isSafeInteger(n) && n >= min && n <= max)) {
    usage(`--${name} takes a whole number${what ? ` of ${what}` : ''} from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, not "${v}"`);
  }
  return n;
}
