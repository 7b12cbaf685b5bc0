import { wrapperOn } from '../futures/decorator.js';
import type { CallSite } from '../registry/call-site.js';
import { functionRegistry } from '../registry/functions.js';
import type { MeasureOptions } from '../types.js';
import { timedCalls } from './timing.js';

/** `measure(fn, options)` or, as a decorator, `measure(options?)`: see `wrapperOn`. */
export function measureOn(
  fnOrOptions: unknown,
  options: MeasureOptions | undefined,
  argumentCount: number,
  callSite: CallSite | null,
): unknown {
  return wrapperOn(
    {
      name: 'measure',
      allowed: ['label', 'log'],
      example: '@measure({ label: "name" })',
      wrap: (fn, wrapOptions) => measureFunction(fn, wrapOptions, callSite),
    },
    fnOrOptions,
    options,
    argumentCount,
  );
}

/**
 * Wraps `fn` so that each call counts at the site where `measure` was called (for a decorator, the
 * `@measure()` line). `length` and `name` are the original's, and every other property reads through to
 * `fn` (its prototype is `fn`), so tags a program put on its function stay visible.
 */
export function measureFunction<F extends Function>(
  fn: F,
  options: MeasureOptions | undefined,
  callSite: CallSite | null,
): F {
  const stats = functionRegistry.function(callSite, options?.label, fn.name, options?.log || undefined);
  const wrapped = timedCalls(stats, fn);
  Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
  Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
  Object.setPrototypeOf(wrapped, fn);
  return wrapped as unknown as F;
}
