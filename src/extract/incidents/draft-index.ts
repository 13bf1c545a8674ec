import { dayKey, dayState } from './calendar.js';
import { cityKey, distinctive, isCityMention, isRegionMention, regionKey } from './geo.js';
import type { Draft, Hit, Signature } from './types.js';

/** What DraftIndex knows of a draft: how much of it is indexed, and the buckets it belongs to now. */
interface DraftEntry {
  facilities: number;
  places: number;
  dates: number;
  titleOnly: boolean;
  cities: string[];
  day: string;
}

/**
 * Drafts by the anchors through which `sameIncident` can join a new mention
 * to them, so that a mention is compared with the few drafts it could join
 * rather than with every draft before it (which made long documents
 * quadratic). `first(h, sig, test)` visits a superset of the drafts for
 * which `sameIncident` holds, in draft order, and stops at the first that
 * passes `test`: the same draft as a scan of all drafts finds. The buckets:
 *  - drafts told so far only in the title (or not specifically),
 *  - drafts sharing a distinctive facility word,
 *  - drafts with a city in a region the mention names,
 *  - drafts dated the same day,
 *  - drafts sharing a city, when the mention is definite or dated (a shared
 *    city alone never joins). When the mention gives one full date, only
 *    drafts with that same date, or with no single full date, can join; the
 *    drafts of that city on other full dates are skipped unread.
 * `note` must be called whenever a hit is added to a draft.
 */
export class DraftIndex {
  /** Bucket key → drafts, ascending by index. A draft that has left a bucket stays listed but fails `holds`. */
  private readonly buckets = new Map<string, Draft[]>();
  private readonly entries = new Map<Draft, DraftEntry>();

  private put(key: string, d: Draft): void {
    let list = this.buckets.get(key);
    if (!list) this.buckets.set(key, (list = []));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.index <= d.index) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && list[lo - 1] === d) return;
    list.splice(lo, 0, d);
  }

  /** Whether a listed draft still belongs to the bucket (title-only and date buckets change as drafts grow). */
  private holds(key: string, d: Draft): boolean {
    const e = this.entries.get(d)!;
    if (key === 't') return e.titleOnly;
    if (key.startsWith('cd:')) return key.endsWith(`|${e.day}`);
    if (key.startsWith('cx:')) return e.day === 'none' || e.day === 'mixed';
    return true;
  }

  note(d: Draft, h: Hit): void {
    let e = this.entries.get(d);
    if (!e) this.entries.set(d, (e = { facilities: 0, places: 0, dates: 0, titleOnly: false, cities: [], day: 'none' }));
    if (h.inTitle || h.mode !== 'specific') {
      if (d.hits.length === 1) {
        e.titleOnly = true;
        this.put('t', d);
      }
    } else e.titleOnly = false;
    for (; e.facilities < d.facilities.length; e.facilities++) for (const w of distinctive(d.facilities[e.facilities]!)) this.put(`f:${w}`, d);
    const dayBucket = (city: string): string => (e!.day === 'none' || e!.day === 'mixed' ? `cx:${city}` : `cd:${city}|${e!.day}`);
    const day = e.day;
    for (; e.dates < d.dates.length; e.dates++) {
      const v = d.dates[e.dates]!.m.value;
      const k = dayKey(v);
      if (k) this.put(`d:${k}`, d);
      e.day = dayState([v], e.day);
    }
    if (e.day !== day) for (const city of e.cities) this.put(dayBucket(city), d);
    for (; e.places < d.places.length; e.places++) {
      const p = d.places[e.places]!;
      if (!isCityMention(p)) continue;
      this.put(`r:${regionKey(p.place!)}`, d);
      const city = cityKey(p.place!);
      if (e.cities.includes(city)) continue;
      e.cities.push(city);
      this.put(`c:${city}`, d);
      this.put(dayBucket(city), d);
    }
  }

  /** The buckets that hold every draft `sameIncident` could join the mention to. */
  private bucketsFor(h: Hit, sig: Signature): string[] {
    const keys = ['t'];
    for (const f of sig.facilities) for (const w of distinctive(f)) keys.push(`f:${w}`);
    for (const p of sig.places) if (isRegionMention(p)) keys.push(`r:${regionKey(p.place!)}`);
    for (const x of sig.dates) {
      const k = dayKey(x.value);
      if (k) keys.push(`d:${k}`);
    }
    if (h.definite || sig.dates.length) {
      // A draft on another full date clashes with a mention that gives one full date.
      const day = sig.dates.length ? dayState(sig.dates.map((x) => x.value)) : 'none';
      for (const p of sig.places) {
        if (!isCityMention(p)) continue;
        const city = cityKey(p.place!);
        if (day === 'none' || day === 'mixed') keys.push(`c:${city}`);
        else keys.push(`cd:${city}|${day}`, `cx:${city}`);
      }
    }
    return keys;
  }

  /** The first draft, in draft order, among those the mention could join, that passes `test`. */
  first(h: Hit, sig: Signature, test: (d: Draft) => boolean): Draft | undefined {
    // sameIncident never joins an arrest to an earlier draft.
    if (h.kind === 'arrest') return undefined;
    const lists = [...new Set(this.bucketsFor(h, sig))].flatMap((k) => {
      const list = this.buckets.get(k);
      return list ? [{ key: k, list, at: 0 }] : [];
    });
    let last = -1;
    for (;;) {
      // The next draft in order across the buckets (there are only a few).
      let next: (typeof lists)[number] | null = null;
      for (const l of lists) if (l.at < l.list.length && (!next || l.list[l.at]!.index < next.list[next.at]!.index)) next = l;
      if (!next) return undefined;
      const d = next.list[next.at++]!;
      if (d.index === last || !this.holds(next.key, d)) continue;
      last = d.index;
      if (test(d)) return d;
    }
  }
}
