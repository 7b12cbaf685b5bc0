import { Dispatcher } from '../dispatch.js';
import type { CallSite } from '../registry/call-site.js';
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

const dispatcher = new Dispatcher('stream(source)', adapters);

export function monitorStream(
  source: unknown,
  options: StreamOptions | undefined,
  callSite: CallSite | null,
): unknown {
  return dispatcher.monitor(source, options, callSite);
}

/** Runs one adapter, for `hotpath/rxjs`, which knows its kind; same-object dedupe and fault shield as above. */
export function monitorWith(
  adapter: StreamAdapter,
  source: object,
  options: StreamOptions | undefined,
  callSite: CallSite | null,
): unknown {
  return dispatcher.monitorWith(adapter, source, options, callSite);
}
