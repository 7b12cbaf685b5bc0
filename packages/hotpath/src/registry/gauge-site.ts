import type { GaugeRow, LogEntry } from '../types.js';
import { RecentRing } from './recent-ring.js';

/** Numeric values a gauge row carries, newest last. */
export const GAUGE_HISTORY = 32;

/**
 * One gauge or `val` label: its current value, extremes, exact update count, and two bounded rings —
 * the last `GAUGE_HISTORY` numbers (no allocation per update: typed arrays) and, for the logs route, the
 * last `logsLimit` updates.
 */
export class GaugeSite {
  updates = 0;
  value: number | null = null;
  message: string | null = null;
  min: number | null = null;
  max: number | null = null;
  updatedMs: number | null = null;
  private readonly history = new Float64Array(GAUGE_HISTORY);
  private historySize = 0;
  /** Numeric updates so far: where the next one goes in `history`. */
  private numericCount = 0;
  /** For a gauge, the values and times of the last updates; for `val`, its log entries. */
  private readonly values: Float64Array;
  private readonly times: Float64Array;
  private readonly entries: RecentRing<LogEntry> | null;

  constructor(
    readonly id: number,
    readonly label: string,
    readonly source: string | null,
    readonly kind: GaugeRow['kind'],
    private readonly logsLimit: number,
  ) {
    const numeric = kind === 'gauge' ? logsLimit : 0;
    this.values = new Float64Array(numeric);
    this.times = new Float64Array(numeric);
    this.entries = kind === 'val' ? new RecentRing(logsLimit) : null;
  }

  /** A gauge's new number, at `atMs`. */
  setNumber(value: number, atMs: number): void {
    const n = this.updates++;
    const h = this.numericCount++;
    this.value = value;
    this.updatedMs = atMs;
    if (this.min === null || value < this.min) this.min = value;
    if (this.max === null || value > this.max) this.max = value;
    this.history[h % GAUGE_HISTORY] = value;
    if (this.historySize < GAUGE_HISTORY) this.historySize++;
    if (this.logsLimit > 0 && this.entries === null) {
      this.values[n % this.logsLimit] = value;
      this.times[n % this.logsLimit] = atMs;
    }
  }

  /** A `val` update: any value, shown as `message`; a number also moves value, min, max and history. */
  logValue(value: unknown, message: string, atMs: number): void {
    if (typeof value === 'number' && !Number.isNaN(value)) this.setNumber(value, atMs);
    else {
      this.updates++;
      this.value = null;
      this.updatedMs = atMs;
    }
    this.message = message;
    this.entries?.push({ index: this.updates, timestampMs: round(atMs), message });
  }

  toRow(): GaugeRow {
    return {
      id: this.id,
      label: this.label,
      source: this.source,
      kind: this.kind,
      updates: this.updates,
      value: this.value,
      message: this.kind === 'gauge' ? (this.value === null ? null : String(this.value)) : this.message,
      min: this.min,
      max: this.max,
      updatedMs: this.updatedMs === null ? null : round(this.updatedMs),
      history: this.recentHistory(),
    };
  }

  /** The most recent updates, newest first, as log entries. */
  logs(): LogEntry[] {
    if (this.entries !== null) return this.entries.toArray();
    const kept = Math.min(this.updates, this.logsLimit);
    const out: LogEntry[] = [];
    for (let i = 0; i < kept; i++) {
      const n = this.updates - 1 - i;
      const slot = n % this.logsLimit;
      out.push({ index: n + 1, timestampMs: round(this.times[slot]!), message: String(this.values[slot]) });
    }
    return out;
  }

  private recentHistory(): number[] {
    const out: number[] = [];
    const end = this.numericCount;
    for (let i = end - this.historySize; i < end; i++) out.push(this.history[i % GAUGE_HISTORY]!);
    return out;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
