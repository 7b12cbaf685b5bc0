/**
 * `hotpath/otel`: the same per-site figures as `GET /metrics`, as observable instruments on a Meter the
 * program supplies (`@opentelemetry/api` is an optional peer; nothing of it is imported here). The figures
 * are read from one snapshot per collection, so the hot path pays nothing for them.
 */
import { config } from '../config.js';
import { shielded } from '../registry/faults.js';
import { takeSnapshot } from '../registry/snapshot.js';
import { FAMILIES, type Family, readFamily } from './families.js';
import { metricGroups } from './series-limit.js';
import type { Attributes } from './site-groups.js';

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
  const instruments = FAMILIES.map((family) => ({ family, instrument: instrumentFor(meter, family) }));
  const observables = instruments.map(({ instrument }) => instrument);
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

/** Counters as counters, gauges that add up as up-down counters, the rest (quantiles too) as gauges. */
function instrumentFor(meter: MeterLike, family: Family): ObservableLike {
  const options: InstrumentOptions = {
    description:
      family.type === 'summary' ? `${family.help} One point per quantile (attribute quantile).` : family.help,
    ...(family.unit === undefined ? {} : { unit: family.unit }),
  };
  if (family.type === 'counter') return meter.createObservableCounter(family.otel, options);
  if (family.additive === true) return meter.createObservableUpDownCounter(family.otel, options);
  return meter.createObservableGauge(family.otel, options);
}

function observeAll(
  result: BatchResultLike,
  instruments: { family: Family; instrument: ObservableLike }[],
): void {
  const metrics = metricGroups(takeSnapshot('site'), config.metricsSeriesLimit);
  for (const { family, instrument } of instruments)
    readFamily(family, metrics, (value, at, extra) =>
      result.observe(instrument, value, extra === undefined ? at : { ...at, ...extra }),
    );
}

function noop(): void {}
