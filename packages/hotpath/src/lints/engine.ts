import type { ChannelStats } from '../registry/channel-stats.js';
import { channelRegistry } from '../registry/channels.js';
import type { FutureSite } from '../registry/future-site.js';
import { futureRegistry } from '../registry/futures.js';
import { CHANNEL, FUTURE, Series, STREAM, TickClock } from '../registry/history.js';
import { linkUpstream, MAX_CHAIN, type Stage } from '../registry/pipelines.js';
import type { Site } from '../registry/sites.js';
import type { StreamStats } from '../registry/stream-stats.js';
import { streamRegistry } from '../registry/streams.js';
import type { Lint, LintKind, Stall } from '../types.js';
import { LINT_NAMES, type LintName, type LintSettings } from './names.js';
import { backedUp, channelFull, consumerStalled, fullShare, meanRate, queueGrowing } from './rules.js';

/** One raised lint, about one instance (or future row, or the loop), as of the last tick. */
export interface Raised {
  lint: LintName;
  kind: LintKind;
  /** The instance's id (channels, streams), the future row's, or 0 for the loop. */
  id: number;
  /** The site row it belongs to (channels, streams); the row itself otherwise. */
  siteId: number;
  label: string;
  siteLabel: string;
  since: number;
  /** The message, naming the row by the label it is given. */
  say(label: string): string;
}

/** Takes the lint it is given (made for it) and sets its `since`. */
type Raise = (raised: Omit<Raised, 'since'>, since: number) => void;

const KIND_INDEX: Record<LintKind, number> = { channel: 0, stream: 1, future: 2, runtime: 3 };
const LINT_INDEX = Object.fromEntries(LINT_NAMES.map((name, i) => [name, i])) as Record<LintName, number>;

/** What the engine needs of the loop-delay watch: stalls, counted and listed. */
export interface StallSource {
  stallsSeen(): number;
  stallList(): Stall[];
}

