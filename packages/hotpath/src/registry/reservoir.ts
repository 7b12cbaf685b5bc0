import type { DelayPercentiles } from '../types.js';

const SIZE = 1024;

/** The last 1024 duration samples, for percentiles. Fixed memory, no allocation per sample. */
export class Reservoir {
  private readonly values = new Float64Array(SIZE);
  private count = 0;
  private max = 0;
  private cached: DelayPercentiles | null = null;

  add(ms: number): void {
    this.values[this.count % SIZE] = ms;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  get samples(): number {
    return this.count;
  }

  percentiles(): DelayPercentiles | null {
    const n = Math.min(this.count, SIZE);
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
    const n = Math.min(other.count, SIZE);
    for (let i = 0; i < n; i++) this.add(other.values[i]!);
    this.count += other.count - n;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
