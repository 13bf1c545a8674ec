/**
 * One read shared by every caller that asks while another is in flight, where each caller's answer
 * still comes from a read that started after it asked (issue 12).
 *
 * The HTTP server reads the store's write revision for every request (the answers it keeps are valid
 * for one revision), and a list page reads it again for its member sets: on PostgreSQL two of a new
 * list page's three statements. Under load, many requests ask at once. Handing them the answer of a
 * read already in flight would be wrong: that read may have been answered before a write another
 * process committed, and a client that wrote through one server process and then reads through
 * another must see its write. So a caller who arrives while a read is in flight waits for the next
 * read, which starts when that one ends and answers everyone who arrived meanwhile: at most one read in
 * flight and one waiting, however many callers.
 */
export class FreshRead<T> {
  private inFlight: Promise<T> | null = null;
  private next: Promise<T> | null = null;
  /** Reads started: for tests and benches. */
  reads = 0;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.inFlight) return this.launch();
    if (!this.next) {
      const settle = (): Promise<T> => {
        this.next = null;
        return this.launch();
      };
      this.next = this.inFlight.then(settle, settle);
    }
    return this.next;
  }

  private launch(): Promise<T> {
    this.reads++;
    const p = this.read();
    this.inFlight = p;
    // Registered before any waiter's callback: the slot is free when the next read launches.
    const clear = (): void => {
      if (this.inFlight === p) this.inFlight = null;
    };
    p.then(clear, clear);
    return p;
  }
}
