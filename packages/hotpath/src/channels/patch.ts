import { recordFault } from '../registry/faults.js';

/**
 * Instance patching, the one technique every adapter shares: the method is replaced on the instance only,
 * non-enumerable, so `Object.keys`, `JSON.stringify` and the prototype stay as they were.
 */
export function patch<F extends (...args: any[]) => any>(
  target: object,
  name: string | symbol,
  replacement: (original: F) => F,
): void {
  const original = (target as Record<string | symbol, F>)[name]!;
  ownMethod.value = replacement(original);
  try {
    Object.defineProperty(target, name, ownMethod);
  } finally {
    ownMethod.value = undefined;
  }
}

/** The one descriptor every patch defines with (a stream gets four: one object, not four per stream). */
const ownMethod: PropertyDescriptor = {
  value: undefined,
  writable: true,
  configurable: true,
  enumerable: false,
};

/**
 * A probe reads the primitive through this, so that monitoring never keeps it alive. The probe reads
 * internals (Node's stream state) that a future version might change: a failed read is a recorded fault
 * and the `fallback` value, never an exception in the snapshot.
 */
export function weakly<T extends object, R>(target: T, read: (target: T) => R, fallback: R): () => R {
  const ref = new WeakRef(target);
  return () => {
    const live = ref.deref();
    if (live === undefined) return fallback;
    try {
      return read(live);
    } catch (error) {
      recordFault(error);
      return fallback;
    }
  };
}

export function isObject(value: unknown): value is Record<string | symbol, unknown> {
  return typeof value === 'object' && value !== null;
}

export const noop = (): void => {};
