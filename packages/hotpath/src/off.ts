/**
 * The `hotpath-off` build: the same names as `index.ts`, none of the machinery. Selected with the
 * `hotpath-off` export condition (`node -C hotpath-off`, or a bundler's conditions) so that a production
 * bundle carries no monitoring code at all. Its types are `index.d.ts`'s.
 */
import { offGauge } from './functions/off-gauge.js';
import { futureFnOff, measureOff } from './futures/decorator.js';
import type {
  ChannelOptions,
  FutureMethodDecorator,
  FutureOptions,
  Gauge,
  Guard,
  MeasureMethodDecorator,
  MeasureOptions,
  ReportOptions,
  Snapshot,
  StreamOptions,
} from './types.js';

export { ChannelClosedError } from './primitives/errors.js';
export type * from './types.js';

export const enabled = false;

export function channel<T>(target: T, _options?: ChannelOptions): T {
  return target;
}

export function stream<T>(source: T, _options?: StreamOptions): T {
  return source;
}

export function future<T>(
  work: PromiseLike<T> | (() => PromiseLike<T>),
  _options?: FutureOptions,
): Promise<T> {
  return (typeof work === 'function' ? work() : work) as Promise<T>;
}

export function futureFn<F extends (...args: any[]) => PromiseLike<unknown>>(
  fn: F,
  options?: FutureOptions,
): F;
export function futureFn(options?: FutureOptions): FutureMethodDecorator;
export function futureFn(fnOrOptions?: unknown, _options?: FutureOptions): unknown {
  return futureFnOff(fnOrOptions);
}

export function measure<F extends (...args: any[]) => unknown>(fn: F, options?: MeasureOptions): F;
export function measure(options?: MeasureOptions): MeasureMethodDecorator;
export function measure(fnOrOptions?: unknown, _options?: MeasureOptions): unknown {
  return measureOff(fnOrOptions);
}

export function measureBlock<T>(_label: string, body: () => T): T {
  return body();
}

export function gauge(_label: string, _value?: number): Gauge {
  return offGauge;
}

export function val(_label: string, _value: unknown): void {}

const guard: Guard = {
  stop: () => Promise.resolve(),
  [Symbol.asyncDispose]: () => Promise.resolve(),
};

export function start(_options?: ReportOptions): Guard {
  return guard;
}

export async function main<T>(fn: () => T | Promise<T>, _options?: ReportOptions): Promise<T> {
  return await fn();
}

export function serverUrl(): Promise<string | null> {
  return Promise.resolve(null);
}

export function snapshot(): Snapshot {
  return {
    schemaVersion: 1,
    pid: process.pid,
    elapsedMs: 0,
    channels: [],
    streams: [],
    futures: [],
    functions: [],
    gauges: [],
    faults: 0,
    lints: [],
  };
}
