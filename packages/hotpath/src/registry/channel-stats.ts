import type { ChannelObserver } from '../primitives/stats-hook.js';
import type { ChannelRow, ChannelState, LogOption } from '../types.js';
import { nowMs } from './clock.js';
import { DelayClock } from './delay-clock.js';
import { formatValue } from './format-value.js';
import { channelHistory, type Series } from './history.js';
import type { KindRegistry, Tracked } from './kind-registry.js';
import { LogRing } from './log-ring.js';
import { afterField, type Stage } from './pipelines.js';
import { Reservoir } from './reservoir.js';
import type { Site } from './sites.js';

/**
 * Read only when a row is taken (never per message), so it may look at the primitive's own state.
 * Must not keep the primitive alive: hold it through a WeakRef.
 */
export interface ChannelProbe {
  queued(): number;
  queuedBytes(): number | null;
  /** Whether the primitive is signalling backpressure now. */
  full(): boolean;
  /** For an emitter's event: its listeners now and the emitter's limit (0: none); null once it is gone. */
  listeners?(): { count: number; max: number } | null;
  /**
   * The channel has finished: from now on answer what the primitive holds now, and let go of it, so that
   * nothing the finished row keeps (for a while, before it folds) keeps the primitive's memory alive.
   */
  release?(): void;
}

export interface ChannelDescription {
  kind: string;
  type: string;
  capacity: number | null;
  /** False where deliveries are not first-in first-out, so send and receive cannot be paired. */
  fifo: boolean;
  log: LogOption | undefined;
  logsLimit: number;
}

/**
 * The counters of one channel. Wrappers call `onSent` / `onReceived` at the user's own send and receive;
 * the hot path is a few increments and compares, with logging and timing only where asked for.
 */
export class ChannelStats implements Tracked, ChannelObserver, Stage {
  finished = false;
  readonly rowKind = 'channel' as const;
  /** Pipeline links (registry/pipelines.ts): set once, when the chaining happens. */
  after: Stage | null = null;
  afterLabel: string | null = null;
  feedsTick = -1;
  state: ChannelState = 'active';
  sent = 0;
  received = 0;
  queuedBytes: number | null = null;
  queuedFrom: (() => number) | null = null;
  /** Where the primitive itself knows its buffer and backpressure better than the counters do. */
  probe: ChannelProbe | null = null;
  /**
   * Where a wrapper counts one side per message and derives the other (a Node stream's sends from its
   * own buffer, an emitter's deliveries from its listener count), this brings `sent` / `received` up to
   * date; `settle()` runs it before anything reads them.
   */
  derive: (() => void) | null = null;
  /** Where a wrapper times sends itself (`timeSend`): told at each receive the counter stamps. */
  afterReceiveStamp: (() => void) | null = null;
  /** Samples taken on the runtime sampler's tick, never per message. */
  history: Series | null = null;
  /** When an emitter's event first had more listeners than its limit, as seen on a tick; -1: not now. */
  overListenersSinceMs = -1;
  readonly kind: string;
  readonly type: string;
  readonly capacity: number | null;
  readonly createdMs = nowMs();
  readonly delay: DelayClock | null;
  /** The next send / receive to time; -1 where nothing is timed. Kept here so the check is one compare. */
  private nextSentStamp: number;
  private nextReceivedStamp: number;
  readonly sentLog: LogRing | null;
  readonly receivedLog: LogRing | null;
  private readonly log: LogOption | undefined;
  /** Full at this many queued; Infinity where the channel cannot fill. */
  private readonly fullAt: number;

  constructor(
    readonly id: number,
    readonly site: Site,
    readonly ordinal: number,
    description: ChannelDescription,
    private readonly registry: KindRegistry<ChannelStats, ChannelRow>,
  ) {
    this.kind = description.kind;
    this.type = description.type;
    this.capacity = description.capacity;
    this.fullAt = description.capacity ?? Number.POSITIVE_INFINITY;
    this.delay = description.fifo ? new DelayClock() : null;
    this.nextSentStamp = this.delay === null ? -1 : 1;
    this.nextReceivedStamp = this.nextSentStamp;
    const logging = description.log !== undefined && description.log !== false;
    this.log = logging ? description.log : undefined;
    this.sentLog = logging ? new LogRing(description.logsLimit) : null;
    this.receivedLog = logging ? new LogRing(description.logsLimit) : null;
  }

  onSent(value: unknown): void {
    const index = ++this.sent;
    if (index === this.nextSentStamp) this.stampSent(index);
    if (this.sentLog !== null) this.logSent(index, value);
  }

  onReceived(): void {
    const index = ++this.received;
    if (index === this.nextReceivedStamp) this.stampReceived(index);
    if (this.receivedLog !== null) this.receivedLog.push({ index, timestampMs: nowMs(), message: null });
  }

  /** Brings derived counts up to date; every reader of `sent` / `received` calls this first. */
  settle(): void {
    if (this.derive !== null) this.derive();
  }

