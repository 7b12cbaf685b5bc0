import type { LogOption, StreamRow, StreamState } from '../types.js';
import { nowMs } from './clock.js';
import { formatValue } from './format-value.js';
import { type Series, streamHistory } from './history.js';
import type { KindRegistry, Tracked } from './kind-registry.js';
import { LogRing } from './log-ring.js';
import type { Site } from './sites.js';

export interface StreamDescription {
  kind: string;
  log: LogOption | undefined;
  logsLimit: number;
  /** Whether the wrapper times how long the consumer waits for each item. */
  timesConsumer: boolean;
}

/**
 * The counters of one stream instance (one iteration, one subscription). Wrappers call `onItem` for
 * each item the consumer receives and one of the end methods once; the hot path is an increment and a
 * compare, with a clock read only where the wrapper times waits.
 */
/** The first asks, all timed exactly. */
export const WAIT_TIMED_FIRST = 16;
/**
 * Then one ask in this many: two clock reads (~50 ns each) per sample cost more than the rest of an
 * iterator's wrapper, so at one in 16 they were a fifth of its cost per item.
 */
export const WAIT_SAMPLE_EVERY = 64;

export class StreamStats implements Tracked {
  finished = false;
  state: StreamState = 'active';
  yielded = 0;
  readonly kind: string;
  readonly createdMs = nowMs();
  /** When the consumer first asked for an item (or subscribed); -1 until then. */
  firstPullMs = -1;
  firstItemMs = -1;
  endedMs = -1;
  /** When the timed request for an item was made; -1 while none is being timed. */
  private pullStartedMs = -1;
  /** Requests for an item so far (where the wrapper sees them). */
  pulls = 0;
  /** Summed time between a timed request for an item and its answer; null where nothing is timed. */
  sampledWaitMs: number | null;
  private sampledPulls = 0;
  private exactWaitMs = 0;
  /** Which ask is being timed, and the next one to time. */
  private timingPull = 0;
  private nextTimedPull = 1;
  readonly log: LogRing | null;
  readonly logsItems: boolean;
  private readonly format: LogOption | undefined;
  /** Samples taken on the runtime sampler's tick, never per item. */
  history: Series | null = null;

  constructor(
    readonly id: number,
    readonly site: Site,
    readonly ordinal: number,
    description: StreamDescription,
    private readonly registry: KindRegistry<StreamStats, StreamRow>,
  ) {
    this.kind = description.kind;
    this.sampledWaitMs = description.timesConsumer ? 0 : null;
    const logging = description.log !== undefined && description.log !== false;
    this.format = logging ? description.log : undefined;
    this.log = logging ? new LogRing(description.logsLimit) : null;
    this.logsItems = logging;
  }

  /** The consumer asked for the first time; later asks only matter to the wait clock. */
  onFirstPull(): void {
    if (this.firstPullMs < 0) this.firstPullMs = nowMs();
  }

  /**
   * The consumer asked for an item. The first `WAIT_TIMED_FIRST` asks are all timed, then one in
   * `WAIT_SAMPLE_EVERY` (two clock reads cost as much as the rest of the wrapper); the total wait past
   * the first ones is estimated from those samples.
   */
  onPull(): void {
    if (++this.pulls >= this.nextTimedPull) this.startTiming();
  }

  private startTiming(): void {
    const n = this.pulls;
    this.nextTimedPull = n < WAIT_TIMED_FIRST ? n + 1 : n + WAIT_SAMPLE_EVERY;
    if (n === 1 && this.firstPullMs < 0) this.firstPullMs = nowMs();
    if (this.pullStartedMs >= 0) return;
    this.pullStartedMs = nowMs();
    this.timingPull = n;
  }

  /** The ask was answered (an item, the end or an error). */
  onAnswer(): void {
    if (this.pullStartedMs >= 0) this.stopTiming();
  }

