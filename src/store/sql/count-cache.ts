/**
 * Counts of incidents (the API's `with_total`) cached per filter under the store's write revision
 * (migration 15: one row every write transaction bumps, in that transaction). A count is served
 * only while the revision it was counted under is still the store's, so any write, from this process
 * or another, makes the next total a fresh count.
 *
 * Tunables:
 */
/** Filters whose counts are kept (the least recently used goes first). */
const MAX_ENTRIES = 256;

export class CountCache {
  private readonly entries = new Map<string, number>();
  private revision: number | null = null;
  /** Write transactions of this process now open. */
  private open = 0;
  /** Moves when one opens or ends: a count that saw a local write in flight is not kept. */
  private generation = 0;

  writeBegins(): void {
    this.open++;
    this.generation++;
  }

  writeEnds(): void {
    this.open--;
    this.generation++;
  }

  /**
   * The count for `key`: cached under the current revision, or computed. The revision is read
   * before the count, so a count can only be newer than the revision it is kept under, never older.
   * While this process has a write transaction open nothing is kept: on SQLite reads share its
   * connection and would see writes that may still roll back.
   */
  async count(key: string, readRevision: () => Promise<number>, compute: () => Promise<number>): Promise<number> {
    if (this.open) return compute();
    const generation = this.generation;
    const revision = await readRevision();
    if (revision !== this.revision) {
      this.entries.clear();
      this.revision = revision;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const n = await compute();
    if (generation === this.generation && this.revision === revision) {
      this.entries.set(key, n);
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return n;
  }
}
