/**
 * Which calls are timed. Reading the clock costs ~30 ns, more than everything else a timed call does, so
 * counts are kept for every call but durations only for a sample: all of a site's first `EXACT_FIRST`
 * calls (a short run's percentiles are complete), then one call in `SAMPLE_EVERY` at random.
 */
export const EXACT_FIRST = 64;
/** A power of two. */
export const SAMPLE_EVERY = 8;

/** xorshift32: sampling at random rather than every n-th call cannot fall in step with a periodic workload. */
let seed = 0x2545f491;

export function oneInSampleEvery(): boolean {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 29) % SAMPLE_EVERY === 0;
}

/**
 * Measured functions time one call in `FUNCTION_SAMPLE_EVERY` (after their first `EXACT_FIRST`): a sync
 * call's budget is 40 ns and a timed call costs ~250 ns (two clock reads), so timing one in 8 would spend
 * ~30 ns of it on average; one in 32 spends ~8.
 */
export const FUNCTION_SAMPLE_EVERY = 32;

/**
 * How many calls until the next timed one: uniform in 1 … 2·every − 1 (mean `every`), for a hot path that
 * only counts down — cheaper than a random draw on every call, and still not periodic.
 */
export function sampleGap(every: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return 1 + ((seed >>> 16) % (2 * every - 1));
}
