import type { FutureCall, FutureRow } from '../types.js';
import type { TrackedCall } from './future-call.js';
import { futureHistory, type Series } from './history.js';
import { RecentRing } from './recent-ring.js';
import { Reservoir } from './reservoir.js';
import type { Site } from './sites.js';

/**
 * Everything known about the futures of one call site (or label): exact counts per state, a bounded
 * sample of durations and the most recent calls. Its memory does not grow with the number of calls.
 */
export class FutureSite {
  calls = 0;
  pending = 0;
  resolved = 0;
  rejected = 0;
  cancelled = 0;
  readonly durations = new Reservoir();
  /** The longest duration timed, sampled or not: a slow call outlives its turn and is always timed. */
  slowestMs = 0;
  readonly recent: RecentRing<TrackedCall>;
  /** Calls the garbage collector took while pending, and when the first one went (-1: none). */
  lost = 0;
  firstLostMs = -1;
  /** Samples taken on the runtime sampler's tick, never per call. */
  history: Series | null = null;

  constructor(
    readonly id: number,
    readonly site: Site,
    logsLimit: number,
  ) {
    this.recent = new RecentRing(logsLimit);
  }

  toRow(): FutureRow {
    return {
      id: this.id,
      label: this.site.label,
      source: this.site.source,
      hasCustomLabel: this.site.hasCustomLabel,
      instances: 1,
      calls: this.calls,
      pending: this.pending,
      resolved: this.resolved,
      rejected: this.rejected,
      cancelled: this.cancelled,
      duration: this.duration(),
      ...(this.lost > 0 ? { lost: this.lost } : {}),
      ...(this.history === null ? {} : { history: futureHistory(this.history) }),
    };
  }

  private duration(): FutureRow['duration'] {
    const duration = this.durations.percentiles();
    if (duration !== null && this.slowestMs > duration.maxMs) duration.maxMs = round(this.slowestMs);
    return duration;
  }

  recentCalls(now: number): FutureCall[] {
    // Calls are listed when they start or, unsampled, when they outlive their turn: newest start first.
    return this.recent
      .toArray()
      .sort((a, b) => b.id - a.id)
      .map((call) => ({
        id: call.id,
        state: call.state,
        startedMs: round(call.startedMs),
        durationMs: round((call.state === 'pending' ? now : call.endedMs) - call.startedMs),
        polls: call.polls,
        result: call.result,
      }));
  }
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
