import type { ChannelStats } from '../registry/channel-stats.js';
import { channelRegistry } from '../registry/channels.js';
import { futureRegistry } from '../registry/futures.js';
import { CHANNEL, FUTURE, Series, STREAM, TickClock } from '../registry/history.js';
import type { Stage } from '../registry/pipelines.js';
import type { Site } from '../registry/sites.js';
import type { StreamStats } from '../registry/stream-stats.js';
import { streamRegistry } from '../registry/streams.js';
import type { LintKind } from '../types.js';
import { LoopBlocked, type StallSource } from './loop-lint.js';
import { LINT_NAMES, type LintName, type LintSettings } from './names.js';
import { judgePipelines } from './pipeline-lint.js';
import { channelHead, futureHead, type Raise, type Raised, seconds } from './raised.js';
import { channelFull, consumerStalled, fullShare, queueGrowing } from './rules.js';

const KIND_INDEX: Record<LintKind, number> = { channel: 0, stream: 1, future: 2, runtime: 3 };
const LINT_INDEX = Object.fromEntries(LINT_NAMES.map((name, i) => [name, i])) as Record<LintName, number>;

/** Stale pending calls looked at per tick, at most (they are walked oldest first). */
const STALE_CALLS_CAP = 100_000;

/** A site's sums over its held instances during one tick. */
interface SiteSums {
  site: Site;
  tick: number;
  live: number;
  queued: number;
  full: number;
  sent: number;
  received: number;
}

/**
 * Samples every live row's history on each tick of the runtime sampler and judges the lints on it. The
 * work is one pass over the rows held (O(live rows) per tick) reading counters the hot path keeps anyway;
 * nothing runs per message. Finished rows are neither sampled nor judged.
 */
export class LintEngine {
  readonly clock: TickClock;
  private raised: Raised[] = [];
  /** When each raised lint began, kept while it stays raised so that `since` survives the window. */
  private sinceByKey = new Map<number, number>();
  private spareSince = new Map<number, number>();
  private startedMs = -1;
  private readonly loopBlocked = new LoopBlocked();
  /** Per site, reused from tick to tick (sites are bounded in number; instances come and go). */
  private readonly channelSums = new Map<Site, SiteSums>();
  private readonly streamSums = new Map<Site, SiteSums>();
  private readonly touched: SiteSums[] = [];
  /** Live rows with an upstream link, gathered on each tick (most programs: none). */
  private readonly linked: Stage[] = [];

  constructor(
    intervalMs: number,
    private readonly settings: LintSettings,
  ) {
    this.clock = new TickClock(intervalMs);
  }

  /** Raised lints as of the last tick, one per instance. */
  current(): readonly Raised[] {
    return this.raised;
  }

  tick(now: number, stalls?: StallSource): void {
    if (this.startedMs < 0) this.startedMs = now;
    const tick = this.clock.tick(now);
    const raised: Raised[] = [];
    // Two maps used in turn: last tick's is read while this tick's is filled.
    const nextSince = this.spareSince;
    nextSince.clear();
    const raise: Raise = (r, since) => {
      // A number, not a string: this runs for every raised lint on every tick.
      const key = (r.id * 4 + KIND_INDEX[r.kind]) * 8 + LINT_INDEX[r.lint];
      const kept = Math.min(this.sinceByKey.get(key) ?? since, since);
      nextSince.set(key, kept);
      const raisedLint = r as Raised;
      raisedLint.since = kept;
      raised.push(raisedLint);
    };
    this.linked.length = 0;
    let inFlight = this.channels(tick, now, raise);
    this.streams(tick, now, raise);
    const window = this.settings['pipeline-bottleneck'];
    if (this.linked.length > 0 && window !== null) judgePipelines(this.linked, tick, now, window, raise);
    inFlight += this.futures(tick, now, raise);
    const threshold = this.settings['loop-blocked'];
    if (stalls !== undefined && threshold !== null)
      this.loopBlocked.judge(now, this.startedMs, inFlight, stalls, threshold, raise);
    this.raised = raised;
    this.spareSince = this.sinceByKey;
    this.sinceByKey = nextSince;
  }

  private sumsOf(sums: Map<Site, SiteSums>, site: Site, tick: number): SiteSums {
    let entry = sums.get(site);
    if (entry === undefined) {
      entry = { site, tick: -1, live: 0, queued: 0, full: 0, sent: 0, received: 0 };
      sums.set(site, entry);
    }
    if (entry.tick !== tick) {
      entry.tick = tick;
      entry.live = entry.queued = entry.full = entry.sent = entry.received = 0;
      this.touched.push(entry);
    }
    return entry;
  }

