import type {
  ChannelRow,
  ChannelSiteRow,
  ChannelState,
  PipelineLink,
  SiteFields,
  StreamRow,
  StreamSiteRow,
  StreamState,
} from '../types.js';
import { type ChannelStats, channelRow, summaryDelays } from './channel-stats.js';
import { channelHistory, streamHistory } from './history.js';
import type { SiteGroup } from './kind-registry.js';
import { type Stage, setSiteAfter } from './pipelines.js';
import { Reservoir } from './reservoir.js';
import type { Site } from './sites.js';
import { type StreamStats, streamRow } from './stream-stats.js';

/**
 * One row per site (custom label or call site), aggregated when rows are read: exact totals (folded
 * summary plus the instances still held), `queued` over the live instances, delays merged, and how many
 * instances are in each state. A site with one instance reads exactly as that instance's row.
 */

function stateCounts<E extends { finished: boolean }>(
  foldedStates: ReadonlyMap<string, number>,
  held: E[],
  stateOf: (entry: E) => string,
): { states: Record<string, number>; active: number } {
  // A plain object from the start: a scrape builds one per site, 10,000 of them at a time.
  const states: Record<string, number> = {};
  if (foldedStates.size > 0) for (const [state, count] of foldedStates) states[state] = count;
  let active = 0;
  for (const entry of held) {
    const state = stateOf(entry);
    states[state] = (states[state] ?? 0) + 1;
    if (!entry.finished) active++;
  }
  return { states, active };
}

/** The one state a site row shows: `full` if any instance is, else `active` if any is, else the latest. */
function siteState<S extends string>(states: Record<string, number>, latest: S): S {
  if ((states.full ?? 0) > 0) return 'full' as S;
  if ((states.active ?? 0) > 0) return 'active' as S;
  return latest;
}

export function channelSiteRow(group: SiteGroup<ChannelStats, ChannelRow>): ChannelSiteRow {
  const { site, summary, held } = group;
  if (summary === null && held.length === 1) return singleInstance(channelRow(held[0]!), site, held[0]!);
  const { states, active } = stateCounts(group.foldedStates, held, (stats) => stats.currentState());
  const instances = (summary?.instances ?? 0) + held.length;
  const latest = held.at(-1);
  const base: ChannelRow = latest !== undefined ? channelRow(latest) : { ...summary! };
  let sent = summary?.sent ?? 0;
  let received = summary?.received ?? 0;
  let queued = 0;
  let queuedBytes: number | null = null;
  const delays = new Reservoir();
  const folded = summary === null ? undefined : summaryDelays.get(summary);
  if (folded !== undefined) delays.absorb(folded);
  for (const stats of held) {
    stats.settle();
    sent += stats.sent;
    received += stats.received;
    if (stats.finished) continue;
    queued += stats.currentQueued();
    const bytes = stats.currentQueuedBytes();
    if (bytes !== null) queuedBytes = (queuedBytes ?? 0) + bytes;
  }
  for (const stats of held) if (stats.delay !== null) delays.absorb(stats.delay.reservoir);
  const history = active > 0 && site.history !== null ? { history: channelHistory(site.history) } : {};
  setSiteAfter(base, held);
  return {
    ...base,
    ...history,
    ...siteHead(site, instances, siteState<ChannelState>(states, base.state)),
    sent,
    received,
    queued,
    queuedBytes,
    delay: delays.percentiles(),
    active,
    states,
  };
}

export function streamSiteRow(group: SiteGroup<StreamStats, StreamRow>): StreamSiteRow {
  const { site, summary, held } = group;
  if (summary === null && held.length === 1) return singleInstance(streamRow(held[0]!), site, held[0]!);
  const { states, active } = stateCounts(group.foldedStates, held, (stats) => stats.state);
  const instances = (summary?.instances ?? 0) + held.length;
  const rows = held.map(streamRow);
  const base: StreamRow = rows.at(-1) ?? { ...summary! };
  let yielded = summary?.yielded ?? 0;
  let consumerWaitMs = summary?.consumerWaitMs ?? null;
  for (const row of rows) {
    yielded += row.yielded;
    if (row.consumerWaitMs !== null) consumerWaitMs = (consumerWaitMs ?? 0) + row.consumerWaitMs;
  }
  const history = active > 0 && site.history !== null ? { history: streamHistory(site.history) } : {};
  setSiteAfter(base, held);
  return {
    ...base,
    ...history,
    ...siteHead(site, instances, siteState<StreamState>(states, base.state)),
    yielded,
    // Per instance, averaged over the held ones (the folded ones keep no rates of their own).
    firstItemMs: mean(rows.map((row) => row.firstItemMs)) ?? summary?.firstItemMs ?? null,
    itemsPerSecond: mean(rows.map((row) => row.itemsPerSecond)) ?? summary?.itemsPerSecond ?? null,
    consumerWaitMs: consumerWaitMs === null ? null : round(consumerWaitMs),
    active,
    states,
  };
}

/**
 * A site of one instance (most sites) reads as that instance's row: the fresh row is named as the site
 * in place, without the copies and counting of the general case (a scrape reads 10,000 sites at a time).
 */
function singleInstance<R extends { id: number; label: string; state: string; after?: PipelineLink }>(
  row: R,
  site: Site,
  entry: Stage,
): R & SiteFields {
  const siteRow = row as R & SiteFields;
  setSiteAfter(siteRow, [entry]);
  siteRow.id = site.id;
  siteRow.label = site.label;
  siteRow.active = entry.finished ? 0 : 1;
  siteRow.states = { [row.state]: 1 };
  return siteRow;
}

/** What names a site row: the site's id and label (no `-N` suffix), its instance count and state. */
function siteHead<S extends string>(site: Site, instances: number, state: S) {
  return { id: site.id, label: site.label, instances, state };
}

function mean(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : round(known.reduce((a, b) => a + b, 0) / known.length);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
