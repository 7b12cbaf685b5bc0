import type { CallSite } from '../registry/call-site.js';
import { futureRegistry } from '../registry/futures.js';
import type { FutureOptions } from '../types.js';
import { callTracked, planFor, promiseTracked } from './track.js';

/** `future(work)` with monitoring on: one call at the caller's site, for a thenable or a thunk. */
export function trackFuture(
  work: unknown,
  options: FutureOptions | undefined,
  callSite: CallSite | null,
): unknown {
  const isThunk = typeof work === 'function';
  if (!isThunk && !isThenable(work)) {
    throw new TypeError(
      `future(work): work must be a promise (or any thenable) or a function returning one, got ${describe(work)}`,
    );
  }
  const plan = planFor(futureRegistry.site(callSite, options?.label), options);
  return isThunk
    ? callTracked(plan, work, undefined, [])
    : promiseTracked(plan, work as PromiseLike<unknown>);
}

function isThenable(value: unknown): boolean {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without a then method' : typeof value;
}
