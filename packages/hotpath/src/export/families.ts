/**
 * Every metric hotpath exports, described once: its Prometheus and OpenTelemetry names, type, help and
 * how to read its points from the groups of one scrape. `GET /metrics` and `hotpath/otel` both walk this
 * table, so the two always carry the same figures under the same attributes.
 */
import type { DelayPercentiles } from '../types.js';
import type {
  Attributes,
  ChannelGroup,
  FunctionGroup,
  FutureGroup,
  GaugeGroup,
  GroupKind,
  MetricGroups,
  SiteGroup,
  StreamGroup,
} from './site-groups.js';
import { seconds } from './site-groups.js';

/** One point: its value, the attributes of its site (or none), and attributes of its own (`quantile`…). */
export type Emit = (value: number, at?: Attributes, extra?: Attributes) => void;

export interface Family {
  /** The Prometheus family name; a counter's samples add `_total`. */
  name: string;
  /** The OpenTelemetry instrument name. */
  otel: string;
  /** A summary is a set of quantile gauges (OpenTelemetry: one gauge with a `quantile` attribute). */
  type: 'counter' | 'gauge' | 'summary';
  /** A gauge whose values add up across attributes (an OpenTelemetry up-down counter). */
  additive?: boolean;
  unit?: 's' | 'By' | '1';
  help: string;
  /** Which site groups the family reads one by one; absent for process-wide families. */
  of?: GroupKind;
  points(source: unknown, emit: Emit): void;
}

/** The quantiles exported for delays and durations, with the percentile field each one reads. */
export const QUANTILES = [
  { quantile: '0.5', field: 'p50Ms' },
  { quantile: '0.95', field: 'p95Ms' },
  { quantile: '0.99', field: 'p99Ms' },
] as const;

const Q = QUANTILES.map(({ quantile }) => ({ quantile }));
const RESOLVED = { state: 'resolved' };
const REJECTED = { state: 'rejected' };
const CANCELLED = { state: 'cancelled' };

function quantiles(emit: Emit, at: Attributes, p: DelayPercentiles | null): void {
  if (p === null) return;
  for (let i = 0; i < QUANTILES.length; i++) emit(seconds(p[QUANTILES[i]!.field]), at, Q[i]);
}

function known(emit: Emit, value: number | null, at?: Attributes, extra?: Attributes): void {
  if (value !== null) emit(value, at, extra);
}

type FamilyHead = Omit<Family, 'of' | 'points'>;

/** A family read from each group of one kind. */
function perSite<K extends GroupKind, G extends SiteGroup>(
  of: K,
  head: FamilyHead,
  points: (group: G, emit: Emit) => void,
): Family {
  return { ...head, of, points: points as Family['points'] };
}

/** A family read once per scrape from the process-wide figures. */
function perProcess(head: FamilyHead, points: (metrics: MetricGroups, emit: Emit) => void): Family {
  return { ...head, points: points as Family['points'] };
}

