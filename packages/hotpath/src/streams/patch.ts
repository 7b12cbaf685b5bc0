/**
 * Puts a wrapper method on one instance, shadowing the prototype's, as a non-enumerable property so
 * that `Object.keys`, spreads and JSON of the instance stay as they were.
 */
export function defineHidden(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}