  private channels(tick: number, now: number, raise: Raise): number {
    let inFlight = 0;
    this.touched.length = 0;
    for (const stats of channelRegistry.held()) {
      const sums = this.sumsOf(this.channelSums, stats.site, tick);
      sums.sent += stats.sent;
      sums.received += stats.received;
      if (stats.finished) continue;
      const series = seriesOf(stats, CHANNEL.FIELDS, this.clock);
      const at = series.open(tick);
      const queued = stats.currentQueued();
      const state = stats.currentState();
      const full = state === 'full' ? 1 : 0;
      series.buffer[at + CHANNEL.QUEUED] = queued;
      series.buffer[at + CHANNEL.FULL] = full;
      series.step(at, CHANNEL.SENT, stats.sent);
      series.step(at, CHANNEL.RECEIVED, stats.received);
      if (stats.after !== null || stats.afterLabel !== null) this.linked.push(stats);
      sums.live++;
      sums.queued += queued;
      sums.full += full;
      inFlight += queued;
      // A closed channel is done for its user (a side let go): what is left in it is not a stall.
      if (state === 'active' || state === 'full') this.judgeChannel(stats, series, now, raise);
    }
    for (const sums of this.touched) {
      const summary = channelRegistry.summaryOf(sums.site);
      const series = seriesOf(sums.site, CHANNEL.FIELDS, this.clock);
      const sent = sums.sent + (summary?.sent ?? 0);
      const received = sums.received + (summary?.received ?? 0);
      if (sums.live === 0) {
        // No live instance: no sample, but the totals move on so that the next one starts from here.
        series.last[CHANNEL.SENT] = sent;
        series.last[CHANNEL.RECEIVED] = received;
        continue;
      }
      const at = series.open(tick);
      series.buffer[at + CHANNEL.QUEUED] = sums.queued;
      series.buffer[at + CHANNEL.FULL] = sums.full;
      series.step(at, CHANNEL.SENT, sent);
      series.step(at, CHANNEL.RECEIVED, received);
    }
    return inFlight;
  }

  /**
   * Runs for every live channel on every tick: each rule first looks at the newest sample and gives up
   * at once when it cannot hold (not full now, nothing queued now), so a healthy row costs a few compares
   * and nothing is allocated unless a lint is raised.
   */
  private judgeChannel(stats: ChannelStats, series: Series, now: number, raise: Raise): void {
    const s = this.settings;
    const newest = series.length - 1;
    const queuedNow = series.value(newest, CHANNEL.QUEUED);
    const window = s['channel-full'];
    if (window !== null && stats.capacity !== null && series.value(newest, CHANNEL.FULL) > 0) {
      const since = channelFull(series, CHANNEL.FULL, now, window);
      if (since !== null) {
        const share = Math.round(fullShare(series, CHANNEL.FULL, now, window) * 100);
        raise(
          channelHead(
            stats,
            'channel-full',
            (label) =>
              `producer waits on ${label}: full in ${share}% of the last ${seconds(window)}; its consumer is the bottleneck`,
          ),
          since,
        );
      }
    }
    const stall = s['consumer-stalled'];
    if (stall !== null && queuedNow > 0 && series.value(newest, CHANNEL.RECEIVED) === 0) {
      const since = consumerStalled(series, CHANNEL.QUEUED, CHANNEL.RECEIVED, now, stall);
      if (since !== null)
        raise(
          channelHead(
            stats,
            'consumer-stalled',
            (label) =>
              `${label}: ${queuedNow} item(s) queued and nothing received for ${seconds(now - since)}; is its consumer stuck?`,
          ),
          since,
        );
    }
    const growing = s['queue-growing'];
    if (growing !== null && stats.capacity === null && queuedNow >= 2) {
      const since = queueGrowing(series, CHANNEL.QUEUED, now, growing);
      if (since !== null) {
        const from = series.value(
          Math.max(0, newest - Math.round(growing / this.clock.intervalMs)),
          CHANNEL.QUEUED,
        );
        raise(
          channelHead(
            stats,
            'queue-growing',
            (label) =>
              `${label}: the unbounded queue keeps rising (${from} → ${queuedNow} over ${seconds(growing)}); its consumer falls behind and memory grows with it`,
          ),
          since,
        );
      }
    }
    const leak = s['emitter-leak'];
    const listeners = leak === null || stats.probe?.listeners === undefined ? null : stats.probe.listeners();
    if (leak !== null && listeners !== null) {
      const over = listeners.max > 0 && listeners.count > listeners.max;
      if (!over) stats.overListenersSinceMs = -1;
      else {
        if (stats.overListenersSinceMs < 0) stats.overListenersSinceMs = now;
        if (now - stats.overListenersSinceMs >= leak)
          raise(
            channelHead(
              stats,
              'emitter-leak',
              (label) =>
                `${label}: ${listeners.count} listeners, past the emitter's limit of ${listeners.max} (Node's MaxListenersExceededWarning); are listeners added and never removed?`,
            ),
            stats.overListenersSinceMs,
          );
      }
    }
  }

