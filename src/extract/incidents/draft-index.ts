import { firstAtLeast } from '../../nlp/bisect.js';
import { dayKey, dayState } from './calendar.js';
import { cityKey, distinctive, isCityMention, isRegionMention, regionKey } from './geo.js';
import type { Draft, Hit, MentionView } from './types.js';

/** What DraftIndex knows of a draft: how much of it is indexed, and the buckets it belongs to now. */
interface DraftEntry {
  facilities: number;
  places: number;
  dates: number;
  titleOnly: boolean;
  cities: string[];
  day: string;
  /** The buckets the draft has been put in (it may since have left those `holds` rules on). */
  keys: Set<string>;
}

/**
 * What a view's last search established: every draft in its buckets with
 * an index below `below` failed the test, as it stood when `at` notes had
 * been made. A draft noted since may answer otherwise and is read again.
 */
interface Known {
  below: number;
  at: number;
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
 *
 * A document that names one city over and over in mentions that join
 * nothing ("Paris attacks: … Paris attacks: …", thousands of times) would
 * still compare each mention with every draft before it. So the index
 * remembers, for each mention view, how far its last search read and failed;
 * the next mention with an equal view reads only the drafts noted since and
 * the drafts past that point. The test must be a function of the view and
 * the draft alone (`sameIncident` reads only a MentionView), so the answer
 * is the one a full scan gives.
 */
export class DraftIndex {
  /** Bucket key → drafts, ascending by index. A draft that has left a bucket stays listed but fails `holds`. */
  private readonly buckets = new Map<string, Draft[]>();
  private readonly entries = new Map<Draft, DraftEntry>();
  /** Every note, in order: the drafts changed since a point are the tail of this list. */
  private readonly noted: Draft[] = [];
  /** Mention view (as JSON) → what its last search established. */
  private readonly known = new Map<string, Known>();

  private put(key: string, d: Draft): void {
    this.entries.get(d)!.keys.add(key);
    let list = this.buckets.get(key);
    if (!list) this.buckets.set(key, (list = []));
    // After every draft of its index or lower (indexes are whole numbers).
    const lo = firstAtLeast(list, d.index + 1, (x) => x.index);
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
    if (!e) this.entries.set(d, (e = { facilities: 0, places: 0, dates: 0, titleOnly: false, cities: [], day: 'none', keys: new Set() }));
    this.noted.push(d);
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
  private bucketsFor(m: MentionView): string[] {
    const keys = ['t'];
    for (const f of m.facilities) for (const w of distinctive(f)) keys.push(`f:${w}`);
    for (const p of m.places) if (isRegionMention(p)) keys.push(`r:${regionKey(p.place!)}`);
    for (const x of m.dates) {
      const k = dayKey(x.value);
      if (k) keys.push(`d:${k}`);
    }
    if (m.definite || m.dates.length) {
      // A draft on another full date clashes with a mention that gives one full date.
      const day = m.dates.length ? dayState(m.dates.map((x) => x.value)) : 'none';
      for (const p of m.places) {
        if (!isCityMention(p)) continue;
        const city = cityKey(p.place!);
        if (day === 'none' || day === 'mixed') keys.push(`c:${city}`);
        else keys.push(`cd:${city}|${day}`, `cx:${city}`);
      }
    }
    return [...new Set(keys)];
  }

  /** The first draft, in draft order, among those the mention could join, that passes `test`. */
  first(m: MentionView, test: (d: Draft) => boolean): Draft | undefined {
    // sameIncident never joins an arrest to an earlier draft.
    if (m.kind === 'arrest') return undefined;
    const keys = this.bucketsFor(m);
    const memo = JSON.stringify(m);
    const known = this.known.get(memo) ?? { below: 0, at: this.noted.length };
    const found = this.firstNotedSince(keys, known, test) ?? this.firstFrom(keys, known.below, test);
    this.known.set(memo, { below: found ? found.index : Infinity, at: this.noted.length });
    return found;
  }

  /** Among the drafts below `known.below` noted since `known.at` and in the buckets now, the first that passes. */
  private firstNotedSince(keys: readonly string[], known: Known, test: (d: Draft) => boolean): Draft | undefined {
    const since = new Set<Draft>();
    for (let i = known.at; i < this.noted.length; i++) {
      const d = this.noted[i]!;
      if (d.index < known.below && keys.some((k) => this.entries.get(d)!.keys.has(k) && this.holds(k, d))) since.add(d);
    }
    for (const d of [...since].sort((a, b) => a.index - b.index)) if (test(d)) return d;
    return undefined;
  }

  /** The first draft from index `from` on, in draft order across the buckets, that passes. */
  private firstFrom(keys: readonly string[], from: number, test: (d: Draft) => boolean): Draft | undefined {
    const lists = keys.flatMap((k) => {
      const list = this.buckets.get(k);
      return list ? [{ key: k, list, at: firstAtLeast(list, from, (d) => d.index) }] : [];
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