  private stopTiming(): void {
    const waited = nowMs() - this.pullStartedMs;
    this.pullStartedMs = -1;
    if (this.timingPull <= WAIT_TIMED_FIRST) {
      this.exactWaitMs += waited;
    } else {
      this.sampledWaitMs! += waited;
      this.sampledPulls++;
    }
  }

  /** The total time the consumer waited: exact over the first asks, estimated from samples after. */
  consumerWaitMs(): number | null {
    if (this.sampledWaitMs === null) return null;
    const later = this.pulls - WAIT_TIMED_FIRST;
    if (later <= 0 || this.sampledPulls === 0) return this.exactWaitMs;
    return this.exactWaitMs + (this.sampledWaitMs * later) / this.sampledPulls;
  }

  onItem(value: unknown): void {
    const index = ++this.yielded;
    if (index === 1) this.onFirstItem();
    if (this.log !== null) this.logItem(index, value);
  }

  onClosed(): void {
    this.end('closed');
  }

  onErrored(): void {
    this.end('errored');
  }

  /** The consumer stopped before the end (`break`, `cancel()`, `unsubscribe()`, `destroy()`). */
  onCancelled(): void {
    this.end('cancelled');
  }

  /** Nobody holds the stream any more, so nothing more can be consumed from it. */
  onCollected(): void {
    if (this.state === 'active') this.state = 'cancelled';
    this.endedMs = nowMs();
  }

  private end(state: StreamState): void {
    if (this.finished) return;
    this.state = state;
    this.endedMs = nowMs();
    this.registry.finish(this);
  }

  private onFirstItem(): void {
    this.firstItemMs = nowMs();
    if (this.firstPullMs < 0) this.firstPullMs = this.firstItemMs;
  }

  private logItem(index: number, value: unknown): void {
    this.log!.push({ index, timestampMs: nowMs(), message: formatValue(value, this.format!) });
  }
}

export function streamRow(stats: StreamStats): StreamRow {
  return {
    id: stats.id,
    label: stats.site.labelFor(stats.ordinal),
    source: stats.site.source,
    hasCustomLabel: stats.site.hasCustomLabel,
    instances: 1,
    kind: stats.kind,
    state: stats.state,
    yielded: stats.yielded,
    createdMs: round(stats.createdMs),
    firstItemMs: firstItemMs(stats),
    itemsPerSecond: itemsPerSecond(stats),
    consumerWaitMs: nullableRound(stats.consumerWaitMs()),
    producerWaitMs: null,
    ...(stats.finished || stats.history === null ? {} : { history: streamHistory(stats.history) }),
  };
}

function firstItemMs(stats: StreamStats): number | null {
  return stats.firstItemMs >= 0 ? round(stats.firstItemMs - stats.firstPullMs) : null;
}

function itemsPerSecond(stats: StreamStats): number | null {
  const end = stats.endedMs >= 0 ? stats.endedMs : nowMs();
  const span = stats.firstPullMs >= 0 ? end - stats.firstPullMs : 0;
  return stats.yielded > 0 && span > 0 ? round((stats.yielded * 1000) / span) : null;
}

/**
 * Summary rows keep exact totals; rates and waits are summed or averaged over the folded instances.
 * Runs per finished instance: after the first, only the fields that change are computed (no row).
 */
export function foldStream(summary: StreamRow | null, stats: StreamStats, id: number): StreamRow {
  if (summary === null) {
    const row = streamRow(stats);
    delete row.history;
    row.id = id;
    row.label = stats.site.label;
    return row;
  }
  summary.instances++;
  summary.yielded += stats.yielded;
  summary.state = stats.state;
  summary.consumerWaitMs = sumOrNull(summary.consumerWaitMs, nullableRound(stats.consumerWaitMs()));
  summary.firstItemMs ??= firstItemMs(stats);
  summary.itemsPerSecond ??= itemsPerSecond(stats);
  return summary;
}

export function showStreamSummary(summary: StreamRow): StreamRow {
  return { ...summary };
}

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : round(a + b);
}

function nullableRound(ms: number | null): number | null {
  return ms === null ? null : round(ms);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
