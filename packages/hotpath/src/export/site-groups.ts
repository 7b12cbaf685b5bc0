/**
 * The snapshot's site rows as exporters speak of them: one group per site (custom label or call site) with
 * the attributes that name it, cut down to the series limit. The registry already sums a site's instances
 * (`takeSnapshot('site')`); a series per instance or per value would grow without bound, so exporters never
 * see instances.
 */
import type {
  ChannelSiteRow,
  DelayPercentiles,
  FunctionRow,
  FutureRow,
  GaugeRow,
  RuntimeStats,
  Snapshot,
  StreamSiteRow,
  ThreadStats,
} from '../types.js';

/** The attributes of one series: `label`, `kind`, `site` for a site; a few fixed names elsewhere. */
export type Attributes = Readonly<Record<string, string>>;

/** What every group carries: the attributes naming its site, built once per scrape. */
export interface SiteGroup {
  at: Attributes;
}

export interface ChannelGroup extends SiteGroup {
  sent: number;
  received: number;
  queued: number;
  /** Of the live instances, where known. */
  capacity: number | null;
  delay: DelayPercentiles | null;
}

export interface StreamGroup extends SiteGroup {
  items: number;
}

export interface FutureGroup extends SiteGroup {
  resolved: number;
  rejected: number;
  cancelled: number;
  pending: number;
  duration: DelayPercentiles | null;
}

export interface FunctionGroup extends SiteGroup {
  calls: number;
  errors: number;
  pending: number;
  duration: DelayPercentiles | null;
}

export interface GaugeGroup extends SiteGroup {
  updates: number;
  value: number | null;
  min: number | null;
  max: number | null;
}

export interface SiteGroups {
  channels: ChannelGroup[];
  streams: StreamGroup[];
  futures: FutureGroup[];
  functions: FunctionGroup[];
  gauges: GaugeGroup[];
}

/** What one scrape or collection exports: the site groups under the limit and the process-wide figures. */
export interface MetricGroups extends SiteGroups {
  /** Sites that did not fit under the series limit and were summed into the `(other)` rows. */
  foldedSites: number;
  faults: number;
  /** The process-wide runtime figures; null until the sampler has started. */
  runtime: RuntimeStats | null;
  /** The threads whose loop and heap are exported, each with its `thread` attribute. */
  threads: { at: Attributes; stats: ThreadStats }[];
}

export type GroupKind = keyof SiteGroups;
export const GROUP_KINDS: readonly GroupKind[] = ['channels', 'streams', 'futures', 'functions', 'gauges'];

/** The label values of the row that stands for every site beyond the series limit. */
export const OTHER = '(other)';
const OTHER_AT: Attributes = { label: OTHER, kind: OTHER, site: OTHER };

/** Milliseconds as seconds, without the binary noise of the division (`2.9565e-5`, not `…0000002`). */
export function seconds(ms: number): number {
  return Number((ms / 1000).toPrecision(12));
}

/** The site rows of a `takeSnapshot('site')` as groups, rows of one site from several threads summed. */
export function groupSites(snapshot: Snapshot): SiteGroups {
  return {
    channels: merged(snapshot.channels as ChannelSiteRow[], channelGroup, addChannel),
    streams: merged(snapshot.streams as StreamSiteRow[], streamGroup, addCounters),
    futures: merged(snapshot.futures, futureGroup, addFuture),
    // By id, the order they were first seen: the snapshot's (by time spent) changes from scrape to scrape.
    functions: merged(
      [...(snapshot.functions ?? [])].sort((a, b) => a.id - b.id),
      functionGroup,
      addFunction,
    ),
    gauges: merged(snapshot.gauges ?? [], gaugeGroup, addCounters),
  };
}

/**
 * One group per distinct set of attributes, in the rows' order. Only rows that worker threads publish can
 * repeat a site (each thread has its own sites); they add up into one series, as one site should.
 */
function merged<R extends { label: string; source: string | null }, G extends SiteGroup>(
  rows: readonly R[],
  create: (row: R, at: Attributes) => G,
  add: (into: G, from: G) => void,
): G[] {
  const groups: G[] = [];
  const byKey = new Map<string, G>();
  for (const row of rows) {
    const kind = (row as { kind?: unknown }).kind;
    const at = { label: row.label, kind: typeof kind === 'string' ? kind : 'future', site: row.source ?? '' };
    const key = `${at.kind}\u0000${at.site}\u0000${at.label}`;
    const group = create(row, at);
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, group);
      groups.push(group);
    } else add(seen, group);
  }
  return groups;
}

