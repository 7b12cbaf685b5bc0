import type { FutureCall, FutureKind, FutureRow, StatusClasses } from '../types.js';
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
  /** HTTP rows: responses per status class (index 0 = 1xx … 4 = 5xx); null for wrapper rows. */
  readonly statuses: number[] | null;

  constructor(
    readonly id: number,
    readonly site: Site,
    logsLimit: number,
    readonly kind: FutureKind = 'future',
  ) {
    this.recent = new RecentRing(logsLimit);
    this.statuses = kind === 'future' ? null : [0, 0, 0, 0, 0];
  }

  /** Counts one response; codes outside 100–599 are counted with the nearest class. */
  countStatus(code: number): void {
    if (this.statuses === null) return;
    const index = Math.min(4, Math.max(0, Math.floor(code / 100) - 1));
    this.statuses[index]!++;
  }

  toRow(): FutureRow {
    const row: FutureRow = {
      id: this.id,
      kind: this.kind,
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
    if (this.statuses !== null) row.statusClasses = statusClasses(this.statuses);
    return row;
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

function statusClasses(counts: number[]): StatusClasses {
  const [c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0] = counts;
  return { '1xx': c1, '2xx': c2, '3xx': c3, '4xx': c4, '5xx': c5 };
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
