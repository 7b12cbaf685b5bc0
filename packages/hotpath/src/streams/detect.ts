import { describe } from '../channels/detect.js';
import type { CallSite } from '../registry/call-site.js';
import { recordFault } from '../registry/faults.js';
import type { StreamOptions } from '../types.js';
import type { StreamAdapter } from './adapter.js';
import { asyncIterableAdapter } from './async-iterable.js';
import { nodeReadableAdapter } from './node-readable.js';
import { baseObservableClass, isObservableLike, monitorObservable } from './observable.js';
import { webReadableAdapter } from './web-readable.js';

/** RxJS `Observable` by shape: rxjs itself is never imported here (see `hotpath/rxjs` for that). */
const observableAdapter: StreamAdapter = {
  accepts: 'an RxJS Observable',
  matches: (source) => isObservableLike(source) && baseObservableClass(source) !== null,
  monitor: (source, options, callSite) =>
    monitorObservable(source as never, baseObservableClass(source)!, options, callSite),
};

/**
 * Tried in order; the first that matches monitors the source. Node and WHATWG streams are async
 * iterables too, so they come first.
 */
const adapters: StreamAdapter[] = [
  nodeReadableAdapter,
  webReadableAdapter,
  observableAdapter,
  asyncIterableAdapter,
];

/** What each source was handed back as, so that wrapping the same object twice counts it once. */
const monitored = new WeakMap<object, unknown>();

export function monitorStream(
  source: unknown,
  options: StreamOptions | undefined,
  callSite: CallSite | null,
): unknown {
  if ((typeof source !== 'object' && typeof source !== 'function') || source === null)
    throw unsupported(source);
  const previous = monitored.get(source);
  if (previous !== undefined) return previous;
  const adapter = adapters.find((candidate) => matches(candidate, source));
  if (adapter === undefined) throw unsupported(source);
  return monitorWith(adapter, source, options, callSite);
}

/** Runs one adapter; a fault of ours hands the program its source back unmonitored, never an exception. */
export function monitorWith(
  adapter: StreamAdapter,
  source: object,
  options: StreamOptions | undefined,
  callSite: CallSite | null,
): unknown {
  try {
    const result = adapter.monitor(source, options, callSite);
    monitored.set(source, result);
    if (typeof result === 'object' && result !== null) monitored.set(result, result);
    return result;
  } catch (error) {
    recordFault(error);
    return source;
  }
}

function matches(adapter: StreamAdapter, source: object): boolean {
  try {
    return adapter.matches(source);
  } catch (error) {
    recordFault(error);
    return false;
  }
}

function unsupported(source: unknown): TypeError {
  const kinds = adapters.map((adapter) => adapter.accepts).join('; ');
  return new TypeError(`stream(source): expected one of: ${kinds}. Got ${describe(source)}.`);
}
