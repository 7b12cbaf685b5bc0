import type { DelayPercentiles } from '../types.js';

/** Samples kept for percentiles, at most. */
const CAPACITY = 512;
const INITIAL = 8;
/** What a reservoir holds before its first sample: shared, never written (most instances time little). */
const NO_VALUES = new Float64Array(0);
const NO_WEIGHTS = new Uint16Array(0);

/**
 * The most recent duration samples, for percentiles. Starts empty (nothing allocated before the first
 * sample) and grows to a fixed cap, so ten thousand quiet channels cost little and a busy one never more
 * than 6 KiB. No allocation per sample once grown.
 *
 * Each sample carries a weight: how many calls it stands for. A site times all of its first calls, then
 * one in N; without weights those first calls (often the fastest or slowest of a run) would count N
 * times too much in the percentiles of a run that is still short enough to hold them.
 */
export class Reservoir {
  private values = NO_VALUES;
  private weights = NO_WEIGHTS;
  private count = 0;
  private max = 0;
  private cached: DelayPercentiles | null = null;

  add(ms: number, weight = 1): void {
    if (this.count < CAPACITY && this.count === this.values.length) {
      const size = Math.min(CAPACITY, Math.max(INITIAL, this.values.length * 4));
      const values = new Float64Array(size);
      values.set(this.values);
      this.values = values;
      const weights = new Uint16Array(size);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.values[this.count % CAPACITY] = ms;
    this.weights[this.count % CAPACITY] = weight;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  get samples(): number {
    return this.count;
  }

  percentiles(): DelayPercentiles | null {
    const n = Math.min(this.count, CAPACITY);
    if (n === 0) return null;
    // Snapshots come often (the server's event feed) and most items are idle between two of them.
    if (this.cached === null || this.cached.samples !== this.count) {
      const at = weightedPercentiles(this.values.subarray(0, n), this.weights.subarray(0, n));
      this.cached = {
        samples: this.count,
        p50Ms: round(at(50)),
        p95Ms: round(at(95)),
        p99Ms: round(at(99)),
        maxMs: round(this.max),
      };
    }
    return { ...this.cached };
  }

  /** Adds another reservoir's retained samples (used when finished instances fold into a summary). */
  absorb(other: Reservoir): void {
    if (other.count === 0) return;
    const n = Math.min(other.count, CAPACITY);
    for (let i = 0; i < n; i++) this.add(other.values[i]!, other.weights[i]!);
    this.count += other.count - n;
    if (other.max > this.max) this.max = other.max;
  }
}

/**
 * The p-th percentile is the smallest sample at which the running weight reaches p % of the total: with
 * equal weights, the nearest-rank percentile.
 */
function weightedPercentiles(values: Float64Array, weights: Uint16Array): (p: number) => number {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const cumulative = new Float64Array(order.length);
  let total = 0;
  order.forEach((index, rank) => {
    total += weights[index]!;
    cumulative[rank] = total;
  });
  return (p) => {
    const wanted = (p / 100) * total;
    let rank = 0;
    while (rank < order.length - 1 && cumulative[rank]! < wanted) rank++;
    return values[order[rank]!]!;
  };
}

function round(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}
