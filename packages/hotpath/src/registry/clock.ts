import { performance } from 'node:perf_hooks';

/** Where every `…Ms` time in a snapshot counts from: the moment hotpath was imported. */
const origin = performance.now();

export function nowMs(): number {
  return performance.now() - origin;
}
