/**
 * The snapshot's rows summed per site (call site plus custom label), the unit every exporter speaks in:
 * a series per instance or per value would grow without bound, so exporters never see instances.
 */
import type { ChannelRow, DelayPercentiles, FutureRow, RowIdentity, Snapshot, StreamRow } from '../types.js';

/** The labels that name one site in every exporter. */
export interface SiteLabels {
  /** The custom label, or the call site's short label when there is none. */
  label: string;
  /** The primitive (`hotpath`, `node-stream`, …; `future` for futures). */
  kind: string;
  /** The call site (`path/file.ts:LINE`), or `''` when it could not be found. */
  site: string;
}

export interface ChannelGroup extends SiteLabels {
  sent: number;
  received: number;
  queued: number;
  /** Summed over the open instances; null when no instance knows its capacity. */
  capacity: number | null;
  /** The slowest instance's percentiles: samples of different instances cannot be merged exactly. */
  delay: DelayPercentiles | null;
}

export interface StreamGroup extends SiteLabels {
  items: number;
}

export interface FutureGroup extends SiteLabels {
  resolved: number;
  rejected: number;
  cancelled: number;
  pending: number;
  duration: DelayPercentiles | null;
}

export interface SiteGroups {
  channels: ChannelGroup[];
  streams: StreamGroup[];
  futures: FutureGroup[];
  /** Sites that did not fit under the series limit and were summed into the `(other)` rows. */
  foldedSites: number;
}

/** The label values of the row that stands for every site beyond the series limit. */
export const OTHER = '(other)';

/** How many series (sample lines) one site costs in the exposition; the series limit counts these. */
export function channelSeries(group: ChannelGroup): number {
  return 3 + (group.capacity === null ? 0 : 1) + (group.delay === null ? 0 : QUANTILES.length);
}

export function streamSeries(_group: StreamGroup): number {
  return 1;
}

export function futureSeries(group: FutureGroup): number {
  return 4 + (group.duration === null ? 0 : QUANTILES.length);
}

/** The quantiles exported for delays and durations, with the percentile field each one reads. */
export const QUANTILES = [
  { quantile: '0.5', field: 'p50Ms' },
  { quantile: '0.95', field: 'p95Ms' },
  { quantile: '0.99', field: 'p99Ms' },
] as const;

/** Milliseconds as seconds, without the binary noise of the division (`2.9565e-5`, not `…0000002`). */
export function seconds(ms: number): number {
  return Number((ms / 1000).toPrecision(12));
}

/**
 * Series that are always there whatever the sites: the faults counter, the folded-sites gauge and the three
 * `(other)` rows at their largest. The site budget is what is left of the limit after them.
 */
const RESERVED_SERIES = 2 + 4 + 1 + 4;

/** Groups the snapshot's rows by site, then keeps at most `seriesLimit` series, folding the rest. */
export function siteGroups(snapshot: Snapshot, seriesLimit: number): SiteGroups {
  const channels = groupRows(snapshot.channels, channelKind, newChannelGroup, addChannel);
  const streams = groupRows(snapshot.streams, streamKind, newStreamGroup, addStream);
  const futures = groupRows(snapshot.futures, futureKind, newFutureGroup, addFuture);
  return limitSeries(channels, streams, futures, Math.max(0, seriesLimit - RESERVED_SERIES));
}

function channelKind(row: ChannelRow): string {
  return row.kind;
}

function streamKind(row: StreamRow): string {
  return row.kind;
}

function futureKind(row: FutureRow): string {
  return row.kind;
}

/**
 * Sums rows per site in first-seen order (the snapshot's: custom labels first). A site's instances show as
 * `label`, `label-2`, `label-3`…, and its folded summary row as `label`; an `-N` suffix is taken for an
 * instance number only when the bare label is also there from the same source, so that a custom label
 * that itself ends in `-2` stays its own site.
 */
function groupRows<R extends RowIdentity, G extends SiteLabels>(
  rows: readonly R[],
  kindOf: (row: R) => string,
  create: (label: string, kind: string, site: string) => G,
  add: (group: G, row: R) => void,
): G[] {
  // One key per row, built once: a scrape of 10,000 rows must stay well inside its budget.
  const keys = new Array<string>(rows.length);
  const present = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key = identityKey(kindOf(row), row.source, row.hasCustomLabel, row.label);
    keys[i] = key;
    present.add(key);
  }
  const groups = new Map<string, G>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let key = keys[i]!;
    let label = row.label;
    const match = INSTANCE_SUFFIX.exec(label);
    if (match !== null) {
      const bareKey = identityKey(kindOf(row), row.source, row.hasCustomLabel, match[1]!);
      if (present.has(bareKey)) {
        key = bareKey;
        label = match[1]!;
      }
    }
    let group = groups.get(key);
    if (group === undefined) {
      group = create(label, kindOf(row), row.source ?? '');
      groups.set(key, group);
    }
    add(group, row);
  }
  return [...groups.values()];
}