/** A loop stall keeps `loop-blocked` raised this long after it. */
export const LOOP_BLOCKED_HOLD_MS = 10_000;
/** Stalls in the first moments of monitoring are module loading and compilation, not the program. */
export const LOOP_WARM_UP_MS = 2_000;
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
  private stallsSeen = -1;
  private loopLastBlockedMs = -1;
  private loopBlockedSince = -1;
  private loopWorstMs = 0;
  private loopInFlight = 0;
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
    if (this.linked.length > 0) this.pipelines(tick, now, raise);
    inFlight += this.futures(tick, now, raise);
    this.loop(now, inFlight, stalls, raise);
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

  /**
   * `pipeline-bottleneck`: walks each chain of linked rows from its last live row upstream, and names the
   * most downstream row that is backed up (its queue full, or never empty, over the window) when the row
   * after it is not: everything before it waits on it, everything after it keeps up. Only rows that are
   * linked are looked at; an unlinked program pays one compare per row.
   */
  private pipelines(tick: number, now: number, raise: Raise): void {
    const window = this.settings['pipeline-bottleneck'];
    if (window === null) return;
    this.resolveLabels();
    for (const stage of this.linked) if (stage.after !== null) stage.after.feedsTick = tick;
    const named = new Set<Stage>();
    for (const tail of this.linked) {
      // Only from the end of a chain: a row that feeds a live row is walked from there.
      if (tail.feedsTick === tick || tail.after === null) continue;
      const chain: Stage[] = [];
      for (let at: Stage | null = tail; at !== null && chain.length < MAX_CHAIN; at = at.after)
        chain.push(at);
      chain.reverse();
      let slowest = -1;
      for (let i = chain.length - 1; i >= 0; i--) {
        if (this.stageBackedUp(chain[i]!, now, window)) {
          slowest = i;
          break;
        }
      }
      if (slowest < 0) continue;
      const stage = chain[slowest]!;
      // Backed up means a channel row (see stageBackedUp); named once when chains share it (a tee).
      if (named.has(stage)) continue;
      named.add(stage);
      this.raiseBottleneck(chain, slowest, stage as ChannelStats, now, window, raise);
    }
  }

  private stageBackedUp(stage: Stage, now: number, window: number): boolean {
    // Only a queue can back up; a stream row (an iterator, a readable) has none of its own to read.
    if (stage.finished || stage.history === null || stage.rowKind !== 'channel') return false;
    const stats = stage as ChannelStats;
    const series = stage.history;
    const newest = series.length - 1;
    if (newest < 0 || series.value(newest, CHANNEL.QUEUED) <= 0) return false;
    return backedUp(series, CHANNEL.QUEUED, CHANNEL.FULL, stats.capacity !== null, now, window);
  }

  private raiseBottleneck(
    chain: Stage[],
    slowest: number,
    stats: ChannelStats,
    now: number,
    window: number,
    raise: Raise,
  ): void {
    const series = stats.history!;
    const rate = meanRate(series, CHANNEL.RECEIVED, now, window);
    const queued = series.value(series.length - 1, CHANNEL.QUEUED);
    const share =
      stats.capacity === null ? null : Math.round(fullShare(series, CHANNEL.FULL, now, window) * 100);
    const names = chain.map((stage) => stage.site.labelFor(stage.ordinal));
    const last = slowest === chain.length - 1;
    // A stream stage (Node or WHATWG) is the work itself; any other channel is a queue whose consumer is.
    const processes = stats.kind === 'node-stream' || stats.kind === 'web-stream';
    raise(
      channelHead(stats, 'pipeline-bottleneck', (label) => {
        const who = processes
          ? `${label} is the slowest stage`
          : `the consumer of ${label} is the slowest stage`;
        const queue =
          share === null
            ? `queue never empty over the last ${seconds(window)}, ${queued} now`
            : `queue ${queued}, full in ${share}% of the last ${seconds(window)}`;
        const after = last ? '' : '; the stages after it keep up';
        return `pipeline ${chainText(names)}: ${who} (${perSecond(rate)} through, ${queue})${after}`;
      }),
      now - window,
    );
  }

  /** `after: 'label'` links, resolved against the live rows once a row of that label exists. */
  private resolveLabels(): void {
    let byLabel: Map<string, Stage> | null = null;
    for (const stage of this.linked) {
      if (stage.after !== null || stage.afterLabel === null) continue;
      if (byLabel === null) {
        byLabel = new Map();
        for (const stats of channelRegistry.held())
          if (!stats.finished && !byLabel.has(stats.site.label)) byLabel.set(stats.site.label, stats);
        for (const stats of streamRegistry.held())
          if (!stats.finished && !byLabel.has(stats.site.label)) byLabel.set(stats.site.label, stats);
      }
      const upstream = byLabel.get(stage.afterLabel);
      if (upstream !== undefined && upstream !== stage) linkUpstream(stage, upstream);
    }
  }

  private loop(now: number, inFlight: number, stalls: StallSource | undefined, raise: Raise): void {
    const threshold = this.settings['loop-blocked'];
    if (stalls === undefined || threshold === null) return;
    const seen = stalls.stallsSeen();
    const fresh = this.stallsSeen < 0 ? 0 : seen - this.stallsSeen;
    this.stallsSeen = seen;
    if (fresh > 0 && inFlight > 0) {
      const list = stalls.stallList();
      for (const stall of list.slice(Math.max(0, list.length - fresh))) {
        if (stall.durationMs < threshold || stall.atMs < this.startedMs + LOOP_WARM_UP_MS) continue;
        if (!programBlocked(stall, threshold)) continue;
        if (this.loopBlockedSince < 0) {
          this.loopBlockedSince = stall.atMs;
          this.loopWorstMs = 0;
        }
        this.loopLastBlockedMs = now;
        this.loopWorstMs = Math.max(this.loopWorstMs, stall.durationMs);
        this.loopInFlight = inFlight;
      }
    }
    if (this.loopBlockedSince < 0) return;
    if (now - this.loopLastBlockedMs > LOOP_BLOCKED_HOLD_MS) {
      this.loopBlockedSince = -1;
      return;
    }
    const worst = this.loopWorstMs;
    const items = this.loopInFlight;
    raise(
      {
        lint: 'loop-blocked',
        kind: 'runtime',
        id: 0,
        siteId: 0,
        label: 'event loop',
        siteLabel: 'event loop',
        say: () =>
          `the event loop was blocked for up to ${seconds(worst)} while ${items} item(s) were in flight; nothing moved meanwhile`,
      },
      this.loopBlockedSince,
    );
  }
}

