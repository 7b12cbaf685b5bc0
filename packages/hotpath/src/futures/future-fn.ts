import { config } from '../config.js';
import type { CallSite } from '../registry/call-site.js';
import { futureRegistry } from '../registry/futures.js';
import type { FutureOptions } from '../types.js';
import { wrapperOn } from './decorator.js';
import { type CallPlan, callTracked, failed, observe, planFor } from './track.js';

/** `futureFn(fn, options)` or, as a decorator, `futureFn(options?)`: see `wrapperOn`. */
export function futureFnOn(
  fnOrOptions: unknown,
  options: FutureOptions | undefined,
  argumentCount: number,
  callSite: CallSite | null,
): unknown {
  return wrapperOn(
    {
      name: 'futureFn',
      allowed: ['label', 'log', 'signal'],
      example: '@futureFn({ log: true })',
      wrap: (fn, wrapOptions) => wrapFunction(fn, wrapOptions, callSite),
    },
    fnOrOptions,
    options,
    argumentCount,
  );
}

/**
 * Wraps `fn` so that each call is one tracked call at the site where `futureFn` was called (for a
 * decorator, the `@futureFn()` line). `this`, the arguments, the return value and a synchronous throw
 * pass through; `length` and `name` are the original's, and every other property reads through to `fn`
 * (its prototype is `fn`), so tags a program put on its function stay visible.
 */
export function wrapFunction<F extends Function>(
  fn: F,
  options: FutureOptions | undefined,
  callSite: CallSite | null,
): F {
  const plan = planFor(futureRegistry.site(callSite, options?.label), options);
  const wrapped = config.futurePolls ? countingPolls(plan, fn) : plain(plan, fn);
  Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
  Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
  Object.setPrototypeOf(wrapped, fn);
  return wrapped as unknown as F;
}

/**
 * The hot path: everything inline, so that `fn.apply(this, arguments)` forwards the arguments without
 * V8 building an arguments object (a rest parameter would copy them into a new array on every call).
 */
function plain(plan: CallPlan, fn: Function): Function {
  return function (this: unknown): unknown {
    const call = futureRegistry.begin(plan.stats, plan.everyCall);
    let result: unknown;
    try {
      // biome-ignore lint/complexity/noArguments: see above
      result = fn.apply(this, arguments);
    } catch (error) {
      failed(call, plan, error);
      throw error;
    }
    return observe(call, plan, result);
  };
}

function countingPolls(plan: CallPlan, fn: Function): Function {
  return function (this: unknown): unknown {
    // biome-ignore lint/complexity/noArguments: the arguments, exactly as given
    return callTracked(plan, fn, this, arguments);
  };
}
