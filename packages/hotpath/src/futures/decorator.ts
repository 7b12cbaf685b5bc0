import type { FutureMethodDecorator } from '../types.js';

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
