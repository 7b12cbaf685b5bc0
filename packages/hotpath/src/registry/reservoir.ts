import type { DelayPercentiles } from '../types.js';

/** Samples kept for percentiles, at most. */
const CAPACITY = 512;
const INITIAL = 8;

/**
 * The most recent duration samples, for percentiles. Starts small and grows to a fixed cap, so ten
 * thousand quiet channels cost little and a busy one never more than 4 KiB. No allocation per sample
 * once grown.
 */
export class Reservoir {
  private values = new Float64Array(INITIAL);
  private count = 0;
  private max = 0;
  private cached: DelayPercentiles | null = null;

  add(ms: number): void {
    if (this.count < CAPACITY && this.count === this.values.length) {
      const grown = new Float64Array(Math.min(CAPACITY, this.values.length * 4));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count % CAPACITY] = ms;
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
      const sorted = this.values.slice(0, n).sort();
      const at = (p: number) => round(sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)]!);
      this.cached = {
        samples: this.count,
        p50Ms: at(50),
        p95Ms: at(95),
        p99Ms: at(99),
        maxMs: round(this.max),
      };
    }
    return { ...this.cached };
  }

  /** Adds another reservoir's retained samples (used when finished instances fold into a summary). */
  absorb(other: Reservoir): void {
    const n = Math.min(other.count, CAPACITY);
    for (let i = 0; i < n; i++) this.add(other.values[i]!);
    this.count += other.count - n;
    if (other.max > this.max) this.max = other.max;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}
