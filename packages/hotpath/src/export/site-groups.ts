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

/**
 * How the exporters read the rows of one kind: a site's group from its row, the fields that add up across
 * rows (into the same site's group from another thread, or into `(other)`), and what merges otherwise.
 */
export interface KindReader<R, G extends SiteGroup> {
  create(row: R, at: Attributes): G;
  /** Counters, and the gauges that sum (values queued, calls pending). */
  add(into: G, row: R): void;
  /** The same site from another thread: percentiles cannot be merged here, the slower one is kept. */
  merge(into: G, row: R): void;
  /** The `(other)` row before any folded site is added: no quantiles, no gauge values. */
  empty(): G;
}

const channels: KindReader<ChannelSiteRow, ChannelGroup> = {
  create: (row, at) => ({
    at,
    sent: row.sent,
    received: row.received,
    queued: row.queued,
    capacity: liveCapacity(row),
    delay: row.delay,
  }),
  add(into, row) {
    into.sent += row.sent;
    into.received += row.received;
    into.queued += row.queued;
    const capacity = liveCapacity(row);
    if (capacity !== null) into.capacity = (into.capacity ?? 0) + capacity;
  },
  merge: (into, row) => {
    into.delay = slower(into.delay, row.delay);
  },
  empty: () => ({ at: OTHER_AT, sent: 0, received: 0, queued: 0, capacity: 0, delay: null }),
};

/** A site's instances share the capacity their call site gives them; only live ones hold a buffer. */
function liveCapacity(row: ChannelSiteRow): number | null {
  if (row.capacity === null) return null;
  return row.capacity * (row.active ?? (row.state === 'active' || row.state === 'full' ? 1 : 0));
}

const streams: KindReader<StreamSiteRow, StreamGroup> = {
  create: (row, at) => ({ at, items: row.yielded }),
  add: (into, row) => {
    into.items += row.yielded;
  },
  merge: () => {},
  empty: () => ({ at: OTHER_AT, items: 0 }),
};

const futures: KindReader<FutureRow, FutureGroup> = {
  create: ({ resolved, rejected, cancelled, pending, duration }, at) => ({
    at,
    resolved,
    rejected,
    cancelled,
    pending,
    duration,
  }),
  add(into, row) {
    into.resolved += row.resolved;
    into.rejected += row.rejected;
    into.cancelled += row.cancelled;
    into.pending += row.pending;
  },
  merge: (into, row) => {
    into.duration = slower(into.duration, row.duration);
  },
  empty: () => ({ at: OTHER_AT, resolved: 0, rejected: 0, cancelled: 0, pending: 0, duration: null }),
};

const functions: KindReader<FunctionRow, FunctionGroup> = {
  create: (row, at) => ({
    at,
    calls: row.calls,
    errors: row.errors,
    pending: row.pending,
    duration: durationOf(row),
  }),
  add(into, row) {
    into.calls += row.calls;
    into.errors += row.errors;
    into.pending += row.pending;
  },
  merge: (into, row) => {
    into.duration = slower(into.duration, durationOf(row));
  },
  empty: () => ({ at: OTHER_AT, calls: 0, errors: 0, pending: 0, duration: null }),
};

function durationOf(row: FunctionRow): DelayPercentiles | null {
  const { samples, p50Ms, p95Ms, p99Ms, maxMs } = row;
  if (p50Ms === null || p95Ms === null || p99Ms === null) return null;
  return { samples, p50Ms, p95Ms, p99Ms, maxMs: maxMs ?? p99Ms };
}

const gauges: KindReader<GaugeRow, GaugeGroup> = {
  create: ({ updates, value, min, max }, at) => ({ at, updates, value, min, max }),
  add: (into, row) => {
    into.updates += row.updates;
  },
  merge: () => {},
  empty: () => ({ at: OTHER_AT, updates: 0, value: null, min: null, max: null }),
};

/** The reader of each kind's rows. */
export const READERS: { [K in GroupKind]: KindReader<RowOf<K>, SiteGroups[K][number]> } = {
  channels,
  streams,
  futures,
  functions,
  gauges,
};

export type RowOf<K extends GroupKind> = {
  channels: ChannelSiteRow;
  streams: StreamSiteRow;
  futures: FutureRow;
  functions: FunctionRow;
  gauges: GaugeRow;
}[K];

/** The rows of each kind in a `takeSnapshot('site')`, in the order sites are admitted. */
export function rowsOf(snapshot: Snapshot): { [K in GroupKind]: readonly RowOf<K>[] } {
  return {
    channels: snapshot.channels as ChannelSiteRow[],
    streams: snapshot.streams as StreamSiteRow[],
    futures: snapshot.futures,
    // By id, the order they were first seen: the snapshot's (by time spent) changes from scrape to scrape.
    functions: [...(snapshot.functions ?? [])].sort((a, b) => a.id - b.id),
    gauges: snapshot.gauges ?? [],
  };
}

/** What names a row's site: its label, kind (futures without one are plain `future`) and call site. */
export function attributesOf(row: { label: string; source: string | null; kind?: string }): Attributes {
  return { label: row.label, kind: row.kind ?? 'future', site: row.source ?? '' };
}

/** The same text for rows of one site, whichever thread they come from. */
export function siteKey(row: { label: string; source: string | null; kind?: string }): string {
  return `${row.kind ?? 'future'}\u0000${row.source ?? ''}\u0000${row.label}`;
}

/** Of two threads' percentiles of one site, the one with the higher p99. */
function slower(a: DelayPercentiles | null, b: DelayPercentiles | null): DelayPercentiles | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.p99Ms > a.p99Ms ? b : a;
}
