// Latencies of a load test, as a histogram with buckets that double in width: request times
// span from under a millisecond to seconds, and equal-width buckets would hide one end.

export interface Bucket {
  /** Lower bound in milliseconds (inclusive). */
  from: number;
  /** Upper bound in milliseconds (exclusive). */
  to: number;
  count: number;
}

/** The smallest bucket's upper bound: finer than a browser's timer is not worth showing. */
const FIRST_BOUND_MS = 0.5;

export function histogram(latenciesMs: readonly number[]): Bucket[] {
  if (latenciesMs.length === 0) {
    return [];
  }
  const max = Math.max(...latenciesMs);
  const buckets: Bucket[] = [{ from: 0, to: FIRST_BOUND_MS, count: 0 }];
  while (buckets[buckets.length - 1].to <= max) {
    const last = buckets[buckets.length - 1].to;
    buckets.push({ from: last, to: last * 2, count: 0 });
  }
  for (const latency of latenciesMs) {
    const index = latency < FIRST_BOUND_MS ? 0 : Math.floor(Math.log2(latency / FIRST_BOUND_MS)) + 1;
    buckets[index].count++;
  }
  return buckets;
}

/** The q-quantile (0..1) by the nearest-rank method. */
export function quantile(latenciesMs: readonly number[], q: number): number {
  if (latenciesMs.length === 0) {
    return NaN;
  }
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}
