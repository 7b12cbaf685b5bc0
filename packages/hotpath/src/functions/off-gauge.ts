import type { Gauge } from '../types.js';

/** The gauge `gauge()` returns with monitoring off: every method does nothing and returns it. */
export const offGauge: Gauge = Object.freeze({
  set: () => offGauge,
  inc: () => offGauge,
  dec: () => offGauge,
});
