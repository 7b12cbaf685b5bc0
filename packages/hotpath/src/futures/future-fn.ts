import type { CallSite } from '../registry/call-site.js';
import { futureRegistry } from '../registry/futures.js';
import type { FutureOptions } from '../types.js';
import { callTracked, planFor } from './track.js';

/**
 * Wraps `fn` so that each call is one tracked call at the site where `futureFn` was called (for a
 * decorator, the `@futureFn()` line). `this`, the arguments, the return value and a synchronous throw
 * pass through; `length` and `name` are the original's.
 */
export function wrapFunction<F extends Function>(
  fn: F,
  options: FutureOptions | undefined,
  callSite: CallSite | null,
): F {
  const plan = planFor(futureRegistry.site(callSite, options?.label), options);
  // `arguments`, not a rest parameter: V8 passes it to `apply` without copying it into a new array.
  const wrapped = function (this: unknown): unknown {
    // biome-ignore lint/complexity/noArguments: see above
    return callTracked(plan, fn, this, arguments);
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
  Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
  return wrapped as unknown as F;
}
