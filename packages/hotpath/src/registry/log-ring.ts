import type { LogEntry } from '../types.js';

/** The most recent `limit` entries; older ones are dropped first. Counts elsewhere stay exact. */
export class LogRing {
  private readonly entries: LogEntry[] = [];
  private next = 0;

  constructor(private readonly limit: number) {}

  push(entry: LogEntry): void {
    if (this.limit === 0) return;
    if (this.entries.length < this.limit) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.limit;
  }

  /** Newest first. */
  toArray(): LogEntry[] {
    const n = this.entries.length;
    const out: LogEntry[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.entries[(this.next - 1 - i + n * 2) % n]!;
    return out;
  }

  get size(): number {
    return this.entries.length;
  }
}