const SITE_FAMILIES: Family[] = [
  perSite(
    'channels',
    {
      name: 'hotpath_channel_sent',
      otel: 'hotpath.channel.sent',
      type: 'counter',
      help: 'Values sent into the channels of a site.',
    },
    (g: ChannelGroup, emit) => emit(g.sent, g.at),
  ),
  perSite(
    'channels',
    {
      name: 'hotpath_channel_received',
      otel: 'hotpath.channel.received',
      type: 'counter',
      help: 'Values received from the channels of a site.',
    },
    (g: ChannelGroup, emit) => emit(g.received, g.at),
  ),
  perSite(
    'channels',
    {
      name: 'hotpath_channel_queued',
      otel: 'hotpath.channel.queued',
      type: 'gauge',
      additive: true,
      help: 'Values waiting in the channels of a site now.',
    },
    (g: ChannelGroup, emit) => emit(g.queued, g.at),
  ),
  perSite(
    'channels',
    {
      name: 'hotpath_channel_capacity',
      otel: 'hotpath.channel.capacity',
      type: 'gauge',
      additive: true,
      help: 'Capacity of the live channels of a site, where known.',
    },
    (g: ChannelGroup, emit) => known(emit, g.capacity, g.at),
  ),
  perSite(
    'channels',
    {
      name: 'hotpath_channel_delay_seconds',
      otel: 'hotpath.channel.delay',
      type: 'summary',
      unit: 's',
      help: 'Time from send to delivery: percentiles of recent samples of the channels of a site.',
    },
    (g: ChannelGroup, emit) => quantiles(emit, g.at, g.delay),
  ),
  perSite(
    'streams',
    {
      name: 'hotpath_stream_items',
      otel: 'hotpath.stream.items',
      type: 'counter',
      help: 'Items the streams of a site yielded.',
    },
    (g: StreamGroup, emit) => emit(g.items, g.at),
  ),
  perSite(
    'futures',
    {
      name: 'hotpath_future_calls',
      otel: 'hotpath.future.calls',
      type: 'counter',
      help: 'Finished calls of the futures of a site, by how they ended (state).',
    },
    (g: FutureGroup, emit) => {
      emit(g.resolved, g.at, RESOLVED);
      emit(g.rejected, g.at, REJECTED);
      emit(g.cancelled, g.at, CANCELLED);
    },
  ),
  perSite(
    'futures',
    {
      name: 'hotpath_future_pending',
      otel: 'hotpath.future.pending',
      type: 'gauge',
      additive: true,
      help: 'Calls of the futures of a site still pending now.',
    },
    (g: FutureGroup, emit) => emit(g.pending, g.at),
  ),
  perSite(
    'futures',
    {
      name: 'hotpath_future_duration_seconds',
      otel: 'hotpath.future.duration',
      type: 'summary',
      unit: 's',
      help: 'Call durations: percentiles of recent calls of a site.',
    },
    (g: FutureGroup, emit) => quantiles(emit, g.at, g.duration),
  ),
  perSite(
    'functions',
    {
      name: 'hotpath_function_calls',
      otel: 'hotpath.function.calls',
      type: 'counter',
      help: 'Calls of a measured function or block (exact; unfinished ones included).',
    },
    (g: FunctionGroup, emit) => emit(g.calls, g.at),
  ),
  perSite(
    'functions',
    {
      name: 'hotpath_function_errors',
      otel: 'hotpath.function.errors',
      type: 'counter',
      help: 'Calls of a measured function or block that threw or rejected.',
    },
    (g: FunctionGroup, emit) => emit(g.errors, g.at),
  ),
  perSite(
    'functions',
    {
      name: 'hotpath_function_pending',
      otel: 'hotpath.function.pending',
      type: 'gauge',
      additive: true,
      help: 'Calls of a measured async function not settled yet.',
    },
    (g: FunctionGroup, emit) => emit(g.pending, g.at),
  ),
  perSite(
    'functions',
    {
      name: 'hotpath_function_duration_seconds',
      otel: 'hotpath.function.duration',
      type: 'summary',
      unit: 's',
      help: 'Call durations of a measured function or block: percentiles of timed calls.',
    },
    (g: FunctionGroup, emit) => quantiles(emit, g.at, g.duration),
  ),
  perSite(
    'gauges',
    {
      name: 'hotpath_value',
      otel: 'hotpath.gauge.value',
      type: 'gauge',
      help: 'The current value of a gauge (of a val: its last numeric value).',
    },
    (g: GaugeGroup, emit) => known(emit, g.value, g.at),
  ),
  perSite(
    'gauges',
    {
      name: 'hotpath_value_min',
      otel: 'hotpath.gauge.min',
      type: 'gauge',
      help: 'The lowest value a gauge has had.',
    },
    (g: GaugeGroup, emit) => known(emit, g.min, g.at),
  ),
  perSite(
    'gauges',
    {
      name: 'hotpath_value_max',
      otel: 'hotpath.gauge.max',
      type: 'gauge',
      help: 'The highest value a gauge has had.',
    },
    (g: GaugeGroup, emit) => known(emit, g.max, g.at),
  ),
  perSite(
    'gauges',
    {
      name: 'hotpath_value_updates',
      otel: 'hotpath.gauge.updates',
      type: 'counter',
      help: 'Updates of a gauge or val.',
    },
    (g: GaugeGroup, emit) => emit(g.updates, g.at),
  ),
];

const P50 = { quantile: '0.5' };
const P99 = { quantile: '0.99' };

/** One figure of each thread's V8 heap (threads that do not load hotpath have none). */
function heapFamily(
  name: 'used' | 'total' | 'limit',
  field: 'usedBytes' | 'totalBytes' | 'limitBytes',
  help: string,
): Family {
  return perProcess(
    {
      name: `hotpath_runtime_heap_${name}_bytes`,
      otel: `hotpath.runtime.heap.${name}`,
      type: 'gauge',
      unit: 'By',
      help,
    },
    (m, emit) => {
      for (const { at, stats } of m.threads) if (stats.heap) emit(stats.heap[field], at);
    },
  );
}