const INSTANCE_SUFFIX = /^(.*)-([2-9]|[1-9]\d+)$/;

function identityKey(kind: string, source: string | null, custom: boolean, label: string): string {
  return `${kind}\u0000${source ?? ''}\u0000${custom ? 1 : 0}\u0000${label}`;
}

function newChannelGroup(label: string, kind: string, site: string): ChannelGroup {
  return { label, kind, site, sent: 0, received: 0, queued: 0, capacity: null, delay: null };
}

function addChannel(group: ChannelGroup, row: ChannelRow): void {
  group.sent += row.sent;
  group.received += row.received;
  group.queued += row.queued;
  // Only open instances hold a buffer; a folded summary row stands for finished ones.
  if (row.capacity !== null) group.capacity = (group.capacity ?? 0) + (open(row) ? row.capacity : 0);
  group.delay = slower(group.delay, row.delay);
}

function open(row: ChannelRow): boolean {
  return row.state === 'active' || row.state === 'full';
}

function newStreamGroup(label: string, kind: string, site: string): StreamGroup {
  return { label, kind, site, items: 0 };
}

function addStream(group: StreamGroup, row: StreamRow): void {
  group.items += row.yielded;
}

function newFutureGroup(label: string, kind: string, site: string): FutureGroup {
  return { label, kind, site, resolved: 0, rejected: 0, cancelled: 0, pending: 0, duration: null };
}

function addFuture(group: FutureGroup, row: FutureRow): void {
  group.resolved += row.resolved;
  group.rejected += row.rejected;
  group.cancelled += row.cancelled;
  group.pending += row.pending;
  group.duration = slower(group.duration, row.duration);
}

/** Of two instances' percentiles, the one with the higher p99 (ties: the one with more samples). */
function slower(a: DelayPercentiles | null, b: DelayPercentiles | null): DelayPercentiles | null {
  if (a === null) return b;
  if (b === null) return a;
  if (b.p99Ms !== a.p99Ms) return b.p99Ms > a.p99Ms ? b : a;
  return b.samples > a.samples ? b : a;
}

/**
 * Admits sites kind by kind in turn (the first channel, stream and future site, then the second of each, …)
 * while their series fit in `budget`; the rest are summed into one `(other)` row per kind. The snapshot's
 * order is stable, so the same sites keep their series from one scrape to the next.
 */
function limitSeries(
  channels: ChannelGroup[],
  streams: StreamGroup[],
  futures: FutureGroup[],
  budget: number,
): SiteGroups {
  const kept = { channels: [] as ChannelGroup[], streams: [] as StreamGroup[], futures: [] as FutureGroup[] };
  const rest = { channels: [] as ChannelGroup[], streams: [] as StreamGroup[], futures: [] as FutureGroup[] };
  let left = budget;
  const longest = Math.max(channels.length, streams.length, futures.length);
  for (let i = 0; i < longest; i++) {
    left = admit(channels[i], channelSeries, kept.channels, rest.channels, left);
    left = admit(streams[i], streamSeries, kept.streams, rest.streams, left);
    left = admit(futures[i], futureSeries, kept.futures, rest.futures, left);
  }
  const foldedSites = rest.channels.length + rest.streams.length + rest.futures.length;
  if (rest.channels.length > 0) kept.channels.push(foldChannels(rest.channels));
  if (rest.streams.length > 0) kept.streams.push(foldStreams(rest.streams));
  if (rest.futures.length > 0) kept.futures.push(foldFutures(rest.futures));
  return { ...kept, foldedSites };
}

function admit<G>(
  group: G | undefined,
  cost: (group: G) => number,
  kept: G[],
  rest: G[],
  left: number,
): number {
  if (group === undefined) return left;
  const needed = cost(group);
  // Once one site is folded, every later one is too: a site never jumps the queue because it is cheaper.
  if (rest.length > 0 || needed > left) {
    rest.push(group);
    return left;
  }
  kept.push(group);
  return left - needed;
}

/** Counters and gauges add up exactly; percentiles of different sites do not, so `(other)` has none. */
function foldChannels(groups: ChannelGroup[]): ChannelGroup {
  const other = newChannelGroup(OTHER, OTHER, OTHER);
  for (const group of groups) {
    other.sent += group.sent;
    other.received += group.received;
    other.queued += group.queued;
  }
  return other;
}

function foldStreams(groups: StreamGroup[]): StreamGroup {
  const other = newStreamGroup(OTHER, OTHER, OTHER);
  for (const group of groups) other.items += group.items;
  return other;
}

function foldFutures(groups: FutureGroup[]): FutureGroup {
  const other = newFutureGroup(OTHER, OTHER, OTHER);
  for (const group of groups) {
    other.resolved += group.resolved;
    other.rejected += group.rejected;
    other.cancelled += group.cancelled;
    other.pending += group.pending;
  }
  return other;
}