  private streams(tick: number, now: number, raise: Raise): void {
    const threshold = this.settings['stream-unconsumed'];
    this.touched.length = 0;
    for (const stats of streamRegistry.held()) {
      const sums = this.sumsOf(this.streamSums, stats.site, tick);
      sums.sent += stats.yielded;
      if (stats.finished) continue;
      sums.live++;
      if (stats.after !== null || stats.afterLabel !== null) this.linked.push(stats);
      const series = seriesOf(stats, STREAM.FIELDS, this.clock);
      series.step(series.open(tick), STREAM.YIELDED, stats.yielded);
      if (threshold !== null) this.judgeStream(stats, now, threshold, raise);
    }
    for (const sums of this.touched) {
      const yielded = sums.sent + (streamRegistry.summaryOf(sums.site)?.yielded ?? 0);
      const series = seriesOf(sums.site, STREAM.FIELDS, this.clock);
      if (sums.live === 0) series.last[STREAM.YIELDED] = yielded;
      else series.step(series.open(tick), STREAM.YIELDED, yielded);
    }
  }

  private judgeStream(stats: StreamStats, now: number, threshold: number, raise: Raise): void {
    // Pulled once, or an item came: consumed (however late), never raised again.
    if (stats.firstPullMs >= 0 || stats.yielded > 0) return;
    if (now - stats.createdMs < threshold) return;
    raise(
      {
        lint: 'stream-unconsumed',
        kind: 'stream',
        id: stats.id,
        siteId: stats.site.id,
        label: stats.site.labelFor(stats.ordinal),
        siteLabel: stats.site.label,
        say: (label) =>
          `${label}: created ${seconds(now - stats.createdMs)} ago and nothing has pulled from it; is it ever consumed?`,
      },
      stats.createdMs,
    );
  }

  private futures(tick: number, now: number, raise: Raise): number {
    let pending = 0;
    for (const site of futureRegistry.sitesList()) {
      const series = seriesOf(site, FUTURE.FIELDS, this.clock);
      const at = series.open(tick);
      series.step(at, FUTURE.CALLS, site.calls);
      series.step(at, FUTURE.SETTLED, site.calls - site.pending);
      series.buffer[at + FUTURE.PENDING] = site.pending;
      pending += site.pending;
      if (site.lost > 0 && this.settings['future-lost'] !== null) {
        const lost = site.lost;
        raise(
          {
            ...futureHead('future-lost', site),
            say: (label) =>
              `${label}: ${lost} call(s) were garbage-collected while pending; nothing can ever settle them (was a resolve or reject dropped?)`,
          },
          site.firstLostMs,
        );
      }
    }
    const threshold = this.settings['future-pending'];
    if (threshold !== null) {
      for (const [site, stale] of futureRegistry.stalePending(now, threshold, STALE_CALLS_CAP)) {
        // Requests to and from HTTP servers may stay open by design (long polls, event streams).
        if (site.kind !== 'future') continue;
        const age = now - stale.oldestMs;
        const more = stale.count > 1 ? ` (${stale.count} calls pending over ${seconds(threshold)})` : '';
        raise(
          {
            ...futureHead('future-pending', site),
            say: (label) => `${label}: a call has been pending for ${seconds(age)}${more}`,
          },
          stale.oldestMs,
        );
      }
    }
    return pending;
  }
}

/** The history of a row (or site), made at its first sample. */
function seriesOf(holder: { history: Series | null }, fields: number, clock: TickClock): Series {
  if (holder.history === null) holder.history = new Series(fields, clock);
  return holder.history;
}
