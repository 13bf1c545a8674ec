/**
 * Counts of incidents (the API's `with_total`) cached per filter under the store's write revision
 * (migration 15: one row every write transaction bumps, in that transaction). A count is served
 * as it is while the revision it was counted under is still the store's.
 *
 * After a write, a count that kept its members (the ids of the incidents it counted) is brought up
 * to date instead of counted again: migration 17 records which incidents each write transaction
 * changed (`incident_touches`, labelled with its revision), and only those are tested against the
 * filter again. Exact, never an estimate: an incident counts when it matches now, and every incident
 * whose match could have changed since the members were read is among those tested. At 1M incidents
 * a filter that matches 375 000 of them is counted in 170–420 ms; testing the few hundred incidents
 * a batch of documents changed takes milliseconds.
 *
 * Tunables:
 */
/** Filters whose counts are kept (the least recently used goes first). */
const MAX_ENTRIES = 256;
/**
 * Of those, how many keep their members as a bit per incident id: 125 KB each at 1M incidents, so
 * 32 of them are at most 4 MB. The rest are counted again after a write, as before migration 17.
 */
export const MAX_MEMBER_SETS = 32;

/** A set of incident ids, a bit each: an id is a small positive integer (SERIAL / INTEGER PRIMARY KEY). */
export class IdBits {
  private bits = new Uint8Array(1024);
  size = 0;

  has(id: number): boolean {
    const i = id >>> 3;
    return i < this.bits.length && (this.bits[i]! & (1 << (id & 7))) !== 0;
  }

  add(id: number): void {
    const i = id >>> 3;
    if (i >= this.bits.length) {
      const grown = new Uint8Array(Math.max(i + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const m = 1 << (id & 7);
    if (!(this.bits[i]! & m)) this.size++;
    this.bits[i] = this.bits[i]! | m;
  }

  delete(id: number): void {
    if (!this.has(id)) return;
    this.bits[id >>> 3] = this.bits[id >>> 3]! & ~(1 << (id & 7));
    this.size--;
  }

  /**
   * Up to `n` members past `from` in id order: above it ascending, below it descending (`from` null:
   * from the first or the last). A byte with no member is passed over whole, so a sparse set costs
   * one read per 8 ids: 125 KB at most at 1M incidents.
   */
  walk(from: number | null, n: number, desc: boolean): number[] {
    const out: number[] = [];
    const b = this.bits;
    if (!desc) {
      let id = from === null ? 0 : from + 1;
      while (out.length < n && id >>> 3 < b.length) {
        const byte = b[id >>> 3]!;
        if (byte === 0) {
          id = ((id >>> 3) + 1) << 3;
          continue;
        }
        if (byte & (1 << (id & 7))) out.push(id);
        id++;
      }
      return out;
    }
    let id = from === null ? b.length * 8 - 1 : Math.min(from - 1, b.length * 8 - 1);
    while (out.length < n && id >= 0) {
      const byte = b[id >>> 3]!;
      if (byte === 0) {
        id = ((id >>> 3) << 3) - 1;
        continue;
      }
      if (byte & (1 << (id & 7))) out.push(id);
      id--;
    }
    return out;
  }
}

/** How a filter's count is kept up to date from the incidents writes changed (SqlStore gives it). */
export interface CountDelta {
  /** Every incident the filter matches now. */
  members(): Promise<number[]>;
  /** The incidents changed by writes after `revision`; null when they are too many or no longer recorded. */
  touchedSince(revision: number): Promise<number[] | null>;
  /** Of these incidents, those the filter matches now. */
  matching(ids: readonly number[]): Promise<number[]>;
}

interface Entry {
  count: number;
  revision: number;
  members: IdBits | null;
}

/** What the cache did, for tests and benches: counts served as kept, brought up to date, counted in full. */
export interface CountStats {
  hits: number;
  updated: number;
  counted: number;
}

export class CountCache {
  private readonly entries = new Map<string, Entry>();
  /** Write transactions of this process now open. */
  private open = 0;
  /** Moves when one opens or ends: a count that saw a local write in flight is not kept. */
  private generation = 0;
  readonly stats: CountStats = { hits: 0, updated: 0, counted: 0 };

  writeBegins(): void {
    this.open++;
    this.generation++;
  }

  writeEnds(): void {
    this.open--;
    this.generation++;
  }

  /**
   * The count for `key`: kept under the current revision, brought up to date from the changed
   * incidents (with `delta`, when its members were kept), or computed. The revision is read before
   * anything else, so what is kept can only be newer than its revision, never older. While this
   * process has a write transaction open nothing is kept: on SQLite reads share its connection and
   * would see writes that may still roll back.
   */
  async count(key: string, readRevision: () => Promise<number>, compute: () => Promise<number>, delta?: CountDelta): Promise<number> {
    if (this.open) return compute();
    const generation = this.generation;
    const revision = await readRevision();
    const hit = this.entries.get(key);
    if (hit) this.entries.delete(key);
    if (hit?.revision === revision) {
      this.entries.set(key, hit);
      this.stats.hits++;
      return hit.count;
    }
    const entry = (hit?.members && delta && (await this.update(hit, revision, delta))) || (await this.fresh(revision, compute, delta));
    if (generation === this.generation) this.keep(key, entry);
    return entry.count;
  }

  /** `e` brought up to `revision` by testing again the incidents written since; null to count afresh. */
  private async update(e: Entry, revision: number, delta: CountDelta): Promise<Entry | null> {
    const touched = await delta.touchedSince(e.revision);
    if (!touched) return null;
    const members = e.members!;
    const now = new Set(await delta.matching(touched));
    for (const id of touched) {
      if (now.has(id)) members.add(id);
      else members.delete(id);
    }
    this.stats.updated++;
    return { count: members.size, revision, members };
  }

  private async fresh(revision: number, compute: () => Promise<number>, delta?: CountDelta): Promise<Entry> {
    this.stats.counted++;
    if (!delta || this.memberSets() >= MAX_MEMBER_SETS) return { count: await compute(), revision, members: null };
    const members = new IdBits();
    for (const id of await delta.members()) members.add(id);
    return { count: members.size, revision, members };
  }

  /**
   * The members kept for `key` when they were read or brought up to date at `revision`, and no write
   * transaction of this process is open (its reads would see writes that may roll back); else null.
   */
  membersAt(key: string, revision: number): IdBits | null {
    if (this.open) return null;
    const e = this.entries.get(key);
    return e && e.revision === revision ? e.members : null;
  }

  /** Whether this process has a write transaction open (nothing is kept or served from members then). */
  get writing(): boolean {
    return this.open > 0;
  }

  /** Whether a count made now would keep its members (MAX_MEMBER_SETS are not all taken). */
  roomForMembers(): boolean {
    return this.memberSets() < MAX_MEMBER_SETS;
  }

  /** Whether members are kept for `key`, at any revision: a count brings them up to date cheaply. */
  hasMembers(key: string): boolean {
    return !!this.entries.get(key)?.members;
  }

  private keep(key: string, e: Entry): void {
    this.entries.set(key, e);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  private memberSets(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.members) n++;
    return n;
  }
}
