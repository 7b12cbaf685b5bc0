/**
 * `hotpath/rxjs`: RxJS Observables, with rxjs's own `Observable` class (rxjs is an optional peer
 * dependency, needed only by whoever imports this). Each subscription is one instance.
 */
import { Observable } from 'rxjs';
import { config } from '../config.js';
import { activate } from '../lifecycle.js';
import { checkOptions } from '../options.js';
import { captureCallSite } from '../registry/call-site.js';
import type { StreamOptions } from '../types.js';
import { monitorWith } from './detect.js';
import {
  isObservableLike,
  monitorObservable,
  type ObservableConstructor,
  type ObservableLike,
} from './observable.js';

/** Counts what each subscription to `source` receives; subscribe to what it returns instead of `source`. */
export function stream<T>(source: Observable<T>, options?: StreamOptions): Observable<T> {
  if (!config.enabled) return source;
  checkOptions('stream', options, ['label', 'log']);
  // By shape, so that an Observable from another copy of rxjs is accepted too.
  if (typeof source !== 'object' || source === null || !isObservableLike(source)) {
    throw new TypeError('stream(source) from hotpath/rxjs: expected an RxJS Observable');
  }
  const callSite = captureCallSite(stream);
  const result = monitorWith(
    {
      accepts: 'an RxJS Observable',
      matches: () => true,
      monitor: (target, opts, site) =>
        monitorObservable(
          target as ObservableLike,
          Observable as unknown as ObservableConstructor,
          opts,
          site,
        ),
    },
    source,
    options,
    callSite,
  ) as Observable<T>;
  activate();
  return result;
}

/** The same as an operator: `source.pipe(monitored({ label: 'ticks' }))`. */
export function monitored<T>(options?: StreamOptions): (source: Observable<T>) => Observable<T> {
  if (!config.enabled) return identity;
  checkOptions('monitored', options, ['label', 'log']);
  const callSite = captureCallSite(monitored);
  return (source) => {
    const result = monitorObservable(
      source as ObservableLike,
      Observable as unknown as ObservableConstructor,
      options,
      callSite,
    ) as Observable<T>;
    activate();
    return result;
  };
}

function identity<T>(source: T): T {
  return source;
}
