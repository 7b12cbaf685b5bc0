import { isDecoratorContext, methodDecorator } from '../futures/decorator.js';
import { activate } from '../lifecycle.js';
import { checkOptions } from '../options.js';
import type { CallSite } from '../registry/call-site.js';
import { functionRegistry } from '../registry/functions.js';
import type { MeasureOptions } from '../types.js';
import { timedCalls } from './timing.js';

const OPTIONS = ['label', 'log'] as const;

/**
 * `measure(fn, options)` wraps a function; `measure(options?)` makes a method decorator whose methods
 * count at the decorator's line. Anything else is the caller's mistake, said plainly.
 */
export function measureOn(
  fnOrOptions: unknown,
  options: MeasureOptions | undefined,
  argumentCount: number,
  callSite: CallSite | null,
): unknown {
  if (typeof fnOrOptions === 'function') {
    if (argumentCount === 3 || isDecoratorContext(options)) throw bareDecorator();
    checkOptions('measure', options, OPTIONS);
    const wrapped = measureFunction(fnOrOptions, options, callSite);
    activate();
    return wrapped;
  }
  if (fnOrOptions !== undefined && (typeof fnOrOptions !== 'object' || fnOrOptions === null)) {
    throw new TypeError(
      `measure(fn, options): fn must be a function (or call measure(options) to get a method decorator), got ${fnOrOptions === null ? 'null' : typeof fnOrOptions}`,
    );
  }
  if (argumentCount === 3) throw bareDecorator();
  const decoratorOptions = fnOrOptions as MeasureOptions | undefined;
  checkOptions('measure', decoratorOptions, OPTIONS);
  return methodDecorator((method) => {
    const wrapped = measureFunction(method, decoratorOptions, callSite);
    activate();
    return wrapped;
  }, 'measure');
}

function bareDecorator(): TypeError {
  return new TypeError('@measure needs parentheses: write @measure() or @measure({ label: "name" })');
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
