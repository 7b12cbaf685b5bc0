import { config } from '../config.js';
import { nowMs } from '../registry/clock.js';
import type { FunctionSite } from '../registry/function-site.js';

/**
 * The call paths of a measured function. Every call is counted; only a sample is timed (see
 * `sampling.ts`), unless `log` or `HOTPATH_TIME_EXCLUSIVE` needs every call timed. `this`, the arguments,
 * the return value and a throw pass through untouched; a returned promise is followed until it settles.
 */
export function timedCalls(stats: FunctionSite, fn: Function): Function {
  if (stats.logs === null && !config.timeExclusive) return sampled(stats, fn);
  stats.timesEveryCall = true;
  return everyCallTimed(stats, fn);
}

/**
 * The hot path: everything inline, so that `fn.apply(this, arguments)` forwards the arguments without V8
 * building an arguments object, and an untimed call costs two counters and a type check.
 */
function sampled(stats: FunctionSite, fn: Function): Function {
  return function (this: unknown): unknown {
    stats.calls++;
    if (--stats.skip > 0) {
      let result: unknown;
      try {
        // biome-ignore lint/complexity/noArguments: see above
        result = fn.apply(this, arguments);
      } catch (error) {
        stats.errors++;
        throw error;
      }
      return result instanceof Promise ? settle(stats, result, -1, 0) : result;
    }
    stats.untilTimed();
    const started = nowMs();
    let result: unknown;
    try {
      // biome-ignore lint/complexity/noArguments: see above
      result = fn.apply(this, arguments);
    } catch (error) {
      stats.errors++;
      stats.record(nowMs() - started);
      throw error;
    }
    if (result instanceof Promise) return settle(stats, result, started, 0);
    stats.record(nowMs() - started);
    return result;
  };
}

/**
 * Time spent in measured calls nested in the current synchronous call, so far. Kept up to date by the
 * every-call path only, which is the path `HOTPATH_TIME_EXCLUSIVE` uses.
 */
let nestedMs = 0;

/** Every call timed: for `log` (whose formatting dwarfs a clock read) and for exclusive time. */
function everyCallTimed(stats: FunctionSite, fn: Function): Function {
  const exclusive = config.timeExclusive;
  return function (this: unknown): unknown {
    const index = ++stats.calls;
    const outer = nestedMs;
    nestedMs = 0;
    const started = nowMs();
    let result: unknown;
    try {
      // biome-ignore lint/complexity/noArguments: the arguments, exactly as given
      result = fn.apply(this, arguments);
    } catch (error) {
      stats.errors++;
      finishSync(stats, started, outer, exclusive);
      throw error;
    }
    if (result instanceof Promise) {
      // An async call's own time runs to its settling, inclusive: what it awaits overlaps other work.
      // Its synchronous part still counts as nested time for a synchronous caller.
      nestedMs = outer + (nowMs() - started);
      return settle(stats, result, started, index);
    }
    const ended = finishSync(stats, started, outer, exclusive);
    stats.logValue(index, ended, result);
    return result;
  };
}

function finishSync(stats: FunctionSite, started: number, outer: number, exclusive: boolean): number {
  const ended = nowMs();
  const elapsed = ended - started;
  stats.record(exclusive ? Math.max(0, elapsed - nestedMs) : elapsed);
  nestedMs = outer + elapsed;
  return ended;
}

/**
 * Runs a block's body as one call of `stats`, on the very path of a measured function: the block's path
 * is made once, around a function that calls its `this`, and each run passes the body as `this`. Nothing
 * is allocated per run, and the measured functions' path stays the only one written.
 */
export function runBlock<T>(stats: FunctionSite, body: () => T): T {
  stats.blockRunner ??= timedCalls(stats, callThis);
  return stats.blockRunner.call(body) as T;
}

function callThis(this: () => unknown): unknown {
  return this();
}

/**
 * Follows an async call to its end. The promise returned is `promise.then(…)`, which settles the same way
 * one microtask later; it is the only one the program sees, so an unhandled rejection is still reported,
 * with the same reason (the original is handled here). `started` is negative for an untimed call; `index`
 * is the call's number when its value is logged.
 */
function settle(
  stats: FunctionSite,
  promise: Promise<unknown>,
  started: number,
  index: number,
): Promise<unknown> {
  stats.async = true;
  stats.pending++;
  return promise.then(
    (value) => {
      stats.pending--;
      if (started >= 0) {
        const ended = nowMs();
        stats.record(ended - started);
        if (index > 0) stats.logValue(index, ended, value);
      }
      return value;
    },
    (reason) => {
      stats.pending--;
      stats.errors++;
      if (started >= 0) stats.record(nowMs() - started);
      throw reason;
    },
  );
}
