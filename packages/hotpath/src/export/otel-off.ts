/**
 * The `hotpath-off` build of `hotpath/otel`: `register` registers nothing and its stop function does
 * nothing. No monitoring code is imported. Its types are `otel.d.ts`'s.
 */
export function register(_meter: unknown): () => void {
  return stop;
}

function stop(): void {}
