/** The first position in `list` (ascending by `key`) whose key is at least `v`: list.length when none. */
export function firstAtLeast<T>(list: readonly T[], v: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