  /**
   * What is buffered now. Where the wrapper knows better than the counters (a Node stream's own buffer),
   * it sets `queuedFrom`.
   */
  currentQueued(): number {
    if (this.probe !== null) return this.probe.queued();
    return this.queuedFrom === null ? this.sent - this.received : this.queuedFrom();
  }

  currentQueuedBytes(): number | null {
    return this.probe === null ? this.queuedBytes : this.probe.queuedBytes();
  }

  /** The state as of now: `full` is not stored per message but read off the queue when asked. */
  currentState(): ChannelState {
    if (this.state !== 'active') return this.state;
    if (this.probe !== null) return this.probe.full() ? 'full' : 'active';
    if (this.currentQueued() >= this.fullAt) return 'full';
    return this.state;
  }

  /** A side closed; `finished` when nothing more can be sent or received. */
  onClosed(finished: boolean): void {
    if (this.state !== 'notified') this.state = 'closed';
    if (finished) this.finish();
  }

  onDrained(): void {
    this.finish();
  }

  onNotified(): void {
    this.state = 'notified';
    this.finish();
  }

  /** Nothing can flow through a channel nobody holds any more: it counts as closed. */
  onCollected(): void {
    if (this.state === 'active') this.state = 'closed';
  }

  onErrored(): void {
    this.state = 'errored';
    this.finish();
  }

  /**
   * Derived counts are taken while the primitive is still there to read them from. Then what only a
   * live channel needs is let go: a finished row is kept a while before it folds, and what it held
   * would otherwise outlive many young collections (a stream per request makes thousands).
   */
  private finish(): void {
    const already = this.finished;
    this.settle();
    this.registry.finish(this);
    if (already || !this.finished) return;
    if (this.probe?.release !== undefined) {
      this.probe.release();
      // The probe now answers what the primitive held at the end: derived counts are final too.
      this.derive = null;
    }
    // Nothing is timed once finished: the clock's slots and the wrapper's stamp hook can go.
    this.nextSentStamp = -1;
    this.nextReceivedStamp = -1;
    this.afterReceiveStamp = null;
    this.delay?.release();
  }

  private stampSent(index: number): void {
    this.delay!.stampSent(index);
    this.nextSentStamp = this.delay!.nextSent;
  }

  private stampReceived(index: number): void {
    this.delay!.stampReceived(index);
    this.nextReceivedStamp = this.delay!.nextReceived;
    if (this.afterReceiveStamp !== null) this.afterReceiveStamp();
  }

  /**
   * For a wrapper that sees sends only now and then (`onSent` not called): the message sent at `atMs`
   * will be the `index`-th received, and its delivery is timed against that.
   */
  timeSend(index: number, atMs: number): void {
    if (this.finished) return;
    this.delay!.stampSentAt(index, atMs);
    this.nextReceivedStamp = index;
  }

  /** The message timed for receive `index` will not be that receive after all (the order shifted). */
  untimeSend(index: number): void {
    if (this.finished) return;
    this.delay!.forgetSent(index);
  }

  private logSent(index: number, value: unknown): void {
    this.sentLog!.push({ index, timestampMs: nowMs(), message: formatValue(value, this.log!) });
  }
}

export function channelRow(stats: ChannelStats): ChannelRow {
  stats.settle();
  return {
    id: stats.id,
    label: stats.site.labelFor(stats.ordinal),
    source: stats.site.source,
    hasCustomLabel: stats.site.hasCustomLabel,
    instances: 1,
    kind: stats.kind,
    type: stats.type,
    capacity: stats.capacity,
    state: stats.currentState(),
    sent: stats.sent,
    received: stats.received,
    queued: stats.currentQueued(),
    queuedBytes: stats.currentQueuedBytes(),
    delay: stats.delay === null ? null : stats.delay.reservoir.percentiles(),
    createdMs: round(stats.createdMs),
    ...(stats.finished || stats.history === null ? {} : { history: channelHistory(stats.history) }),
    ...afterField(stats),
  };
}

/** Summary rows keep exact totals; delay percentiles come from the samples the folded rows still held. */
export const summaryDelays = new WeakMap<ChannelRow, Reservoir>();

export function foldChannel(summary: ChannelRow | null, stats: ChannelStats, id: number): ChannelRow {
  const row = summary ?? {
    ...channelRow(stats),
    id,
    label: stats.site.label,
    instances: 0,
    sent: 0,
    received: 0,
    queued: 0,
    queuedBytes: null,
    delay: null,
    history: undefined,
  };
  delete row.history;
  delete row.after;
  row.instances++;
  stats.settle();
  row.sent += stats.sent;
  row.received += stats.received;
  row.queued += stats.currentQueued();
  row.state = stats.currentState();
  if (stats.delay !== null) {
    let reservoir = summaryDelays.get(row);
    if (reservoir === undefined) {
      reservoir = new Reservoir();
      summaryDelays.set(row, reservoir);
    }
    reservoir.absorb(stats.delay.reservoir);
  }
  return row;
}

export function showChannelSummary(summary: ChannelRow): ChannelRow {
  return { ...summary, delay: summaryDelays.get(summary)?.percentiles() ?? null };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