const RUNTIME_FAMILIES: Family[] = [
  perProcess(
    {
      name: 'hotpath_runtime_event_loop_delay_seconds',
      otel: 'hotpath.runtime.event_loop.delay',
      type: 'summary',
      unit: 's',
      help: 'Event-loop delay of a thread (0 = main) since monitoring started: p50 and p99.',
    },
    (m, emit) => {
      for (const { at, stats } of m.threads) {
        known(emit, msToSeconds(stats.eventLoop.delayP50Ms), at, P50);
        known(emit, msToSeconds(stats.eventLoop.delayP99Ms), at, P99);
      }
    },
  ),
  perProcess(
    {
      name: 'hotpath_runtime_event_loop_delay_max_seconds',
      otel: 'hotpath.runtime.event_loop.delay_max',
      type: 'gauge',
      unit: 's',
      help: 'Longest event-loop delay of a thread since monitoring started.',
    },
    (m, emit) => {
      for (const { at, stats } of m.threads) known(emit, msToSeconds(stats.eventLoop.delayMaxMs), at);
    },
  ),
  perProcess(
    {
      name: 'hotpath_runtime_event_loop_utilization',
      otel: 'hotpath.runtime.event_loop.utilization',
      type: 'gauge',
      unit: '1',
      help: 'Share of the last sampler interval a thread spent running code (0 to 1).',
    },
    (m, emit) => {
      for (const { at, stats } of m.threads) emit(stats.eventLoop.utilization, at);
    },
  ),
  heapFamily('used', 'usedBytes', 'V8 heap in use, per thread.'),
  heapFamily('total', 'totalBytes', 'V8 heap allocated, per thread.'),
  heapFamily('limit', 'limitBytes', 'V8 heap size limit, per thread.'),
  perProcess(
    {
      name: 'hotpath_runtime_rss_bytes',
      otel: 'hotpath.runtime.rss',
      type: 'gauge',
      unit: 'By',
      help: 'Resident set size of the process.',
    },
    (m, emit) => {
      if (m.runtime !== null) emit(m.runtime.rssBytes);
    },
  ),
  perProcess(
    {
      name: 'hotpath_runtime_gc_collections',
      otel: 'hotpath.runtime.gc.collections',
      type: 'counter',
      help: 'Garbage collections of the main thread, by kind (minor, major, incremental, weakcb).',
    },
    (m, emit) => {
      for (const { at, count } of gcKinds(m)) emit(count, at);
    },
  ),
  perProcess(
    {
      name: 'hotpath_runtime_gc_seconds',
      otel: 'hotpath.runtime.gc.duration',
      type: 'counter',
      unit: 's',
      help: 'Time the main thread spent in garbage collection, by kind.',
    },
    (m, emit) => {
      for (const { at, totalMs } of gcKinds(m)) emit(seconds(totalMs), at);
    },
  ),
  perProcess(
    {
      name: 'hotpath_runtime_stalls',
      otel: 'hotpath.runtime.stalls',
      type: 'counter',
      help: 'Event-loop stalls of 100 ms or more on the main thread.',
    },
    (m, emit) => {
      if (m.runtime !== null) emit(m.runtime.stallCount);
    },
  ),
];

const OWN_FAMILIES: Family[] = [
  perProcess(
    {
      name: 'hotpath_faults',
      otel: 'hotpath.faults',
      type: 'counter',
      help: 'Internal faults hotpath caught instead of throwing into the program.',
    },
    (m, emit) => emit(m.faults),
  ),
  perProcess(
    {
      name: 'hotpath_metrics_folded_sites',
      otel: 'hotpath.metrics.folded_sites',
      type: 'gauge',
      help: 'Sites summed into the (other) series because HOTPATH_METRICS_SERIES_LIMIT was reached.',
    },
    (m, emit) => emit(m.foldedSites),
  ),
];

/** Every family, in the order of the exposition. */
export const FAMILIES: readonly Family[] = [...SITE_FAMILIES, ...RUNTIME_FAMILIES, ...OWN_FAMILIES];

/** The families read from each group of `kind`. */
export function familiesOf(kind: GroupKind): Family[] {
  return SITE_FAMILIES.filter((family) => family.of === kind);
}

/** Reads a family's points from one scrape's groups. */
export function readFamily(family: Family, metrics: MetricGroups, emit: Emit): void {
  if (family.of === undefined) {
    family.points(metrics, emit);
    return;
  }
  const groups: readonly SiteGroup[] = metrics[family.of];
  for (let i = 0; i < groups.length; i++) family.points(groups[i], emit);
}

function msToSeconds(ms: number | null): number | null {
  return ms === null ? null : seconds(ms);
}

const gcAttributes = new Map<string, Attributes>();

function gcKinds(m: MetricGroups): { at: Attributes; count: number; totalMs: number }[] {
  if (m.runtime === null) return [];
  return Object.entries(m.runtime.gc.byKind).map(([kind, { count, totalMs }]) => {
    let at = gcAttributes.get(kind);
    if (at === undefined) {
      at = { kind };
      gcAttributes.set(kind, at);
    }
    return { at, count, totalMs };
  });
}