function channelGroup(row: ChannelSiteRow, at: Attributes): ChannelGroup {
  // A site's instances share the capacity their call site gives them; only live ones hold a buffer.
  const live = row.active ?? (row.state === 'active' || row.state === 'full' ? 1 : 0);
  return {
    at,
    sent: row.sent,
    received: row.received,
    queued: row.queued,
    capacity: row.capacity === null ? null : row.capacity * live,
    delay: row.delay,
  };
}

function streamGroup(row: StreamSiteRow, at: Attributes): StreamGroup {
  return { at, items: row.yielded };
}

function futureGroup(row: FutureRow, at: Attributes): FutureGroup {
  const { resolved, rejected, cancelled, pending, duration } = row;
  return { at, resolved, rejected, cancelled, pending, duration };
}

function functionGroup(row: FunctionRow, at: Attributes): FunctionGroup {
  const duration =
    row.p50Ms === null || row.p95Ms === null || row.p99Ms === null
      ? null
      : { samples: row.samples, p50Ms: row.p50Ms, p95Ms: row.p95Ms, p99Ms: row.p99Ms, maxMs: row.maxMs ?? 0 };
  return { at, calls: row.calls, errors: row.errors, pending: row.pending, duration };
}

function gaugeGroup(row: GaugeRow, at: Attributes): GaugeGroup {
  return { at, updates: row.updates, value: row.value, min: row.min, max: row.max };
}

/** Adds every field of `from` that adds up across sites into `into`; the rest is left alone. */
function addCounters<G extends SiteGroup>(into: G, from: G): void {
  const target = into as unknown as Record<string, unknown>;
  for (const field of ADDITIVE) {
    const value = (from as unknown as Record<string, unknown>)[field];
    if (typeof value === 'number' && typeof target[field] === 'number')
      target[field] = (target[field] as number) + value;
  }
}

/** Counters, and the gauges that sum (values queued, calls pending). */
const ADDITIVE = [
  'sent',
  'received',
  'queued',
  'items',
  'resolved',
  'rejected',
  'cancelled',
  'pending',
  'calls',
  'errors',
  'updates',
];

function addChannel(into: ChannelGroup, from: ChannelGroup): void {
  addCounters(into, from);
  if (from.capacity !== null) into.capacity = (into.capacity ?? 0) + from.capacity;
  into.delay = slower(into.delay, from.delay);
}

function addFuture(into: FutureGroup, from: FutureGroup): void {
  addCounters(into, from);
  into.duration = slower(into.duration, from.duration);
}

function addFunction(into: FunctionGroup, from: FunctionGroup): void {
  addCounters(into, from);
  into.duration = slower(into.duration, from.duration);
}

/** Of two threads' percentiles of one site, the one with the higher p99 (samples cannot be merged here). */
function slower(a: DelayPercentiles | null, b: DelayPercentiles | null): DelayPercentiles | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.p99Ms > a.p99Ms ? b : a;
}

/**
 * The row summing every folded site of a kind: counters and gauges that add up do so exactly; quantiles
 * and gauge values of different sites do not add up, so `(other)` has none.
 */
export function otherGroup(kind: GroupKind, folded: readonly SiteGroup[]): SiteGroup {
  const other = emptyGroup(kind);
  for (const group of folded) addCounters(other, group);
  return other;
}

function emptyGroup(kind: GroupKind): SiteGroup {
  const at = OTHER_AT;
  switch (kind) {
    case 'channels':
      return { at, sent: 0, received: 0, queued: 0, capacity: null, delay: null } as ChannelGroup;
    case 'streams':
      return { at, items: 0 } as StreamGroup;
    case 'futures':
      return { at, resolved: 0, rejected: 0, cancelled: 0, pending: 0, duration: null } as FutureGroup;
    case 'functions':
      return { at, calls: 0, errors: 0, pending: 0, duration: null } as FunctionGroup;
    case 'gauges':
      return { at, updates: 0, value: null, min: null, max: null } as GaugeGroup;
  }
}
