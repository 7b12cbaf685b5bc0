import { activate } from '../lifecycle.js';
import { checkOptions } from '../options.js';
import type { FutureMethodDecorator, FutureOptions, MeasureOptions } from '../types.js';

/** A wrapper that is also a method decorator factory (`futureFn`, `measure`). */
export interface WrapperApi<O extends FutureOptions | MeasureOptions> {
  name: 'futureFn' | 'measure';
  allowed: readonly ('label' | 'log' | 'signal')[];
  /** A decorator call with options, for the error of a bare `@name`. */
  example: string;
  /** Wraps one function, or one decorated method, with these options. */
  wrap(fn: Function, options: O | undefined): Function;
}

/**
 * `name(fn, options)` wraps a function; `name(options?)` makes a method decorator whose methods count at
 * the decorator's line. Anything else is the caller's mistake, said plainly.
 */
export function wrapperOn<O extends FutureOptions | MeasureOptions>(
  api: WrapperApi<O>,
  fnOrOptions: unknown,
  options: O | undefined,
  argumentCount: number,
): unknown {
  const bare = () => new TypeError(`@${api.name} needs parentheses: write @${api.name}() or ${api.example}`);
  if (typeof fnOrOptions === 'function') {
    if (argumentCount === 3 || isDecoratorContext(options)) throw bare();
    checkOptions(api.name, options, api.allowed);
    const wrapped = api.wrap(fnOrOptions, options);
    activate();
    return wrapped;
  }
  if (fnOrOptions !== undefined && (typeof fnOrOptions !== 'object' || fnOrOptions === null)) {
    throw new TypeError(
      `${api.name}(fn, options): fn must be a function (or call ${api.name}(options) to get a method decorator), got ${fnOrOptions === null ? 'null' : typeof fnOrOptions}`,
    );
  }
  if (argumentCount === 3) throw bare();
  const decoratorOptions = fnOrOptions as O | undefined;
  checkOptions(api.name, decoratorOptions, api.allowed);
  return methodDecorator((method) => {
    const wrapped = api.wrap(method, decoratorOptions);
    activate();
    return wrapped;
  }, api.name);
}

/**
 * One decorator for both decorator dialects, told apart by their arguments: TypeScript's standard
 * decorators call `(method, context)` with `context.kind === 'method'`; `experimentalDecorators` calls
 * `(prototype, key, descriptor)`. `wrap` turns the method into what replaces it (the identity when off).
 */
export function methodDecorator(
  wrap: (method: Function) => Function,
  name = 'futureFn',
): FutureMethodDecorator {
  return ((value: unknown, context: unknown, descriptor?: PropertyDescriptor) => {
    if (typeof value === 'function' && isMethodContext(context)) return wrap(value);
    if (
      descriptor !== undefined &&
      typeof descriptor === 'object' &&
      typeof descriptor.value === 'function'
    ) {
      descriptor.value = wrap(descriptor.value);
      return descriptor;
    }
    throw new TypeError(`@${name}() decorates methods only (a class method, not a field, getter or class)`);
  }) as FutureMethodDecorator;
}

/** A standard decorator's context object, passed where a wrapper expected its options: a bare `@name`. */
export function isDecoratorContext(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'kind' in value && 'name' in value;
}

function isMethodContext(context: unknown): boolean {
  return typeof context === 'object' && context !== null && (context as { kind?: unknown }).kind === 'method';
}

const identityDecorator = methodDecorator((method) => method);
const identityMeasureDecorator = methodDecorator((method) => method, 'measure');

/** `futureFn` with monitoring off: a function comes back as it is, options give a decorator that changes nothing. */
export function futureFnOff(fnOrOptions: unknown): unknown {
  return wrapperOff(fnOrOptions, identityDecorator);
}

/** `measure` with monitoring off, likewise. */
export function measureOff(fnOrOptions: unknown): unknown {
  return wrapperOff(fnOrOptions, identityMeasureDecorator);
}

function wrapperOff(fnOrOptions: unknown, decorator: unknown): unknown {
  return fnOrOptions === undefined || (typeof fnOrOptions === 'object' && fnOrOptions !== null)
    ? decorator
    : fnOrOptions;
}
