import type { FunctionRow, LogEntry, LogOption } from '../types.js';
import { formatValue } from './format-value.js';
import { LogRing } from './log-ring.js';
import { Reservoir } from './reservoir.js';
import { EXACT_FIRST, FUNCTION_SAMPLE_EVERY, sampleGap } from './sampling.js';
import type { Site } from './sites.js';

/**
 * Everything known about one measured function or block: exact counts, and durations of a sample of
 * its calls (see `sampling.ts`). Its memory does not grow with the number of calls.
 */
export class FunctionSite {
  calls = 0;
  /** Calls left until the next timed one (see `untilTimed`). */
  skip = 1;
  errors = 0;
  pending = 0;
  async = false;
  /**
   * The timed calls: how many, how many calls they stand for, and their duration weighted alike (for the
   * mean and the estimated total).
   */
  timed = 0;
  timedWeight = 0;
  timedMs = 0;
  readonly durations = new Reservoir();
  /** Set when `log` or exclusive time has every call timed. */
  timesEveryCall = false;
  /** A block's timed call path, made on its first run: the block's body is passed as `this`. */
  blockRunner: Function | null = null;
  /** Return values, when `log` asks for them. */
  readonly logs: LogRing | null;

  constructor(
    readonly id: number,
    readonly site: Site,
    readonly kind: FunctionRow['kind'],
    readonly log: LogOption | undefined,
    logsLimit: number,
  ) {
    this.logs = log ? new LogRing(logsLimit) : null;
  }

  /**
   * The next call is timed: one of the first `EXACT_FIRST`, then at random gaps averaging
   * `FUNCTION_SAMPLE_EVERY`.
   * Called only when `skip` ran out; sets the next gap.
   */
  untilTimed(): void {
    this.skip = this.calls < EXACT_FIRST ? 1 : sampleGap(FUNCTION_SAMPLE_EVERY);
  }

  /** One timed call took `ms`. */
  record(ms: number): void {
    // All of the first calls are timed, then one in `FUNCTION_SAMPLE_EVERY`, unless every call is.
    const weight = this.timed < EXACT_FIRST || this.timesEveryCall ? 1 : FUNCTION_SAMPLE_EVERY;
    this.timed++;
    this.timedWeight += weight;
    this.timedMs += ms * weight;
    this.durations.add(ms, weight);
  }

  /** Call number `index` (from 1) returned `value`. */
  logValue(index: number, timestampMs: number, value: unknown): void {
    if (this.logs !== null && this.log)
      this.logs.push({ index, timestampMs, message: formatValue(value, this.log) });
  }

  logEntries(): LogEntry[] {
    return this.logs === null ? [] : this.logs.toArray();
  }

  toRow(elapsedMs: number, exclusive: boolean): FunctionRow {
    const percentiles = this.durations.percentiles();
    const meanMs = this.timed === 0 ? null : this.timedMs / this.timedWeight;
    const totalMs = meanMs === null ? null : meanMs * this.calls;
    return {
      id: this.id,
      label: this.site.label,
      source: this.site.source,
      hasCustomLabel: this.site.hasCustomLabel,
      kind: this.kind,
      calls: this.calls,
      errors: this.errors,
      pending: this.pending,
      async: this.async,
      samples: this.timed,
      totalMs: totalMs === null ? null : round(totalMs),
      meanMs: meanMs === null ? null : round(meanMs),
      p50Ms: percentiles?.p50Ms ?? null,
      p95Ms: percentiles?.p95Ms ?? null,
      p99Ms: percentiles?.p99Ms ?? null,
      maxMs: percentiles?.maxMs ?? null,
      percentOfWall: totalMs === null || elapsedMs <= 0 ? null : round((totalMs / elapsedMs) * 100),
      exclusive,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
