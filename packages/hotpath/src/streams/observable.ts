import type { CallSite } from '../registry/call-site.js';
import type { StreamStats } from '../registry/stream-stats.js';
import { registerStream } from '../registry/streams.js';
import type { StreamOptions } from '../types.js';

export interface Unsubscribable {
  unsubscribe(): void;
}

export interface ObservableLike {
  subscribe(observer: object): Unsubscribable;
}

/** The parts of an RxJS `Subscriber` used here. */
export interface Subscriber {
  readonly closed: boolean;
  next(value: unknown): void;
  error(error: unknown): void;
  complete(): void;
  add(teardown: unknown): void;
  remove(teardown: unknown): void;
  unsubscribe(): void;
}

/** An RxJS-style `Observable` constructor: `new Observable(subscriber => teardown)`. */
export type ObservableConstructor = new (subscribe: (subscriber: Subscriber) => () => void) => ObservableLike;

export function isObservableLike(source: object): source is ObservableLike {
  const value = source as { subscribe?: unknown; pipe?: unknown };
  return typeof value.subscribe === 'function' && typeof value.pipe === 'function';
}

/**
 * An Observable of the same class that subscribes to `source` once per subscriber, counting each
 * subscription as its own instance: `next` is an item, `complete` closes, `error` errors, and an
 * unsubscribe before either is `cancelled`. Nothing is buffered: each notification is passed on at once.
 */
export function monitorObservable(
  source: ObservableLike,
  Observable: ObservableConstructor,
  options: StreamOptions | undefined,
  callSite: CallSite | null,
): ObservableLike {
  const register = () => registerStream({ kind: 'rxjs-observable', timesConsumer: false }, options, callSite);
  // The first subscription's row exists from the start, so that a cold observable not yet subscribed is visible.
  let first: StreamStats | null = register();
  return new Observable((subscriber) => {
    const stats = first ?? register();
    first = null;
    stats.onFirstPull();
    source.subscribe(linkedObserver(subscriber, stats));
    return () => {
      if (!stats.finished) stats.onCancelled();
    };
  });
}

/**
 * What the source is subscribed with: it counts each notification and passes it on, and for the rest
 * it is the downstream subscriber. RxJS recognises it as a subscriber (it has `add`, `remove`,
 * `unsubscribe` and `closed`) and links its teardown to the downstream one, so a consumer that stops
 * (`take(3)` of an endless synchronous source) stops the source exactly as it would unwrapped.
 */
function linkedObserver(subscriber: Subscriber, stats: StreamStats) {
  return {
    next(value: unknown) {
      if (!subscriber.closed) stats.onItem(value);
      subscriber.next(value);
    },
    error(error: unknown) {
      if (!subscriber.closed) stats.onErrored();
      subscriber.error(error);
    },
    complete() {
      if (!subscriber.closed) stats.onClosed();
      subscriber.complete();
    },
    get closed() {
      return subscriber.closed;
    },
    add(teardown: unknown) {
      subscriber.add(teardown);
    },
    remove(teardown: unknown) {
      subscriber.remove(teardown);
    },
    unsubscribe() {
      subscriber.unsubscribe();
    },
  };
}

/** The base `Observable` class of an RxJS-like object, found without importing rxjs. */
export function baseObservableClass(source: object): ObservableConstructor | null {
  let proto = Object.getPrototypeOf(source) as object | null;
  let found: ObservableConstructor | null = null;
  while (proto !== null && proto !== Object.prototype) {
    if (Object.hasOwn(proto, 'subscribe') && Object.hasOwn(proto, 'pipe')) {
      found = (proto as { constructor: ObservableConstructor }).constructor;
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return found;
}
