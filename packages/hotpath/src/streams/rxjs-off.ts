/**
 * The `hotpath-off` build of `hotpath/rxjs`: the same names as `rxjs.ts`, each the identity, and no
 * import of rxjs or of any monitoring code. Its types are `rxjs.d.ts`'s.
 */
export function stream<T>(source: T, _options?: unknown): T {
  return source;
}

export function monitored<T>(_options?: unknown): (source: T) => T {
  return identity;
}

function identity<T>(source: T): T {
  return source;
}
