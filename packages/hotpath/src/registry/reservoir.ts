import type { DelayPercentiles } from '../types.js';

/** Samples kept for percentiles, at most. */
const CAPACITY = 512;
const INITIAL = 8;

/**
 * The most recent duration samples, for percentiles. Starts empty (nothing allocated before the first
 * sample) and grows to a fixed cap, so ten thousand quiet channels cost little and a busy one never more
 * than 6 KiB. No allocation per sample once grown.
 *
 * Each sample carries a weight: how many calls it stands for. A site times all of its first calls, then
 * one in N; without weights those first calls (often the fastest or slowest of a run) would count N
 * times too much in the percentiles of a run that is still short enough to hold them. A channel's delays
 * all weigh 1: the weights are only stored once one differs.
 */
export class Reservoir {
  /** A plain array of doubles: small typed arrays cost more to make than a short-lived channel's samples. */
  private readonly values: number[] = [];
  /** Each sample's weight; null while every one so far is 1. */
  private weights: Uint16Array | null = null;
  private count = 0;
  private max = 0;
  private cached: DelayPercentiles | null = null;

  add(ms: number, weight = 1): void {
    const at = this.count % CAPACITY;
    if (this.count < CAPACITY) this.values.push(ms);
    else this.values[at] = ms;
    if (weight !== 1 || this.weights !== null) this.weigh(at, weight);
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  private weigh(at: number, weight: number): void {
    let weights = this.weights;
    if (weights === null || at >= weights.length) {
      const size = Math.min(CAPACITY, Math.max(INITIAL, at + 1, (weights?.length ?? 0) * 4));
      const grown = new Uint16Array(size).fill(1);
      if (weights !== null) grown.set(weights);
      this.weights = weights = grown;
    }
    weights[at] = weight;
  }

  get samples(): number {
    return this.count;
  }

  percentiles(): DelayPercentiles | null {
    const n = Math.min(this.count, CAPACITY);
    if (n === 0) return null;
    // Snapshots come often (the server's event feed) and most items are idle between two of them.
    if (this.cached === null || this.cached.samples !== this.count) {
      const at = weightedPercentiles(this.values, (index) => this.weights?.[index] ?? 1);
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
    for (let i = 0; i < n; i++) this.add(other.values[i]!, other.weights?.[i] ?? 1);
    this.count += other.count - n;
    if (other.max > this.max) this.max = other.max;
  }
}

/**
 * The p-th percentile is the smallest sample at which the running weight reaches p % of the total: with
 * equal weights, the nearest-rank percentile.
 */
function weightedPercentiles(
  values: readonly number[],
  weightOf: (index: number) => number,
): (p: number) => number {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  const cumulative = new Float64Array(order.length);
  let total = 0;
  order.forEach((index, rank) => {
    total += weightOf(index);
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
