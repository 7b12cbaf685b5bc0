/**
 * The lints' rules over a row's history: pure functions of the samples, the time now and the threshold,
 * so tests feed them made-up histories (time injection) and the answer never depends on machine speed.
 * Each rule answers when the condition began, or null. Every rule waits until the history covers its
 * whole window (the warm-up): a row seen for two seconds is never judged on a ten-second rule.
 */

/** What the rules read: Series implements it, and so can a test's array. */
export interface Samples {
  readonly length: number;
  /** The nominal time between samples, in ms. */
  readonly intervalMs: number;
  value(i: number, field: number): number;
  /** When sample i was taken, in ms; NaN when unknown. */
  time(i: number): number;
  /** The smallest value of a field over samples `from` (included) to `to` (excluded). */
  min(from: number, to: number, field: number): number;
}

/** The share of the window's samples that must be full. */
export const FULL_SHARE = 0.8;
/** The fewest samples any rule judges on: one late timer (a blocked loop) spans only two. */
export const MIN_SAMPLES = 3;

/**
 * The index of the oldest sample inside `(now - windowMs, now]`, or -1 when the history does not reach
 * back past the window's start (not warmed up yet).
 */
function windowStart(samples: Samples, now: number, windowMs: number, intervalMs: number): number {
  const from = now - windowMs;
  // Samples are one per tick: start from where the window would begin at the nominal interval and
  // step to the exact boundary (a step or two when ticks ran late).
  let i = Math.max(0, samples.length - 1 - Math.ceil(windowMs / intervalMs));
  while (i < samples.length - 1 && !(samples.time(i) > from) && samples.time(i + 1) <= from) i++;
  while (i > 0 && samples.time(i) > from) i--;
  // Sample i is at or before the window's start: the history covers the window.
  if (!(samples.time(i) <= from)) return -1;
  return samples.length - (i + 1) >= MIN_SAMPLES ? i + 1 : -1;
}

/**
 * `channel-full`: full in at least 80 % of the samples of the last `windowMs`. Answers the first full
 * sample of the window.
 */
export function channelFull(samples: Samples, full: number, now: number, windowMs: number): number | null {
  const start = windowStart(samples, now, windowMs, samples.intervalMs);
  if (start < 0) return null;
  let fullCount = 0;
  let first = -1;
  for (let i = start; i < samples.length; i++) {
    if (samples.value(i, full) > 0) {
      fullCount++;
      if (first < 0) first = i;
    }
  }
  const share = fullCount / (samples.length - start);
  return share >= FULL_SHARE ? samples.time(first) : null;
}

/** The share of the last `windowMs` the channel was full (for the message). */
export function fullShare(samples: Samples, full: number, now: number, windowMs: number): number {
  const start = Math.max(0, windowStart(samples, now, windowMs, samples.intervalMs));
  let fullCount = 0;
  for (let i = start; i < samples.length; i++) if (samples.value(i, full) > 0) fullCount++;
  return samples.length === start ? 0 : fullCount / (samples.length - start);
}

/**
 * `consumer-stalled`: the newest samples all have items queued and nothing received, over at least
 * `thresholdMs` and `MIN_SAMPLES` samples. Measured from the first such sample, so the stall it reports
 * is never longer than the real one. A slow consumer that takes one item per interval never qualifies.
 */
export function consumerStalled(
  samples: Samples,
  queued: number,
  received: number,
  now: number,
  thresholdMs: number,
): number | null {
  let i = samples.length - 1;
  while (i >= 0 && samples.value(i, queued) > 0 && samples.value(i, received) === 0) i--;
  const first = i + 1;
  const run = samples.length - first;
  if (run < MIN_SAMPLES) return null;
  const since = samples.time(first);
  return Number.isFinite(since) && now - since >= thresholdMs ? since : null;
}

/**
 * A pipeline stage is backed up when, over the whole window, its queue was full in at least 80 % of the
 * samples (bounded) or never once empty (unbounded): work waits on whatever takes from it. A consumer
 * that keeps up, even in bursts, empties its queue now and then and never qualifies.
 */
export function backedUp(
  samples: Samples,
  queued: number,
  full: number,
  bounded: boolean,
  now: number,
  windowMs: number,
): boolean {
  if (bounded) return channelFull(samples, full, now, windowMs) !== null;
  const start = windowStart(samples, now, windowMs, samples.intervalMs);
  return start >= 0 && samples.min(start, samples.length, queued) > 0;
}

/** The mean per second of a per-interval count over the last `windowMs` (for the message). */
export function meanRate(samples: Samples, field: number, now: number, windowMs: number): number {
  const start = Math.max(0, windowStart(samples, now, windowMs, samples.intervalMs));
  let sum = 0;
  for (let i = start; i < samples.length; i++) sum += samples.value(i, field);
  const span = samples.time(samples.length - 1) - samples.time(Math.max(0, start - 1));
  return Number.isFinite(span) && span > 0 ? (sum * 1000) / span : 0;
}

/** How many parts `queue-growing` splits its window into. */
const PARTS = 6;

/** The lowest value of `field` in part `part` of the `count` samples from `start` (no closure: hot). */
function partFloor(samples: Samples, start: number, count: number, part: number, field: number): number {
  return samples.min(
    start + Math.floor((part * count) / PARTS),
    start + Math.floor(((part + 1) * count) / PARTS),
    field,
  );
}

/**
 * `queue-growing`: over the last `windowMs`, split into six parts, the lowest depth of each part is at
 * least the one before, it never empties after the first part, and the floor rises by 2 items or more.
 * A consumer that falls behind in bursts but catches up empties the queue (a floor of 0) and never
 * qualifies; only a queue that keeps rising without draining does.
 */
export function queueGrowing(samples: Samples, queued: number, now: number, windowMs: number): number | null {
  const start = windowStart(samples, now, windowMs, samples.intervalMs);
  if (start < 0) return null;
  const count = samples.length - start;
  if (count < PARTS) return null;
  // The first and last parts first: a flat or draining queue is turned down after a third of the samples.
  const first = partFloor(samples, start, count, 0, queued);
  const last = partFloor(samples, start, count, PARTS - 1, queued);
  if (last - first < 2) return null;
  let previous = first;
  for (let part = 1; part < PARTS - 1; part++) {
    const current = partFloor(samples, start, count, part, queued);
    if (current < previous || current <= 0) return null;
    previous = current;
  }
  return last >= previous ? samples.time(start) : null;
}
