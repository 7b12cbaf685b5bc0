import type { ChannelStats } from '../registry/channel-stats.js';
import { channelRegistry } from '../registry/channels.js';
import { CHANNEL } from '../registry/history.js';
import { linkUpstream, MAX_CHAIN, type Stage } from '../registry/pipelines.js';
import { streamRegistry } from '../registry/streams.js';
import { channelHead, type Raise, seconds } from './raised.js';
import { backedUp, fullShare, meanRate } from './rules.js';

/**
 * `pipeline-bottleneck`: walks each chain of linked rows from its last live row upstream, and names the
 * most downstream row that is backed up (its queue full, or never empty, over the window) when the row
 * after it is not: everything before it waits on it, everything after it keeps up. Only rows that are
 * linked are looked at; an unlinked program pays one compare per row.
 */
export function judgePipelines(
  linked: readonly Stage[],
  tick: number,
  now: number,
  window: number,
  raise: Raise,
): void {
  resolveLabels(linked);
  for (const stage of linked) if (stage.after !== null) stage.after.feedsTick = tick;
  const named = new Set<Stage>();
  for (const tail of linked) {
    // Only from the end of a chain: a row that feeds a live row is walked from there.
    if (tail.feedsTick === tick || tail.after === null) continue;
    const chain: Stage[] = [];
    for (let at: Stage | null = tail; at !== null && chain.length < MAX_CHAIN; at = at.after) chain.push(at);
    chain.reverse();
    let slowest = -1;
    for (let i = chain.length - 1; i >= 0; i--) {
      if (stageBackedUp(chain[i]!, now, window)) {
        slowest = i;
        break;
      }
    }
    if (slowest < 0) continue;
    const stage = chain[slowest]!;
    // Backed up means a channel row (see stageBackedUp); named once when chains share it (a tee).
    if (named.has(stage)) continue;
    named.add(stage);
    raiseBottleneck(chain, slowest, stage as ChannelStats, now, window, raise);
  }
}

function stageBackedUp(stage: Stage, now: number, window: number): boolean {
  // Only a queue can back up; a stream row (an iterator, a readable) has none of its own to read.
  if (stage.finished || stage.history === null || stage.rowKind !== 'channel') return false;
  const stats = stage as ChannelStats;
  const series = stage.history;
  const newest = series.length - 1;
  if (newest < 0 || series.value(newest, CHANNEL.QUEUED) <= 0) return false;
  return backedUp(series, CHANNEL.QUEUED, CHANNEL.FULL, stats.capacity !== null, now, window);
}

function raiseBottleneck(
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
function resolveLabels(linked: readonly Stage[]): void {
  let byLabel: Map<string, Stage> | null = null;
  for (const stage of linked) {
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

/** `parse → enrich → write`, long chains cut in the middle. */
function chainText(names: string[]): string {
  const shown = names.length <= 8 ? names : [...names.slice(0, 3), '…', ...names.slice(-4)];
  return shown.join(' → ');
}

/** `12/s`, `0.5/s`. */
function perSecond(rate: number): string {
  return `${rate >= 10 ? Math.round(rate) : Number(rate.toFixed(1))}/s`;
}
