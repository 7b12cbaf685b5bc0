import type { Performance } from 'node:perf_hooks';

/**
 * Where every `…Ms` time in a snapshot counts from: the moment hotpath was imported. It is noted with
 * `process.hrtime` and put on `performance.now()`'s scale (the same monotonic clock) at the first reading:
 * `performance` loads 11 of Node's modules (~1.5 ms), which the preload would otherwise add to the
 * startup of a program that never reads the time.
 */
const importedAt = process.hrtime.bigint();
let clock: Performance | null = null;
let origin = 0;

function startClock(): Performance {
  const performance = globalThis.performance;
  origin = performance.now() - Number(process.hrtime.bigint() - importedAt) / 1e6;
  clock = performance;
  return performance;
}

export function nowMs(): number {
  // The left side runs first: `origin` is read after `startClock` has set it.
  return (clock ?? startClock()).now() - origin;
}

/**
 * That moment in wall-clock milliseconds since the epoch: each thread has its own origin, and a worker
 * says where its `…Ms` times count from so that the main thread can move them onto its own.
 */
export function originEpochMs(): number {
  return (clock ?? startClock()).timeOrigin + origin;
}