/**
 * Whether the program itself held its loop (running code, collecting garbage) rather than the OS not
 * running it (a busy machine, a stopped process): over the stall, counted up to the threshold, the
 * process must have used CPU time for at least half of it, and the thread's loop must have been busy
 * (not waiting for events) for at least half of it. The second keeps another thread's work (a worker
 * spinning) from making a stall of this one the program's. A loop blocked in a synchronous wait that
 * burns no CPU (`execSync`, `Atomics.wait`) is thereby not flagged: a missed warning beats a false one.
 */
export function programBlocked(stall: Stall, thresholdMs: number): boolean {
  const needed = PROGRAM_CPU_SHARE * Math.min(stall.durationMs, thresholdMs);
  if (stall.cpuMs !== undefined && stall.cpuMs < needed) return false;
  return stall.activeMs === undefined || stall.activeMs >= needed;
}

/** The share of a stall (up to the threshold) the process must have spent on the CPU to be its own doing. */
export const PROGRAM_CPU_SHARE = 0.5;

/** The history of a row (or site), made at its first sample. */
function seriesOf(holder: { history: Series | null }, fields: number, clock: TickClock): Series {
  if (holder.history === null) holder.history = new Series(fields, clock);
  return holder.history;
}

function channelHead(stats: ChannelStats, lint: LintName, say: (label: string) => string) {
  return {
    lint,
    kind: 'channel' as const,
    id: stats.id,
    siteId: stats.site.id,
    label: stats.site.labelFor(stats.ordinal),
    siteLabel: stats.site.label,
    say,
  };
}

function futureHead(lint: LintName, site: FutureSite) {
  return {
    lint,
    kind: 'future' as const,
    id: site.id,
    siteId: site.id,
    label: site.site.label,
    siteLabel: site.site.label,
  };
}

/** `parse → enrich → write`, long chains cut in the middle. */
function chainText(names: string[]): string {
  const shown = names.length <= 8 ? names : [...names.slice(0, 3), '…', ...names.slice(-4)];
  return shown.join(' → ');
}

/** `12/s`, `0.5/s`. */
function perSecond(rate: number): string {
  return `${rate >= 10 ? Math.round(rate) : Number(rate.toFixed(1))}/s`;
}

/** `4.2 s`, `35 s`, `250 ms`. */
export function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * The lints as a snapshot lists them: one per instance, or grouped per site row (`rowId` the site's id,
 * `instances` how many raise it, `since` the earliest).
 */
export function lintList(raised: readonly Raised[], by: 'site' | 'instance'): Lint[] {
  if (by === 'instance')
    return raised.map((r) => ({
      lint: r.lint,
      rowId: r.id,
      kind: r.kind,
      label: r.label,
      since: round(r.since),
      message: r.say(r.label),
    }));
  const groups = new Map<string, { first: Raised; since: number; count: number }>();
  for (const r of raised) {
    const key = `${r.lint}|${r.kind}|${r.siteId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: r, since: r.since, count: 1 });
    else {
      group.count++;
      group.since = Math.min(group.since, r.since);
    }
  }
  return [...groups.values()].map(({ first, since, count }) => ({
    lint: first.lint,
    rowId: first.siteId,
    kind: first.kind,
    label: first.siteLabel,
    since: round(since),
    message: count > 1 ? `${first.say(first.siteLabel)} (${count} instances)` : first.say(first.siteLabel),
    ...(first.kind === 'channel' || first.kind === 'stream' ? { instances: count } : {}),
  }));
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
