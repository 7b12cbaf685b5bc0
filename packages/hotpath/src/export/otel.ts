/**
 * `hotpath/otel`: the same per-site figures as `GET /metrics`, as observable instruments on a Meter the
 * program supplies (`@opentelemetry/api` is an optional peer; nothing of it is imported here). The figures
 * are read from one snapshot per collection, so the hot path pays nothing for them.
 */
import { config } from '../config.js';
import { shielded } from '../registry/faults.js';
import { takeSnapshot } from '../registry/snapshot.js';
import type { DelayPercentiles } from '../types.js';
import { QUANTILES, type SiteLabels, seconds, siteGroups } from './site-groups.js';

/** The attributes every observation carries; string-valued, as OpenTelemetry's `Attributes` allow. */
type Attributes = Record<string, string>;

/** What hotpath needs of an `Observable*` instrument from `@opentelemetry/api` (>=1.4 <2). */
export interface ObservableLike {
  addCallback(callback: (result: unknown) => void): void;
}

/** What hotpath needs of a batch observation result. */
export interface BatchResultLike {
  observe(instrument: ObservableLike, value: number, attributes?: Attributes): void;
}

interface InstrumentOptions {
  description?: string;
  unit?: string;
}

/** What hotpath needs of an `@opentelemetry/api` `Meter`; a real Meter satisfies it. */
export interface MeterLike {
  createObservableCounter(name: string, options?: InstrumentOptions): ObservableLike;
  createObservableUpDownCounter(name: string, options?: InstrumentOptions): ObservableLike;
  createObservableGauge(name: string, options?: InstrumentOptions): ObservableLike;
  addBatchObservableCallback(
    callback: (result: BatchResultLike) => void,
    observables: ObservableLike[],
  ): void;
  removeBatchObservableCallback(
    callback: (result: BatchResultLike) => void,
    observables: ObservableLike[],
  ): void;
}

/**
 * Registers hotpath's instruments on `meter` and returns a function that stops reporting to it. With
 * monitoring off (`HOTPATH` unset) nothing is registered and the stop function does nothing.
 */
export function register(meter: MeterLike): () => void {
  if (!config.enabled) return noop;
  if (typeof meter !== 'object' || meter === null || typeof meter.addBatchObservableCallback !== 'function')
    throw new TypeError('register(meter) from hotpath/otel: expected a Meter from @opentelemetry/api >=1.4');
  const counter = (name: string, description: string, unit?: string) =>
    meter.createObservableCounter(name, { description, ...(unit === undefined ? {} : { unit }) });
  const upDown = (name: string, description: string) =>
    meter.createObservableUpDownCounter(name, { description });
  const instruments = {
    sent: counter('hotpath.channel.sent', 'Values sent into the channels of a site.'),
    received: counter('hotpath.channel.received', 'Values received from the channels of a site.'),
    queued: upDown('hotpath.channel.queued', 'Values waiting in the channels of a site now.'),
    capacity: upDown('hotpath.channel.capacity', 'Capacity of the open channels of a site, where known.'),
    delay: meter.createObservableGauge('hotpath.channel.delay', {
      description: 'Time from send to delivery: a percentile (attribute quantile) of the slowest instance.',
      unit: 's',
    }),
    items: counter('hotpath.stream.items', 'Items the streams of a site yielded.'),
    calls: counter('hotpath.future.calls', 'Finished calls of the futures of a site, by state.'),
    pending: upDown('hotpath.future.pending', 'Calls of the futures of a site still pending now.'),
    duration: meter.createObservableGauge('hotpath.future.duration', {
      description: 'Call durations: a percentile (attribute quantile) of recent calls of a site.',
      unit: 's',
    }),
    faults: counter('hotpath.faults', 'Internal faults hotpath caught instead of throwing into the program.'),
    folded: meter.createObservableGauge('hotpath.metrics.folded_sites', {
      description:
        'Sites summed into the (other) attributes because HOTPATH_METRICS_SERIES_LIMIT was reached.',
    }),
  };
  const observables = Object.values(instruments);
  // An exporter's collection must never fail because of hotpath: a fault is counted and that round skipped.
  const collect = (result: BatchResultLike) => shielded(() => observeAll(result, instruments), undefined);
  meter.addBatchObservableCallback(collect, observables);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    shielded(() => meter.removeBatchObservableCallback(collect, observables), undefined);
  };
}

type Instruments = Record<
  | 'sent'
  | 'received'
  | 'queued'
  | 'capacity'
  | 'delay'
  | 'items'
  | 'calls'
  | 'pending'
  | 'duration'
  | 'faults'
  | 'folded',
  ObservableLike
>;

function observeAll(result: BatchResultLike, i: Instruments): void {
  const snapshot = takeSnapshot();
  const groups = siteGroups(snapshot, config.metricsSeriesLimit);
  for (const g of groups.channels) {
    const at = attributes(g);
    result.observe(i.sent, g.sent, at);
    result.observe(i.received, g.received, at);
    result.observe(i.queued, g.queued, at);
    if (g.capacity !== null) result.observe(i.capacity, g.capacity, at);
    observeQuantiles(result, i.delay, at, g.delay);
  }
  for (const g of groups.streams) result.observe(i.items, g.items, attributes(g));
  for (const g of groups.futures) {
    const at = attributes(g);
    result.observe(i.calls, g.resolved, { ...at, state: 'resolved' });
    result.observe(i.calls, g.rejected, { ...at, state: 'rejected' });
    result.observe(i.calls, g.cancelled, { ...at, state: 'cancelled' });
    result.observe(i.pending, g.pending, at);
    observeQuantiles(result, i.duration, at, g.duration);
  }
  result.observe(i.faults, snapshot.faults);
  result.observe(i.folded, groups.foldedSites);
}

function observeQuantiles(
  result: BatchResultLike,
  instrument: ObservableLike,
  at: Attributes,
  p: DelayPercentiles | null,
): void {
  if (p === null) return;
  for (const { quantile, field } of QUANTILES)
    result.observe(instrument, seconds(p[field]), { ...at, quantile });
}

function attributes(group: SiteLabels): Attributes {
  return { label: group.label, kind: group.kind, site: group.site };
}

function noop(): void {}
