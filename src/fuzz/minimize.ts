/**
 * Delta debugging (Zeller's ddmin, complements only) over bytes: drop ever smaller chunks while the
 * input still fails the same way. Bounded by tries and by time, because each try of a slow or
 * hanging input costs seconds.
 */
export interface MinimizeLimits {
  maxTries: number;
  maxMs: number;
}

function without(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(bytes.length - (end - start));
  out.set(bytes.subarray(0, start), 0);
  out.set(bytes.subarray(end), start);
  return out;
}

export async function minimize(bytes: Uint8Array, stillFails: (b: Uint8Array) => Promise<boolean>, limits: MinimizeLimits): Promise<{ bytes: Uint8Array; tries: number }> {
  const deadline = performance.now() + limits.maxMs;
  let cur = bytes;
  let parts = 2;
  let tries = 0;
  const spent = (): boolean => tries >= limits.maxTries || performance.now() > deadline;
  while (cur.length >= 2 && !spent()) {
    const chunk = Math.ceil(cur.length / parts);
    let reduced = false;
    for (let i = 0; i * chunk < cur.length && !spent(); i++) {
      const cand = without(cur, i * chunk, Math.min(cur.length, (i + 1) * chunk));
      tries++;
      if (await stillFails(cand)) {
        cur = cand;
        parts = Math.max(parts - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (parts >= cur.length) break;
      parts = Math.min(cur.length, parts * 2);
    }
  }
  return { bytes: cur, tries };
}
