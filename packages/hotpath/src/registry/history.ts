import type { RowHistory } from '../types.js';

/**
 * Per-row history: the last `HISTORY_SAMPLES` samples of a few numbers, one sample per tick of the
 * runtime sampler (1 s by default). Samples are taken on that tick from counters the hot path keeps
 * anyway, so nothing here runs per message. The ring starts small and grows to its cap, so that rows
 * living a second or two (per-request channels) cost a few dozen bytes.
 */

export const HISTORY_SAMPLES = 120;
const INITIAL_SAMPLES = 8;

/**
 * When each tick happened, shared by every row: rows are all sampled on every tick, so a row's i-th
 * newest sample was taken on the i-th newest tick. One clock per process; tests make their own.
 */
export class TickClock {
  /** Ticks taken so far; the newest is number `count - 1`. */
  count = 0;
  private readonly times = new Float64Array(HISTORY_SAMPLES + 1);

  constructor(readonly intervalMs: number) {}

  tick(nowMs: number): number {
    this.times[this.count % this.times.length] = nowMs;
    return this.count++;
  }

  /** When tick `n` happened; NaN once it is older than the clock remembers. */
  timeOf(n: number): number {
    if (n < 0 || n >= this.count || n <= this.count - this.times.length) return Number.NaN;
    return this.times[n % this.times.length]!;
  }
}

/** A ring of samples, each `fields` numbers, oldest overwritten first. Float32: per-interval counts and depths. */
export class Series {
  private data: Float32Array;
  private capacity = INITIAL_SAMPLES;
  /** Where the oldest sample is. */
  private start = 0;
  length = 0;
  /** The tick of the newest sample; -1 before the first. */
  lastTick = -1;
  /** The running totals at the newest sample, per field, where a field holds a per-interval count. */
  readonly last: Float64Array;

  constructor(
    readonly fields: number,
    readonly clock: TickClock,
  ) {
    this.data = new Float32Array(INITIAL_SAMPLES * fields);
    this.last = new Float64Array(fields);
  }

  /** Records a running total's step since the previous sample into field `field` of the sample at `at`. */
  step(at: number, field: number, total: number): void {
    this.data[at + field] = total - this.last[field]!;
    this.last[field] = total;
  }

  /**
   * Opens the sample of tick `tick` and returns where its fields go (`data[at + field] = value`); the
   * caller writes every field.
   * A row that missed ticks starts over, so that sample i stays tick-aligned.
   */
  open(tick: number): number {
    if (this.lastTick !== tick - 1 && this.length > 0) {
      this.start = 0;
      this.length = 0;
    }
    this.lastTick = tick;
    if (this.length === this.capacity && this.capacity < HISTORY_SAMPLES) this.grow();
    let slot: number;
    if (this.length < this.capacity) {
      slot = (this.start + this.length) % this.capacity;
      this.length++;
    } else {
      slot = this.start;
      this.start = (this.start + 1) % this.capacity;
    }
    // Not cleared: whoever opens a sample writes every one of its fields.
    return slot * this.fields;
  }

  get intervalMs(): number {
    return this.clock.intervalMs;
  }

  get buffer(): Float32Array {
    return this.data;
  }

  /** Field `field` of the i-th oldest sample. */
  value(i: number, field: number): number {
    return this.data[((this.start + i) % this.capacity) * this.fields + field]!;
  }

  /** The smallest value of `field` over the samples `from` (included) to `to` (excluded), oldest first. */
  min(from: number, to: number, field: number): number {
    let min = Number.POSITIVE_INFINITY;
    const { data, capacity, fields } = this;
    let slot = (this.start + from) % capacity;
    for (let i = from; i < to; i++) {
      const value = data[slot * fields + field]!;
      if (value < min) min = value;
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
    return min;
  }

  /** When the i-th oldest sample was taken (ms since monitoring started). */
  time(i: number): number {
    return this.clock.timeOf(this.lastTick - (this.length - 1 - i));
  }

  /** The field over the samples, oldest first, as plain numbers (what the snapshot carries). */
  column(field: number): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.value(i, field);
    return out;
  }

  /** A per-interval count as a rate per second, each divided by the time since the previous tick. */
  ratePerSecond(field: number): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) {
      const tick = this.lastTick - (this.length - 1 - i);
      const span = this.clock.timeOf(tick) - this.clock.timeOf(tick - 1);
      const seconds = (Number.isFinite(span) && span > 0 ? span : this.clock.intervalMs) / 1000;
      out[i] = Math.round((this.value(i, field) / seconds) * 100) / 100;
    }
    return out;
  }

  private grow(): void {
    const capacity = Math.min(HISTORY_SAMPLES, this.capacity * 2);
    const data = new Float32Array(capacity * this.fields);
    for (let i = 0; i < this.length; i++) {
      const from = ((this.start + i) % this.capacity) * this.fields;
      data.set(this.data.subarray(from, from + this.fields), i * this.fields);
    }
    this.data = data;
    this.capacity = capacity;
    this.start = 0;
  }
}

/** What a channel's sample holds (a site's: summed over its live instances; `FULL` counts full ones). */
export const CHANNEL = { QUEUED: 0, SENT: 1, RECEIVED: 2, FULL: 3, FIELDS: 4 } as const;
/** Items the consumer received in the interval. */
export const STREAM = { YIELDED: 0, FIELDS: 1 } as const;
/** Calls started and settled in the interval, and calls pending at the tick. */
export const FUTURE = { CALLS: 0, SETTLED: 1, PENDING: 2, FIELDS: 3 } as const;

/** The snapshot's view of a series; rates rounded to hundredths. */
export function channelHistory(series: Series): RowHistory {
  return {
    intervalMs: series.clock.intervalMs,
    queued: series.column(CHANNEL.QUEUED),
    sentPerSecond: series.ratePerSecond(CHANNEL.SENT),
    receivedPerSecond: series.ratePerSecond(CHANNEL.RECEIVED),
  };
}

export function streamHistory(series: Series): RowHistory {
  return { intervalMs: series.clock.intervalMs, yieldedPerSecond: series.ratePerSecond(STREAM.YIELDED) };
}

export function futureHistory(series: Series): RowHistory {
  return {
    intervalMs: series.clock.intervalMs,
    callsPerSecond: series.ratePerSecond(FUTURE.CALLS),
    settledPerSecond: series.ratePerSecond(FUTURE.SETTLED),
    pending: series.column(FUTURE.PENDING),
  };
}
