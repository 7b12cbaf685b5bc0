import { performance } from 'node:perf_hooks';

/** Where every `…Ms` time in a snapshot counts from: the moment hotpath was imported. */
const origin = performance.now();

export function nowMs(): number {
  return performance.now() - origin;
}

/**
 * That moment in wall-clock milliseconds since the epoch: each thread has its own origin, and a worker
 * says where its `…Ms` times count from so that the main thread can move them onto its own.
 */
export function originEpochMs(): number {
  return performance.timeOrigin + origin;
}
