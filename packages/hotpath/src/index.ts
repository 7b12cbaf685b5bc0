/**
 * hotpath: monitor channels, streams and futures without changing them. Everything is decided once, at
 * import, by `HOTPATH`: off, every wrapper hands its argument straight back and nothing else happens.
 */
import { monitorChannel } from './channels/detect.js';
import { config } from './config.js';
import { measureBlockOn } from './functions/block.js';
import { gaugeOn, valOn } from './functions/gauges.js';
import { measureOn } from './functions/measure.js';
import { offGauge } from './functions/off-gauge.js';
import { futureFnOff, measureOff } from './futures/decorator.js';
import { trackFuture } from './futures/future.js';
import { futureFnOn } from './futures/future-fn.js';
import { activate, activateOnFirstWorker } from './lifecycle.js';
import { checkOptions, checkReportOptions } from './options.js';
import { captureCallSite } from './registry/call-site.js';
import { noteHandedBack, startRegistration } from './registry/pipelines.js';
import { emptySnapshot, takeSnapshot } from './registry/snapshot.js';
import { ReportGuard } from './report/reporter.js';
import { startMetricsServer } from './server/launch.js';
import { monitorStream } from './streams/detect.js';
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

/** Whether monitoring is on (`HOTPATH=1`). */
export const enabled: boolean = config.enabled;

if (enabled) activateOnFirstWorker();

/** Starts counting what flows through `target` and returns it (the same object; for WHATWG streams, one of the same type). */
export function channel<T>(target: T, options?: ChannelOptions): T {
  if (!enabled) return target;
  checkOptions('channel', options, ['label', 'log', 'capacity', 'after']);
  startRegistration();
  const result = monitorChannel(target, options, captureCallSite(channel)) as T;
  noteHandedBack(result);
  activate();
  return result;
}

/** Counts the items a source yields; consume what it returns exactly as you would have consumed `source`. */
export function stream<T>(source: T, options?: StreamOptions): T {
  if (!enabled) return source;
  checkOptions('stream', options, ['label', 'log', 'after']);
  startRegistration();
  const result = monitorStream(source, options, captureCallSite(stream)) as T;
  noteHandedBack(result);
  activate();
  return result;
}

/** Tracks one promise (or the promise a thunk returns): how long it took and how it ended. */
export function future<T>(
  work: PromiseLike<T> | (() => PromiseLike<T>),
  options?: FutureOptions,
): Promise<T> {
  if (!enabled) return (typeof work === 'function' ? work() : work) as Promise<T>;
  checkOptions('future', options, ['label', 'log', 'signal']);
  // A thunk runs inside trackFuture and may end the process there: the exit report must already be armed.
  if (typeof work === 'function') activate();
  const result = trackFuture(work, options, captureCallSite(future)) as Promise<T>;
  activate();
  return result;
}

/** Tracks every call of an async function; also usable as a method decorator, `@futureFn()`. */
export function futureFn<F extends (...args: any[]) => PromiseLike<unknown>>(
  fn: F,
  options?: FutureOptions,
): F;
export function futureFn(options?: FutureOptions): FutureMethodDecorator;
export function futureFn(fnOrOptions?: unknown, options?: FutureOptions): unknown {
  if (!enabled) return futureFnOff(fnOrOptions);
  // biome-ignore lint/complexity/noArguments: a bare `@futureFn` passes two or three arguments
  return futureFnOn(fnOrOptions, options, arguments.length, captureCallSite(futureFn));
}

/**
 * Times every call of a function, sync or async (an async one until it settles); also usable as a method
 * decorator, `@measure()`. Returns a function that behaves exactly like `fn`.
 */
export function measure<F extends (...args: any[]) => unknown>(fn: F, options?: MeasureOptions): F;
export function measure(options?: MeasureOptions): MeasureMethodDecorator;
export function measure(fnOrOptions?: unknown, options?: MeasureOptions): unknown {
  if (!enabled) return measureOff(fnOrOptions);
  // biome-ignore lint/complexity/noArguments: a bare `@measure` passes two or three arguments
  return measureOn(fnOrOptions, options, arguments.length, captureCallSite(measure));
}

/** Runs `body` now and times it as one call of the block `label`; returns what `body` returns. */
export function measureBlock<T>(label: string, body: () => T): T {
  if (!enabled) return body();
  return measureBlockOn(label, body, measureBlock);
}

/** The gauge named `label` (set it, or step it with `inc`/`dec`); `gauge(label, value)` also sets it. */
export function gauge(label: string, value?: number): Gauge {
  if (!enabled) return offGauge;
  // biome-ignore lint/complexity/noArguments: `gauge(label, undefined)` is a mistake to report, not a read
  return gaugeOn(label, value, arguments.length, gauge);
}

/** Records `value` under `label`: the latest one, and the most recent ones as a bounded log. */
export function val(label: string, value: unknown): void {
  if (enabled) valOn(label, value, val);
}

/** Opens a report guard: its report prints at `stop()` (or at exit) instead of the default one. */
export function start(options: ReportOptions = {}): Guard {
  if (!enabled) return offGuard;
  checkReportOptions('start', options);
  return new ReportGuard(options);
}

/** Runs `fn` under a guard and prints the report when it settles. */
export async function main<T>(fn: () => T | Promise<T>, options: ReportOptions = {}): Promise<T> {
  const guard = start(options);
  try {
    return await fn();
  } finally {
    await guard.stop();
  }
}

/** Everything monitored, as of now: exactly what the metrics server serves. */
export function snapshot(): Snapshot {
  return enabled ? takeSnapshot() : emptySnapshot();
}

/**
 * The metrics server's address (`http://127.0.0.1:6770`, with the port it really bound), once it listens;
 * null when monitoring or the server is off, or it could not start. Starts the server if nothing has yet.
 */
export function serverUrl(): Promise<string | null> {
  return enabled ? startMetricsServer() : Promise.resolve(null);
}

const offGuard: Guard = {
  stop: () => Promise.resolve(),
  [Symbol.asyncDispose]: () => Promise.resolve(),
};
