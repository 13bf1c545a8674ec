/**
 * The timeline's arithmetic: incidents and deaths per day, week (starting Monday) or month, with
 * empty bins filled so the bars sit on a true time axis, and the date range a brush covers.
 * Dates are ISO strings at any precision ("2024", "2024-03", "2024-03-22"); an incident dated to a
 * month or a year falls in the bin holding its first day.
 */

export type BinSize = 'day' | 'week' | 'month';
export const BIN_SIZES: readonly BinSize[] = ['day', 'week', 'month'];

export interface Dated {
  date: string | null;
  deaths: number | null;
}

export interface Bin {
  /** The bin's first day, YYYY-MM-DD. */
  start: string;
  /** The bin's last day, YYYY-MM-DD. */
  end: string;
  incidents: number;
  deaths: number;
}

const DAY_MS = 86_400_000;
/** More bins than this and the caller should pick a coarser size (a day bar under a pixel wide). */
export const MAX_BINS = 2000;

/** The first day an ISO date of any precision names, as a UTC time; null when it is not a date. */
export function firstDay(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map((p) => Number(p));
  if (y === undefined || !Number.isInteger(y)) return null;
  const t = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  return Number.isNaN(t) ? null : t;
}

export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The start of the bin holding time `t`. */
export function binStart(t: number, size: BinSize): number {
  const d = new Date(t);
  if (size === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (size === 'week') return t - ((d.getUTCDay() + 6) % 7) * DAY_MS;
  return t;
}

/** The start of the bin after the one starting at `t`. */
export function nextBin(t: number, size: BinSize): number {
  if (size === 'month') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return t + (size === 'week' ? 7 : 1) * DAY_MS;
}

/** The size that gives at most `max` bins over the dates' span (finest first). */
export function fitSize(items: readonly Dated[], max = 400): BinSize {
  const ts = items.map((i) => firstDay(i.date)).filter((t): t is number => t !== null);
  if (ts.length === 0) return 'month';
  const span = (Math.max(...ts) - Math.min(...ts)) / DAY_MS;
  if (span < max) return 'day';
  return span / 7 < max ? 'week' : 'month';
}

/** Bins from the earliest to the latest dated item, gaps filled with zeros; undated items are left out. */
export function binsOf(items: readonly Dated[], size: BinSize): Bin[] {
  const byStart = new Map<number, { incidents: number; deaths: number }>();
  for (const it of items) {
    const t = firstDay(it.date);
    if (t === null) continue;
    const s = binStart(t, size);
    const b = byStart.get(s) ?? { incidents: 0, deaths: 0 };
    b.incidents += 1;
    b.deaths += it.deaths ?? 0;
    byStart.set(s, b);
  }
  if (byStart.size === 0) return [];
  const starts = [...byStart.keys()];
  const bins: Bin[] = [];
  for (let s = Math.min(...starts); s <= Math.max(...starts) && bins.length < MAX_BINS; s = nextBin(s, size)) {
    const b = byStart.get(s) ?? { incidents: 0, deaths: 0 };
    bins.push({ start: isoDay(s), end: isoDay(nextBin(s, size) - DAY_MS), ...b });
  }
  return bins;
}

/** The date range bins i..j (either order, clamped) cover: [first day, last day]. */
export function rangeOf(bins: readonly Bin[], i: number, j: number): [string, string] | null {
  if (bins.length === 0) return null;
  const clamp = (k: number): number => Math.max(0, Math.min(bins.length - 1, Math.floor(k)));
  const a = clamp(Math.min(i, j));
  const b = clamp(Math.max(i, j));
  return [bins[a]!.start, bins[b]!.end];
}

/** Whether bin `b` lies inside the range [from, to] (inclusive ISO days). */
export function inRange(b: Bin, range: readonly [string, string] | null | undefined): boolean {
  return !range || (b.start >= range[0] && b.end <= range[1]);
}
